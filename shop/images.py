"""Image pipeline shared by uploads and demo data.

Decode with Pillow from an allow-list of formats, refuse decompression bombs, fix orientation from EXIF,
re-encode (which drops EXIF and GPS) at several widths, and store under a generated name.
"""
from __future__ import annotations

import contextlib
import io
import os
import secrets
import warnings
from dataclasses import dataclass

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from shop.errors import InvalidImage

try:  # HEIC/HEIF photos from phones
    from pillow_heif import register_heif_opener

    register_heif_opener()
    _HEIF = ("HEIF",)
except ImportError:  # pragma: no cover - pillow-heif is a dependency
    _HEIF = ()

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", *_HEIF)
OUTPUT_EXT = "webp"
MAX_SIDE = 16383  # WebP cannot encode a longer side


class ImageTooLarge(InvalidImage):
    """Too many pixels, or a side longer than WebP allows: the message says so."""


@dataclass
class StoredImage:
    key: str
    widths: list[int]
    width: int
    height: int

    @property
    def widths_text(self) -> str:
        return ",".join(str(w) for w in self.widths)


def image_path(upload_dir: str, key: str, width: int) -> str:
    return os.path.join(upload_dir, f"{key}-{width}.{OUTPUT_EXT}")


def decode(data: bytes, max_pixels: int) -> Image.Image:
    """Open and fully decode an uploaded file, or raise InvalidImage with a message for the user."""
    if not data:
        raise InvalidImage(_("Berkas kosong. Pilih foto JPEG, PNG, WebP atau HEIC."))
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS))
            if img.width * img.height > max_pixels:
                raise ImageTooLarge(_("Foto terlalu besar (terlalu banyak piksel)."))
            if max(img.width, img.height) > MAX_SIDE:
                raise ImageTooLarge(_("Foto terlalu panjang atau terlalu tinggi (paling banyak %(n)d piksel per sisi).",
                                     n=MAX_SIDE))
            img.load()
    except InvalidImage:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageTooLarge(_("Foto terlalu besar (terlalu banyak piksel).")) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise InvalidImage(_("Berkas ini bukan foto yang bisa dibaca. Gunakan JPEG, PNG, WebP atau HEIC.")) from None
    return img


def process(img: Image.Image, upload_dir: str, widths: tuple[int, ...], submit=None) -> StoredImage:
    """Orient, convert and write the image at each width not larger than the original.

    With `submit` (e.g. a ThreadPoolExecutor's submit) the files are encoded in the background: the returned
    StoredImage is already final (name and sizes do not depend on the encoding), and Pillow releases the GIL
    while encoding, so a batch job such as the demo uses both cores."""
    img = ImageOps.exif_transpose(img)
    if img.mode not in ("RGB",):
        background = Image.new("RGB", img.size, (255, 255, 255))
        rgba = img.convert("RGBA")
        background.paste(rgba, mask=rgba.split()[3])
        img = background
    os.makedirs(upload_dir, exist_ok=True)
    key = secrets.token_hex(12)
    made = sorted({w for w in widths if w <= img.width} or {img.width})

    def write() -> None:
        source = img
        for width in reversed(made):  # each size from the next larger one: about 3x faster than from the original
            height = max(1, round(img.height * width / img.width))
            if width != source.width:
                source = source.resize((width, height), Image.Resampling.LANCZOS)
            source.save(image_path(upload_dir, key, width), "WEBP", quality=78, method=2)

    if submit is None:
        encode_or_refuse(write)
    else:
        submit(write)
    largest = made[-1]
    return StoredImage(key=key, widths=made, width=largest, height=max(1, round(img.height * largest / img.width)))


def encode_or_refuse(write) -> None:
    """Run an encoder; its errors (an image the encoder cannot take) become a message, never a 500."""
    try:
        write()
    except (OSError, ValueError) as err:
        raise InvalidImage(_("Foto ini tidak bisa diolah. Coba foto lain atau simpan ulang sebagai JPEG.")) from err


def store_upload(data: bytes, upload_dir: str, widths: tuple[int, ...], max_pixels: int) -> StoredImage:
    return process(decode(data, max_pixels), upload_dir, widths)


def delete_files(upload_dir: str, key: str, widths: list[int]) -> None:
    for width in widths:
        with contextlib.suppress(FileNotFoundError):
            os.remove(image_path(upload_dir, key, width))
