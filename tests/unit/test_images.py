import io

import pytest
from PIL import Image

from shop import images
from shop.errors import InvalidImage

WIDTHS = (320, 640, 1024)


def _jpeg_with_exif(size=(1200, 800), orientation=6) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    img.paste((20, 20, 200), (0, 0, size[0] // 2, size[1]))  # left half blue, to check rotation
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation: rotate 90° clockwise to display
    exif[0x8825] = {1: "S", 2: (6.0, 54.0, 0.0)}  # GPS IFD
    exif[0x010F] = "PhoneMaker"
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def test_orientation_fixed_metadata_gone_and_widths_produced(tmp_path):
    data = _jpeg_with_exif()
    assert Image.open(io.BytesIO(data)).getexif().get(0x0112) == 6
    stored = images.store_upload(data, str(tmp_path), WIDTHS, 40_000_000)
    # 1200x800 rotated by 90 degrees is 800 wide: 1024 is not produced (no upscaling)
    assert stored.widths == [320, 640]
    assert (stored.width, stored.height) == (640, 960)
    for width in stored.widths:
        out = Image.open(images.image_path(str(tmp_path), stored.key, width))
        assert out.format == "WEBP"
        assert out.width == width and out.height > out.width  # portrait after rotation
        assert not out.getexif()  # no EXIF, no GPS
        assert "exif" not in out.info
        # the left (blue) half of the original is now at the top
        r, g, b = out.convert("RGB").getpixel((out.width // 2, 5))
        assert b > r


def test_large_image_gets_all_widths(tmp_path):
    buf = io.BytesIO()
    Image.new("RGB", (2000, 1500), "white").save(buf, "PNG")
    stored = images.store_upload(buf.getvalue(), str(tmp_path), WIDTHS, 40_000_000)
    assert stored.widths == [320, 640, 1024]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{stored.key}-{w}.webp" for w in WIDTHS)


def test_transparent_png_flattened(tmp_path):
    buf = io.BytesIO()
    Image.new("RGBA", (400, 300), (0, 0, 0, 0)).save(buf, "PNG")
    stored = images.store_upload(buf.getvalue(), str(tmp_path), WIDTHS, 40_000_000)
    out = Image.open(images.image_path(str(tmp_path), stored.key, 320)).convert("RGB")
    assert out.getpixel((10, 10)) == (255, 255, 255)


@pytest.mark.parametrize("data", [b"", b"not an image at all", b"%PDF-1.4 fake", b"\xff\xd8\xff\xe0broken jpeg"])
def test_non_images_refused(tmp_path, data):
    with pytest.raises(InvalidImage):
        images.store_upload(data, str(tmp_path), WIDTHS, 40_000_000)
    assert not list(tmp_path.iterdir())


def test_gif_not_in_allow_list(tmp_path):
    buf = io.BytesIO()
    Image.new("RGB", (50, 50)).save(buf, "GIF")
    with pytest.raises(InvalidImage):
        images.store_upload(buf.getvalue(), str(tmp_path), WIDTHS, 40_000_000)


def test_decompression_bomb_refused(tmp_path):
    buf = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buf, "PNG")  # tiny file, 144 megapixels
    assert len(buf.getvalue()) < 200_000
    with pytest.raises(InvalidImage):
        images.store_upload(buf.getvalue(), str(tmp_path), WIDTHS, 40_000_000)
    assert not list(tmp_path.iterdir())


def test_heic_accepted(tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    buf = io.BytesIO()
    try:
        Image.new("RGB", (640, 480), (10, 120, 60)).save(buf, "HEIF")
    except (KeyError, OSError) as err:  # encoder missing in this pillow-heif build
        pytest.skip(f"HEIF encoder unavailable: {err}")
    assert pillow_heif.is_supported(buf.getvalue())
    stored = images.store_upload(buf.getvalue(), str(tmp_path), WIDTHS, 40_000_000)
    assert stored.widths == [320, 640]


def test_thumbnail_of_a_detailed_photo_stays_under_budget(tmp_path):
    """Noise is the worst case for WebP: the list thumbnail is still under 24 KB, the larger files keep quality."""
    noisy = Image.effect_noise((1200, 900), 90).convert("RGB")
    stored = images.process(noisy, str(tmp_path), WIDTHS)
    thumb = tmp_path / f"{stored.key}-320.webp"
    large = tmp_path / f"{stored.key}-1024.webp"
    assert thumb.stat().st_size <= images.THUMBNAIL_MAX_BYTES
    assert large.stat().st_size > images.THUMBNAIL_MAX_BYTES  # not squeezed: only the thumbnail has a budget
    with Image.open(thumb) as opened:
        assert opened.size == (320, 240)
