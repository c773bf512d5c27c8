"""A small, fixed catalogue for browser journeys, written into a live server's database.

`seed_small_catalogue(app)` commits 2 regions (Jawa Barat, Jawa Timur), 3 active groups with members (some
agreed to be shown, one did not), and 8 published products of several crafts and kinds, with images made by
Pillow and stored through shop.images.process (one product has no photo). It returns the slugs the journeys
navigate by.
"""
from __future__ import annotations

from datetime import date

from PIL import Image, ImageDraw

from shop import images
from shop.catalog.models import Product, ProductImage, Variant
from shop.extensions import db
from shop.groups.models import Group, Member, Region

GROUPS = [
    # slug, name, region index, crafts, story
    ("batik-cahaya-garut", "Kelompok Batik Cahaya Garut", 0, "batik_tulis,batik_cap",
     "Sembilan pembatik tuli dari Garut belajar membatik bersama sejak 2019."),
    ("jahit-mandiri-garut", "KUBE Jahit Mandiri", 0, "jahit",
     "Penjahit pengguna kursi roda yang membuat seragam sekolah dan kebaya."),
    ("lukis-harapan-malang", "Sanggar Lukis Harapan Malang", 1, "lukis,anyaman",
     "Pelukis dan penganyam dari panti di Kota Malang."),
]

PRODUCTS = [
    # title, group index, craft, kind, price, stock, sizes, lead days
    ("Kain Batik Tulis Merak Biru", 0, "batik_tulis", "one_of_a_kind", 850_000, 1, ("",), 0),
    ("Kemeja Batik Cap Parang", 0, "batik_cap", "ready_made", 225_000, 6, ("M", "L", "XL"), 0),
    ("Selendang Batik Tulis Kawung", 0, "batik_tulis", "made_to_order", 400_000, 0, ("",), 14),
    ("Kebaya Brokat Pengantin", 1, "jahit", "made_to_measure", 1_200_000, 0, ("",), 30),
    ("Seragam Sekolah Putih", 1, "jahit", "ready_made", 120_000, 20, ("S", "M", "L"), 0),
    ("Masker Kain Tiga Lapis", 1, "jahit", "ready_made", 15_000, 0, ("",), 0),
    ("Lukisan Sawah Pagi", 2, "lukis", "one_of_a_kind", 750_000, 1, ("",), 0),
    ("Tas Anyaman Pandan", 2, "anyaman", "ready_made", 95_000, 8, ("",), 0),
]
WITHOUT_PHOTO = "Masker Kain Tiga Lapis"  # pages must also be fine for a product with no photo yet


def _picture(n: int) -> Image.Image:
    img = Image.new("RGB", (800, 600), (120 + 15 * n, 60 + 10 * n, 30))
    draw = ImageDraw.Draw(img)
    for x in range(0, 800, 40):
        draw.line([(x, 0), (x + 200, 600)], fill=(240, 220, 180), width=6)
    return img


def seed_small_catalogue(app) -> dict:
    with app.app_context():
        regions = [
            Region(province="Jawa Barat", name="Garut", kind="kabupaten", slug="kabupaten-garut"),
            Region(province="Jawa Timur", name="Malang", kind="kota", slug="kota-malang"),
        ]
        groups = []
        for slug, name, region_index, crafts, story in GROUPS:
            group = Group(name=name, slug=slug, region=regions[region_index], crafts=crafts, story=story,
                          status="active", whatsapp="+62 812 0000 0000")
            for i, (member_name, consent) in enumerate([("Siti Aminah", True), ("Budi Santoso", True),
                                                         ("Dewi Lestari", False)]):
                group.members.append(Member(name=f"{member_name} {len(groups) + 1}", public_consent=consent,
                                            role="ketua" if i == 0 else "anggota",
                                            joined_on=date(2021, 3, 1)))
            groups.append(group)
        db.session.add_all(regions + groups)
        upload_dir = app.config["UPLOAD_DIR"]
        products = []
        for n, (title, g, craft, kind, price, stock, sizes, lead) in enumerate(PRODUCTS):
            group = groups[g]
            product = Product(title=title, slug=f"produk-{n + 1}", group=group, craft=craft, kind=kind,
                              status="published", featured=n < 4, lead_time_days=lead,
                              description=f"{title} buatan tangan {group.name}.\n\nKatun dan bahan pilihan.")
            for i, size in enumerate(sizes):
                product.variants.append(Variant(size=size, sku=f"B{n}-{i}", price=price, stock=stock,
                                                position=i))
            if title != WITHOUT_PHOTO:
                stored = images.process(_picture(n), upload_dir, tuple(app.config["IMAGE_WIDTHS"]))
                product.images.append(ProductImage(key=stored.key, widths=stored.widths_text,
                                                   width=stored.width, height=stored.height,
                                                   alt=f"Foto {title}"))
            product.makers = list(group.members[:2])
            products.append(product)
        db.session.add_all(products)
        db.session.commit()
        return {
            "regions": [r.slug for r in regions],
            "groups": [g.slug for g in groups],
            "products": {p.title: p.slug for p in products},
        }
