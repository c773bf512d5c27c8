"""Bulk import of products from CSV: parse into a plan with per-row errors, then save all or nothing.

Columns, in Indonesian (the template) or English: nama/title, deskripsi/description, kerajinan/craft, jenis/kind,
lama_pengerjaan/lead_time_days, ukuran/size, warna/colour, sku, harga/price, stok/stock. Rows sharing a name
become options of one product. A row whose SKU is already one of the group's own options updates that option's
price and stock instead of adding a product again, so a sheet can be imported once and then kept up to date.
New products start as drafts, or published when the coordinator asks for it.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, select

from shop import uploads
from shop.activity.services import record
from shop.catalog import services
from shop.catalog.models import MADE_AFTER_ORDER, Product, Variant
from shop.catalog.stock import adjust_stock
from shop.crafts import CRAFTS, KIND_LABELS
from shop.errors import DomainError
from shop.extensions import db
from shop.money import parse_idr

MAX_BYTES = uploads.CSV_MAX_BYTES
MAX_ROWS = 500
COLUMNS = ("title", "description", "craft", "kind", "lead_time_days", "size", "colour", "sku", "price", "stock")
# the template's Indonesian header, column by column
COLUMNS_ID = ("nama", "deskripsi", "kerajinan", "jenis", "lama_pengerjaan", "ukuran", "warna", "sku", "harga", "stok")
ALIASES = {**dict(zip(COLUMNS_ID, COLUMNS, strict=True)), "nama produk": "title", "keterangan": "description",
           "jenis kerajinan": "craft", "jenis produk": "kind", "lama pengerjaan": "lead_time_days",
           "lama pengerjaan (hari)": "lead_time_days", "color": "colour"}
REQUIRED_COLUMNS = ("title", "craft", "price")
PAYLOAD_MAX_AGE = 3600


@dataclass
class Row:
    line: int
    title: str
    size: str = ""
    colour: str = ""
    sku: str = ""
    price: int | None = None
    stock: int = 0
    errors: list[str] = field(default_factory=list)
    update_variant_id: int | None = None  # the group's own option with this SKU: updated, not created


@dataclass
class PlannedProduct:
    title: str
    description: str
    craft: str
    kind: str
    lead_time_days: int
    rows: list[Row] = field(default_factory=list)


@dataclass
class Plan:
    products: list[PlannedProduct] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and bool(self.rows) and not any(r.errors for r in self.rows)

    @property
    def error_count(self) -> int:
        """Every message counts: a row with two mistakes is two errors."""
        return len(self.file_errors) + sum(len(r.errors) for r in self.rows)

    @property
    def updates(self) -> list[Row]:
        return [r for r in self.rows if r.update_variant_id is not None]


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _lookup(value: str, table: dict) -> str | None:
    text = value.strip().lower()
    for code, label in table.items():
        if text in (code.lower(), str(label).lower()):
            return code
    return None


def _int(value: str) -> int | None:
    text = value.strip().replace(".", "")
    return int(text) if text.isdigit() else None


def _column(name: str) -> str:
    text = " ".join((name or "").strip().lower().replace("_", " ").split())
    return ALIASES.get(text) or ALIASES.get(text.replace(" ", "_")) or text.replace(" ", "_")


def parse(text: str, group_id: int | None = None) -> Plan:
    """`group_id`: the importing group, whose own SKUs update their options."""
    plan = Plan()
    if "\x00" in text:
        plan.file_errors.append(_("Berkas ini bukan CSV yang bisa dibaca."))
        return plan
    if len(text.encode()) > MAX_BYTES:
        plan.file_errors.append(uploads.too_large_message(MAX_BYTES))
        return plan
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # Excel in Indonesian uses ';'
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [_column(h) for h in (reader.fieldnames or [])]
    except csv.Error:
        header = []
    missing = [COLUMNS_ID[COLUMNS.index(c)] for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        plan.file_errors.append(_("Kolom wajib tidak ada: %(cols)s. Baris pertama harus berisi nama kolom: %(all)s.",
                                  cols=", ".join(missing), all=", ".join(COLUMNS_ID)))
        return plan
    reader.fieldnames = header
    by_title: dict[str, PlannedProduct] = {}
    skus: dict[str, int] = {}
    try:
        records = list(reader)
    except csv.Error:
        plan.file_errors.append(_("Berkas ini bukan CSV yang bisa dibaca."))
        return plan
    if len(records) > MAX_ROWS:
        plan.file_errors.append(_("Terlalu banyak baris: paling banyak %(n)d.", n=MAX_ROWS))
        return plan
    if not records:
        plan.file_errors.append(_("Berkas tidak berisi baris produk."))
        return plan
    for number, entry in enumerate(records, start=2):
        values = {k: (v or "").strip() if isinstance(v, str) else "" for k, v in entry.items() if k}
        plan.rows.append(_row(plan, number, values, by_title, skus, group_id))
    return plan


def _row(plan: Plan, number: int, values: dict, by_title: dict, skus: dict, group_id: int | None) -> Row:
    get = values.get
    row = Row(line=number, title=get("title", "")[:160], size=get("size", "")[:40], colour=get("colour", "")[:40],
              sku=get("sku", "")[:60])
    if not row.title:
        row.errors.append(_("Nama produk (kolom nama) kosong."))
    craft = _lookup(get("craft", ""), CRAFTS)
    if craft is None:
        row.errors.append(_("Jenis kerajinan \"%(v)s\" tidak dikenal. Pilihan: %(all)s.", v=get("craft", ""),
                            all=", ".join(CRAFTS)))
    kind = _lookup(get("kind", ""), KIND_LABELS) if get("kind") else "ready_made"
    if kind is None:
        row.errors.append(_("Jenis produk \"%(v)s\" tidak dikenal. Pilihan: %(all)s.", v=get("kind", ""),
                            all=", ".join(KIND_LABELS)))
    lead = _int(get("lead_time_days", "")) if get("lead_time_days") else 0
    if lead is None or lead > 365:
        row.errors.append(_("Lama pengerjaan harus angka hari 0 sampai 365."))
    elif kind in MADE_AFTER_ORDER and not lead:
        row.errors.append(_("Isi lama pengerjaan (kolom lama_pengerjaan) untuk produk yang dibuat setelah dipesan."))
    row.price = parse_idr(get("price", "")) if get("price") else None
    if not get("price"):
        row.errors.append(_("Harga kosong."))
    elif row.price is None:
        row.errors.append(_("Harga \"%(v)s\" tidak valid. Tulis angka rupiah, misalnya 750.000.", v=get("price")))
    stock = _int(get("stock", "")) if get("stock") else 0
    if stock is None or stock > 100_000:
        row.errors.append(_("Stok harus angka bulat 0 sampai 100.000."))
    row.stock = stock or 0
    if row.sku:
        key = row.sku.lower()
        if key in skus:
            row.errors.append(_("SKU %(sku)s sama dengan baris %(line)d.", sku=row.sku, line=skus[key]))
        else:
            own = _own_variant_by_sku(group_id, row.sku) if group_id is not None else None
            if own is not None:
                row.update_variant_id = own.id
            elif services.sku_taken(row.sku):
                row.errors.append(_("SKU %(sku)s sudah dipakai produk lain.", sku=row.sku))
        skus.setdefault(key, number)
    if row.update_variant_id is not None:
        return row  # an update of an existing option: no new product
    if row.title and group_id is not None and _own_product_titled(group_id, row.title):
        row.errors.append(_("Produk \u201c%(t)s\u201d sudah ada. Isi SKU pilihannya untuk memperbarui harga dan stok, "
                            "atau pakai nama lain.", t=row.title))
    if row.title:
        product = by_title.get(row.title.lower())
        if product is None:
            product = PlannedProduct(title=row.title, description=get("description", "")[:5000],
                                     craft=craft or "", kind=kind or "ready_made", lead_time_days=lead or 0)
            by_title[row.title.lower()] = product
            plan.products.append(product)
        elif (craft and craft != product.craft) or (kind and kind != product.kind):
            row.errors.append(_("Jenis kerajinan atau jenis produk berbeda dengan baris pertama produk ini."))
        product.rows.append(row)
    return row


def _own_variant_by_sku(group_id: int, sku: str) -> Variant | None:
    return db.session.scalar(select(Variant).join(Variant.product)
                             .where(Product.group_id == group_id, func.lower(Variant.sku) == sku.lower()))


def _own_product_titled(group_id: int, title: str) -> bool:
    return db.session.scalar(select(Product.id).where(Product.group_id == group_id,
                                                      func.lower(Product.title) == title.lower(),
                                                      Product.status != "archived").limit(1)) is not None


def _update_variant(group_id: int, variant_id: int, price: int, stock: int, user_id: int | None) -> None:
    """The sheet's price and stock for one of the group's own options (stock through a logged adjustment)."""
    variant = services.get_variant(group_id, variant_id)
    if price and price != variant.price:
        variant.price = price
    if stock != variant.stock:
        adjust_stock(variant, stock - variant.stock, _("Impor CSV"), user_id=user_id)
    db.session.flush()


def save(group_id: int, plan: Plan, user_id: int | None = None, publish: bool = False) -> list:
    """Update the options named by their SKU, then create every planned product (a draft, or published when
    `publish`). Raises DomainError if the plan has errors."""
    if not plan.ok:
        raise DomainError(_("Perbaiki kesalahan di berkas lalu unggah lagi. Tidak ada yang disimpan."))
    for row in plan.updates:
        _update_variant(group_id, row.update_variant_id, row.price or 0, row.stock, user_id)
    created = []
    for planned in plan.products:
        data = services.ProductInput(title=planned.title, description=planned.description, craft=planned.craft,
                                     kind=planned.kind, lead_time_days=planned.lead_time_days)
        rows = [services.VariantInput(size=r.size, colour=r.colour, sku=r.sku, price=r.price or 0, stock=r.stock,
                                      row=i) for i, r in enumerate(planned.rows)]
        created.append(services.create_product(group_id, data, rows, user_id=user_id,
                                               status="published" if publish else "draft"))
    record("product.imported", _("%(n)d produk baru, %(u)d pilihan diperbarui", n=len(created), u=len(plan.updates)),
           group_id=group_id)
    return created


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="csv-import")


def sign(group_id: int, text: str) -> str:
    return _serializer().dumps({"g": group_id, "csv": text})


def unsign(group_id: int, payload: str) -> str | None:
    """The CSV text carried from preview to confirm, or None if tampered with, expired or another group's."""
    try:
        data = _serializer().loads(payload or "", max_age=PAYLOAD_MAX_AGE)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("g") != group_id or not isinstance(data.get("csv"), str):
        return None
    return data["csv"]


def template_csv() -> str:
    """The sheet to start from: the Indonesian header and two example rows (Excel in Indonesia reads ';')."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS_ID)
    writer.writerow(["Kemeja Batik Tulis", "Katun primisima, lengan panjang", "batik_tulis", "ready_made", "",
                     "M", "", "", "450000", "3"])
    writer.writerow(["Kemeja Batik Tulis", "", "batik_tulis", "ready_made", "", "L", "", "", "450000", "2"])
    return out.getvalue()
