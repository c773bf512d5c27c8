"""Image pipeline shared by uploads and demo data.

Decode with Pillow from an allow-list of formats, refuse decompression bombs, fix orientation from EXIF,
re-encode (which drops EXIF and GPS) at several widths, and store under a generated name.
"""
from __future__ import annotations

import io
import os
import secrets
import warnings
from dataclasses import dataclass

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from shop.errors import InvalidImage
from shop.storage import LocalFiles, private_files

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

THUMBNAIL_MAX_BYTES = 24_000
THUMBNAIL_QUALITIES = (78, 68, 58, 48, 38, 28)


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


def _files(target):
    """A folder path or a storage object (shop.storage: save/delete by name)."""
    if isinstance(target, str):
        return LocalFiles(target)
    return target


def file_name(key: str, width: int) -> str:
    return f"{key}-{width}.{OUTPUT_EXT}"


def probe(data: bytes, max_pixels: int) -> tuple[int, int]:
    """Check an upload now (decodes it: a broken or hostile file is refused on the form) and return its size
    as displayed; the slow part, encoding each width, is left to process() in the background."""
    img = decode(data, max_pixels)
    orientation = img.getexif().get(0x0112, 1)
    return (img.height, img.width) if orientation in (5, 6, 7, 8) else img.size


def process(img: Image.Image, target, widths: tuple[int, ...], submit=None) -> StoredImage:
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
    files = _files(target)
    key = secrets.token_hex(12)
    made = sorted({w for w in widths if w <= img.width} or {img.width})

    def write() -> None:
        source = img
        for width in reversed(made):  # each size from the next larger one: about 3x faster than from the original
            height = max(1, round(img.height * width / img.width))
            if width != source.width:
                source = source.resize((width, height), Image.Resampling.LANCZOS)
            if width == made[0]:
                data = _thumbnail(source)
            else:
                buffer = io.BytesIO()
                source.save(buffer, "WEBP", quality=78, method=2)
                data = buffer.getvalue()
            files.save(file_name(key, width), data)

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


PDF_MAGIC = b"%PDF-"
DOCUMENT_WIDTH = 1600  # a transfer slip or an expense's nota stays readable at this width


def store_private_document(data: bytes, name, not_a_photo: str, max_pixels: int) -> tuple[str, str]:
    """A photo or PDF kept in private storage (transfer slips, expense notas) under a random key; returns
    (key, kind). A PDF is kept as it is (recognised by its magic bytes); a photo is decoded, turned upright, narrowed
    to DOCUMENT_WIDTH and re-encoded as WebP (which drops EXIF and GPS). `name(key, kind)` is its storage name.
    Raises InvalidImage with a message for the person: `not_a_photo` when it is neither, ImageTooLarge for a bomb."""
    key = secrets.token_hex(16)
    if data.startswith(PDF_MAGIC):
        private_files().save(name(key, "pdf"), data)
        return key, "pdf"
    try:
        img = decode(data, max_pixels)
    except ImageTooLarge:
        raise
    except InvalidImage:
        raise InvalidImage(not_a_photo) from None
    img = ImageOps.exif_transpose(img).convert("RGB")
    if img.width > DOCUMENT_WIDTH:
        img = img.resize((DOCUMENT_WIDTH, max(1, round(img.height * DOCUMENT_WIDTH / img.width))),
                         Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    encode_or_refuse(lambda: img.save(buffer, "WEBP", quality=80))
    private_files().save(name(key, "webp"), buffer.getvalue())
    return key, "webp"


def _thumbnail(img: Image.Image) -> bytes:
    """The smallest width is the thumbnail that lists show (24 on a page, on phones with slow connections): it
    stays under THUMBNAIL_MAX_BYTES, lowering the quality only for the rare photo full of fine detail."""
    for quality in THUMBNAIL_QUALITIES:
        buffer = io.BytesIO()
        img.save(buffer, "WEBP", quality=quality, method=4)
        if buffer.tell() <= THUMBNAIL_MAX_BYTES:
            break
    return buffer.getvalue()


def store_upload(data: bytes, target, widths: tuple[int, ...], max_pixels: int) -> StoredImage:
    return process(decode(data, max_pixels), target, widths)


def delete_files(target, key: str, widths: list[int]) -> None:
    files = _files(target)
    for width in widths:
        files.delete(file_name(key, width))
