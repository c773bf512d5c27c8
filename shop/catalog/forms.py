"""Forms of the coordinator's product pages: input shape and messages, no business rules."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from shop.catalog.models import MADE_AFTER_ORDER
from shop.crafts import CRAFTS, KIND_LABELS
from shop.forms import IntegerField
from shop.money import idr_problem, parse_idr
from shop.uploads import PHOTO_MAX_BYTES, PHOTOS_AT_ONCE, PHOTOS_AT_ONCE_MAX_BYTES, size_text

BLANK_VARIANT_ROWS = 3
MAX_VARIANT_ROWS = 40
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class IdIntegerField(IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message", _l("Isi dengan angka bulat, misalnya 3."))
        super().__init__(*args, **kwargs)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _price(form, field):
    text = (field.data or "").strip()
    if text and parse_idr(text) is None:
        raise ValidationError(idr_problem(text) or _l("Harga harus angka rupiah, misalnya 750.000."))


class VariantRowForm(Form):
    """One row of sizes/colours. A row left completely empty is ignored; tick 'remove' to delete a row."""

    id = HiddenField()
    size = StringField(_l("Ukuran"), validators=[Length(max=40)])
    colour = StringField(_l("Warna"), validators=[Length(max=40)])
    sku = StringField(_l("Kode SKU (boleh kosong)"), validators=[Length(max=60)])
    price = StringField(_l("Harga (Rp)"), validators=[_price, Length(max=20)], render_kw={"inputmode": "numeric"})
    stock = IdIntegerField(_l("Stok awal"), validators=[Optional(), NumberRange(0, 100_000,
                                                                                _l("Stok 0 sampai 100.000."))],
                           render_kw={"inputmode": "numeric"})
    remove = BooleanField(_l("Hapus pilihan ini"))

    @property
    def is_blank(self) -> bool:
        texts = (self.size.data, self.colour.data, self.sku.data, self.price.data)
        return not self.id.data and not any((t or "").strip() for t in texts) and self.stock.data is None


class ProductForm(FlaskForm):
    title = StringField(_l("Nama produk"), validators=[DataRequired(_l("Isi nama produk.")), Length(max=160)])
    description = TextAreaField(_l("Deskripsi"), validators=[Length(max=5000)], render_kw={"rows": 6})
    craft = SelectField(_l("Jenis kerajinan"), choices=list(CRAFTS.items()),
                        validate_choice=True)
    kind = SelectField(_l("Jenis produk"), choices=list(KIND_LABELS.items()))
    lead_time_days = IdIntegerField(
        _l("Lama pengerjaan (hari)"),
        validators=[Optional(), NumberRange(1, 365, _l("Lama pengerjaan 1 sampai 365 hari."))],
        render_kw={"inputmode": "numeric"})
    makers = MultiCheckboxField(_l("Pembuat"), coerce=int, validate_choice=False)
    variants = FieldList(FormField(VariantRowForm), label=_l("Pilihan"), min_entries=1, max_entries=MAX_VARIANT_ROWS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in (self.craft, self.kind):
            f.invalid_choice_message = _l("Pilih salah satu dari daftar.")

    def validate_lead_time_days(self, field):
        if self.kind.data in MADE_AFTER_ORDER and not field.data:
            raise ValidationError(_l("Isi lama pengerjaan (hari) untuk produk yang dibuat setelah dipesan."))

    def validate_variants(self, field):
        if not any(not row.form.is_blank and not row.form.remove.data for row in field):
            raise ValidationError(_l("Isi setidaknya satu pilihan: ukuran atau warna, dan harganya."))


class NewProductForm(ProductForm):
    """Creating a product takes its first photos too (each goes through the photo service after the product)."""
    photos = MultipleFileField(
        _l("Foto (boleh beberapa sekaligus, paling banyak %(n)d)", n=PHOTOS_AT_ONCE),
        render_kw={"accept": PHOTO_ACCEPT})

    @property
    def chosen_photos(self) -> list:
        """The files actually chosen (an empty file input still sends one part without a name)."""
        return [f for f in (self.photos.data or []) if getattr(f, "filename", "")]


PHOTOS_HINT = _l("JPEG, PNG, WebP atau HEIC; setiap foto paling besar %(size)s, semuanya bersama paling besar "
                 "%(total)s. Keterangan foto memakai nama produk; bisa diubah nanti di halaman Foto.",
                 size=size_text(PHOTO_MAX_BYTES), total=size_text(PHOTOS_AT_ONCE_MAX_BYTES))


class StockForm(FlaskForm):
    change = IdIntegerField(_l("Perubahan stok (+ tambah, − kurang)"),
                            validators=[InputRequired(_l("Isi perubahan stok selain 0, misalnya 5 atau -2.")),
                                        NumberRange(-100_000, 100_000, _l("Perubahan terlalu besar."))],
                            # not inputmode=numeric: that phone keypad has no minus key, and -2 must be typeable
                            render_kw={"inputmode": "text", "autocomplete": "off"})
    reason = StringField(_l("Alasan"), validators=[DataRequired(_l("Tulis alasan perubahan stok.")),
                                                   Length(max=200)])


class PhotoForm(FlaskForm):
    photo = FileField(_l("Foto (JPEG, PNG, WebP atau HEIC, paling besar %(size)s)", size=size_text(PHOTO_MAX_BYTES)),
                      render_kw={"accept": PHOTO_ACCEPT})
    alt = StringField(_l("Keterangan foto untuk pembaca layar (boleh kosong: memakai nama produk)"),
                      validators=[Length(max=300)])

    def validate_photo(self, field):
        upload = field.data
        if upload is None or not getattr(upload, "filename", ""):
            raise ValidationError(_l("Pilih berkas foto."))


class AltForm(FlaskForm):
    alt = StringField(_l("Keterangan foto"), validators=[Length(max=300)])


class ActionForm(FlaskForm):
    """Buttons that change something (publish, move photo, duplicate): CSRF only."""


class ImportForm(FlaskForm):
    file = FileField(_l("Berkas CSV"), render_kw={"accept": ".csv,text/csv"})

    def validate_file(self, field):
        upload = field.data
        if upload is None or not getattr(upload, "filename", ""):
            raise ValidationError(_l("Pilih berkas CSV."))


class ImportConfirmForm(FlaskForm):
    payload = HiddenField()
    publish = BooleanField(_l("Langsung tayangkan produk baru (tanpa menunggu foto)"))
