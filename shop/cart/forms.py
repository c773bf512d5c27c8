"""Cart and checkout forms: the shape of the input and its messages, in Indonesian."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    AnyOf,
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from shop.forms import IntegerField
from shop.orders.shipping import PROVINCES
from shop.phones import normalise

try:  # WTForms >= 3.3 wants SelectChoice objects; older versions take (value, label) tuples
    from wtforms.fields.choices import SelectChoice as _Choice
except ImportError:  # pragma: no cover
    def _Choice(value, label):
        return (value, label)


def choices(pairs) -> list:
    return [_Choice(value, label) for value, label in pairs]


class AddToCartForm(FlaskForm):
    variant_id = IntegerField(_l("Pilihan"), validators=[InputRequired(_l("Pilih ukuran atau warna."))])
    quantity = IntegerField(_lp("quantity", "Jumlah"), default=1, validators=[
        InputRequired(_l("Isi jumlah.")), NumberRange(1, 20, _l("Jumlah antara 1 dan 20."))])


class QuantityForm(FlaskForm):
    variant_id = HiddenField(validators=[DataRequired()])
    quantity = IntegerField(_lp("quantity", "Jumlah"), validators=[
        InputRequired(_l("Isi jumlah.")), NumberRange(0, 20, _l("Jumlah antara 0 dan 20."))])


class CheckoutForm(FlaskForm):
    name = StringField(_l("Nama lengkap"), validators=[DataRequired(_l("Isi nama Anda.")), Length(
        2, 120, _l("Nama antara 2 dan 120 huruf."))])
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Isi alamat e-mail.")), Email(
        _l("Alamat e-mail tidak valid, contoh: nama@contoh.id")), Length(max=200)])
    phone = StringField(_l("Nomor HP/WhatsApp"), validators=[DataRequired(_l("Isi nomor HP/WhatsApp."))])
    province = SelectField(_l("Provinsi"), choices=choices([("", _l("Pilih provinsi"))] + [(p, p) for p in PROVINCES]),
                           validate_choice=False,
                           validators=[DataRequired(_l("Pilih provinsi.")),
                                       AnyOf(PROVINCES, message=_l("Pilih provinsi dari daftar."))])
    regency = StringField(_l("Kabupaten/kota"), validators=[DataRequired(_l("Isi kabupaten atau kota.")),
                                                            Length(max=120)])
    district = StringField(_l("Kecamatan"), validators=[DataRequired(_l("Isi kecamatan.")), Length(max=120)])
    postal_code = StringField(_l("Kode pos"), validators=[
        DataRequired(_l("Isi kode pos.")),
        Regexp(r"^[1-9][0-9]{4}$", message=_l("Kode pos terdiri dari 5 angka, contoh: 40115."))])
    street = TextAreaField(_l("Alamat jalan, RT/RW, nomor rumah"), validators=[
        DataRequired(_l("Isi alamat jalan.")), Length(5, 300, _l("Alamat antara 5 dan 300 huruf."))])
    payment_method = RadioField(_l("Cara bayar"), validators=[DataRequired(_l("Pilih cara bayar."))])

    ADDRESS_FIELDS = ("province", "regency", "district", "postal_code", "street")

    def __init__(self, *args, needs_address: bool = True, **kwargs):
        """needs_address False (every part picked up): the address fields may stay empty."""
        super().__init__(*args, **kwargs)
        if not needs_address:
            for name in self.ADDRESS_FIELDS:
                self[name].validators = [Optional()]

    def validate_phone(self, field):
        number = normalise(field.data, mobile=True)
        if number is None:
            raise ValidationError(_l("Nomor HP tidak valid. Contoh: 0812 3456 7890 atau +62 812 3456 7890."))
        field.data = number

