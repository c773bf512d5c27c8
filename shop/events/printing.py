"""What the organiser prints for a bazaar: the event catalogue (A4 or A5: cover, groups with their stories and
booths, products with photo, price and a QR code to the product page) and price tags (A4 sheets, 3×8 or 2×5:
title, group, price, SKU and a QR code the till scans: the product page with ?sku=)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote

import segno
from flask import current_app

from shop.events.models import Event, EventItem
from shop.urls import external_url

LAYOUTS = {"3x8": (3, 8), "2x5": (2, 5)}
SIZES = ("a4", "a5")


@dataclass
class Tag:
    title: str
    label: str
    group: str
    price: int
    sku: str
    qr: str  # an SVG data URI


def product_url(slug: str, sku: str | None = None) -> str:
    url = external_url("catalog.product", slug=slug)
    return f"{url}?sku={quote(sku)}" if sku else url


def qr_data_uri(text: str, scale: int = 3) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=scale, border=1)


def photo_path(product) -> str | None:
    image = product.main_image
    if image is None:
        return None
    width = min(image.width_list, key=lambda w: abs(w - 640))
    path = os.path.join(current_app.config["UPLOAD_DIR"], f"{image.key}-{width}.webp")
    return "file://" + path if os.path.exists(path) else None


def catalogue_groups(event: Event) -> list[dict]:
    """Accepted groups in booth order, each with its products (one entry per product, lowest price)."""
    groups = []
    for part in sorted((p for p in event.participations if p.status == "accepted"),
                       key=lambda p: (p.booth or "~", p.group.name)):
        products: dict[int, dict] = {}
        for item in part.items:
            if item.quantity <= 0 and item.sold <= 0:
                continue
            product = item.variant.product
            entry = products.setdefault(product.id, {"title": product.title, "price": item.price,
                                                     "photo": photo_path(product),
                                                     "qr": qr_data_uri(product_url(product.slug))})
            entry["price"] = min(entry["price"], item.price)
        groups.append({"name": part.group.name, "story": part.group.story, "booth": part.booth,
                       "products": sorted(products.values(), key=lambda p: p["title"])})
    return groups


def tags(items: list[EventItem], copies: int = 1) -> list[Tag]:
    out = []
    for item in items:
        v = item.variant
        tag = Tag(v.product.title, "" if v.label == "-" else v.label, v.product.group.name, item.price, v.sku,
                  qr_data_uri(product_url(v.product.slug, v.sku), scale=2))
        out.extend([tag] * max(1, min(copies, 50)))
    return out


def pages(tag_list: list[Tag], layout: str) -> list[list[Tag]]:
    columns, rows = LAYOUTS[layout]
    per_page = columns * rows
    return [tag_list[i:i + per_page] for i in range(0, len(tag_list), per_page)] or [[]]
