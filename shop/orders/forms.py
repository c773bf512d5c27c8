"""Forms of the order pages (buyer and staff): input shape and messages only."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from shop.orders import couriers


class SlipForm(FlaskForm):
    slip = FileField(_l("Bukti transfer (foto atau PDF)"))


class ShipForm(FlaskForm):
    courier = SelectField(_l("Kurir"), choices=couriers.choices, validate_choice=False,
                          validators=[DataRequired(_l("Pilih kurir."))])
    courier_other = StringField(_l("Nama kurir lain"), validators=[Optional(), Length(max=60)])
    tracking_number = StringField(_l("Nomor resi"), validators=[DataRequired(_l("Isi nomor resi.")),
                                                                Length(max=80)])


class RefundForm(FlaskForm):
    reason = StringField(_l("Alasan"), validators=[DataRequired(_l("Tuliskan alasannya.")), Length(max=1000)])
    restock = BooleanField(_l("Kembalikan barang ke stok"))


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Alasan"), validators=[DataRequired(_l("Tuliskan alasannya.")), Length(max=1000)])


class FindOrderForm(FlaskForm):
    number = StringField(_l("Nomor pesanan"), validators=[DataRequired(_l("Isi nomor pesanan, misalnya PK-2612-3UHJ.")),
                                                          Length(max=40)])
    contact = StringField(_l("E-mail atau nomor HP saat memesan"),
                          validators=[DataRequired(_l("Isi e-mail atau nomor HP yang Anda pakai saat memesan.")),
                                      Length(max=200)])
