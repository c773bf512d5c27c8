"""A product's photos: upload through shop.images, reorder, choose the main one, alt text, delete."""
from __future__ import annotations

import secrets

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from shop import images, queue, storage, uploads
from shop.activity.services import record
from shop.catalog.models import Product, ProductImage
from shop.errors import DomainError, InvalidImage, NotFound
from shop.extensions import db

MAX_PHOTOS = 12


def get_image(product: Product, image_id: int) -> ProductImage:
    image = db.session.scalar(select(ProductImage).where(ProductImage.id == image_id,
                                                         ProductImage.product_id == product.id))
    if image is None:
        raise NotFound(_("Foto tidak ditemukan."))
    return image


def add_photo(product: Product, data: bytes, alt: str = "") -> ProductImage:
    """Check the upload and keep it; the photo is re-encoded after the commit (a background job with Redis),
    and shows on the pages once ready. Raises InvalidImage (nothing stored) for anything that is not a photo."""
    if len(product.images) >= MAX_PHOTOS:
        raise DomainError(_("Satu produk paling banyak %(n)d foto. Hapus foto lama dulu.", n=MAX_PHOTOS))
    width, height = images.probe(data, current_app.config["IMAGE_MAX_PIXELS"])
    key = secrets.token_hex(12)
    storage.private_files().save(_original(key), data)
    image = ProductImage(key=key, widths="", width=width, height=height, alt=alt.strip()[:300],
                         position=len(product.images))
    product.images.append(image)
    db.session.flush()
    queue.after_commit("shop.catalog.photos.process_photo", image.id)
    record("photo.added", product.title, group_id=product.group_id)
    return image


def add_photos(product: Product, files: list[tuple[str, bytes | None]]) -> tuple[int, list[tuple[str, str]]]:
    """Several photos at once (the new-product form), each through add_photo with no alt text of its own (pages then
    describe it by the product's title). `files` is (file name, bytes or None when larger than the photo limit). A refused file stores nothing
    and the others are kept. Returns (photos added, [(file name, why it was refused)])."""
    added, refused = 0, []
    for index, (name, data) in enumerate(files):
        name = (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:120] or _("(tanpa nama)")
        if index >= uploads.PHOTOS_AT_ONCE:
            refused.append((name, _("paling banyak %(n)d foto sekaligus; tambahkan dari halaman Foto.",
                                    n=uploads.PHOTOS_AT_ONCE)))
        elif data is None:
            refused.append((name, uploads.too_large_message(uploads.PHOTO_MAX_BYTES)))
        else:
            try:
                add_photo(product, data)
            except DomainError as err:  # InvalidImage included: probed before anything is stored
                refused.append((name, str(err)))
            else:
                added += 1
    return added, refused


def _original(key: str) -> str:
    return f"uploads/{key}"


def process_photo(image_id: int) -> None:
    """The job: decode the kept upload, write its WebP sizes to media storage, mark the photo ready. Running it
    again does nothing; a file that cannot be decoded after all removes the photo."""
    image = db.session.get(ProductImage, image_id)
    if image is None or image.widths:
        return
    cfg, original = current_app.config, _original(image.key)
    try:
        stored = images.store_upload(storage.private_files().read(original), storage.media(),
                                     tuple(cfg["IMAGE_WIDTHS"]), cfg["IMAGE_MAX_PIXELS"])
    except InvalidImage:
        record("photo.failed", image.product.title, group_id=image.product.group_id)
        db.session.delete(image)
    else:
        image.key, image.widths = stored.key, stored.widths_text
        image.width, image.height = stored.width, stored.height
    db.session.commit()
    storage.private_files().delete(original)


def _renumber(product: Product, ordered: list[ProductImage]) -> None:
    for position, image in enumerate(ordered):
        image.position = position
    product.images.sort(key=lambda img: img.position)
    db.session.flush()


def move_photo(image: ProductImage, step: int) -> None:
    product = image.product
    ordered = list(product.images)
    index = ordered.index(image)
    target = index + (1 if step > 0 else -1)
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
        _renumber(product, ordered)
        record("photo.moved", product.title, group_id=product.group_id)


def make_main(image: ProductImage) -> None:
    product = image.product
    ordered = [image] + [img for img in product.images if img is not image]
    _renumber(product, ordered)
    record("photo.main", product.title, group_id=product.group_id)


def set_alt(image: ProductImage, alt: str) -> None:
    image.alt = alt.strip()[:300]
    db.session.flush()
    record("photo.alt", image.product.title, group_id=image.product.group_id, detail=image.alt)


def delete_photo(image: ProductImage) -> tuple[str, list[int]]:
    """Remove the row; returns (key, widths) so the caller deletes the files after the commit."""
    product = image.product
    files = (image.key, image.width_list)
    product.images.remove(image)
    db.session.flush()
    _renumber(product, list(product.images))
    record("photo.deleted", product.title, group_id=product.group_id)
    return files


def delete_files(files: tuple[str, list[int]]) -> None:
    images.delete_files(storage.media(), *files)
