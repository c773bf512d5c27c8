"""A product's photos: upload through shop.images, reorder, choose the main one, alt text, delete."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from shop import images
from shop.activity.services import record
from shop.catalog.models import Product, ProductImage
from shop.errors import NotFound
from shop.extensions import db

MAX_PHOTOS = 12


def get_image(product: Product, image_id: int) -> ProductImage:
    image = db.session.scalar(select(ProductImage).where(ProductImage.id == image_id,
                                                         ProductImage.product_id == product.id))
    if image is None:
        raise NotFound(_("Foto tidak ditemukan."))
    return image


def add_photo(product: Product, data: bytes, alt: str = "") -> ProductImage:
    """Decode, strip metadata, store; raises InvalidImage (nothing stored) for anything that is not a photo."""
    from shop.errors import DomainError

    if len(product.images) >= MAX_PHOTOS:
        raise DomainError(_("Satu produk paling banyak %(n)d foto. Hapus foto lama dulu.", n=MAX_PHOTOS))
    cfg = current_app.config
    stored = images.store_upload(data, cfg["UPLOAD_DIR"], tuple(cfg["IMAGE_WIDTHS"]), cfg["IMAGE_MAX_PIXELS"])
    image = ProductImage(key=stored.key, widths=stored.widths_text, width=stored.width, height=stored.height,
                         alt=alt.strip()[:300], position=len(product.images))
    product.images.append(image)
    db.session.flush()
    record("photo.added", product.title, group_id=product.group_id)
    return image


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
    images.delete_files(current_app.config["UPLOAD_DIR"], *files)
