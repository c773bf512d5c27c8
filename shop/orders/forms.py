"""Forms of the order pages (buyer and staff): input shape and messages only."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from shop.ledger.forms import OnceKeyField, today
from shop.money import parse_idr
from shop.orders import couriers


class SlipForm(FlaskForm):
    slip = FileField(_l("Bukti transfer (foto atau PDF)"))


class ShipForm(FlaskForm):
    courier = SelectField(_l("Kurir"), choices=couriers.choices, validate_choice=False,
                          validators=[DataRequired(_l("Pilih kurir."))])
    courier_other = StringField(_l("Nama kurir lain"), validators=[Optional(), Length(max=60)])
    tracking_number = StringField(_l("Nomor resi"), validators=[DataRequired(_l("Isi nomor resi.")),
                                                                Length(max=80)])
    cost = StringField(_l("Ongkos yang dibayar ke kurir (Rp)"), validators=[Optional(), Length(max=20)])
    cost_from = SelectField(_l("Ongkos dibayar dari"), choices=[("kas", _l("Kas")), ("bank", _l("Bank"))],
                            default="kas")

    def validate_cost(self, field):
        if field.data and (parse_idr(field.data) or 0) <= 0:
            raise ValidationError(_l("Masukkan jumlah rupiah lebih dari nol, misalnya 150000."))

    @property
    def cost_value(self) -> int | None:
        return parse_idr(self.cost.data) if self.cost.data else None


class RefundForm(FlaskForm):
    """Input shape only: shop.payments.refunds.staff_refund checks the amount, the way and the date."""
    once = OnceKeyField()
    amount = StringField(_l("Jumlah dikembalikan (Rp, kosongkan untuk semua sisa)"),
                         validators=[Optional(), Length(max=20)])
    how = SelectField(_l("Dana dikembalikan lewat"), choices=[
        ("card", _l("Kartu (lewat Stripe)")), ("kas", _l("Tunai dari kas")), ("bank", _l("Transfer dari bank"))])
    day = DateField(_l("Tanggal dana dikembalikan"), default=today, validators=[Optional()])
    reason = StringField(_l("Alasan"), validators=[DataRequired(_l("Tuliskan alasannya.")), Length(max=1000)])
    restock = BooleanField(_l("Kembalikan barang ke stok"))

    def validate_amount(self, field):
        if field.data and (parse_idr(field.data) or 0) <= 0:
            raise ValidationError(_l("Masukkan jumlah rupiah lebih dari nol, misalnya 150000."))

    @property
    def amount_value(self) -> int | None:
        return parse_idr(self.amount.data) if self.amount.data else None


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Alasan"), validators=[DataRequired(_l("Tuliskan alasannya.")), Length(max=1000)])


class FindOrderForm(FlaskForm):
    number = StringField(_l("Nomor pesanan"), validators=[DataRequired(_l("Isi nomor pesanan, misalnya PK-2612-3UHJ.")),
                                                          Length(max=40)])
    contact = StringField(_l("E-mail atau nomor HP saat memesan"),
                          validators=[DataRequired(_l("Isi e-mail atau nomor HP yang Anda pakai saat memesan.")),
                                      Length(max=200)])
