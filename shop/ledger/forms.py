"""Forms for the books: input shape and messages only."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from shop.dates import reasonable_date
from shop.forms import IntegerField
from shop.money import idr_problem, parse_idr


class IdrField(StringField):
    """Rupiah as typed by a person ('150000', '150.000', 'Rp 150.000'); .amount is the integer."""

    amount: int | None = None

    def pre_validate(self, form):
        self.amount = parse_idr(self.data)
        if self.amount is None and idr_problem(self.data):
            raise ValidationError(idr_problem(self.data))
        if self.amount is None or self.amount <= 0:
            raise ValidationError(_l("Masukkan jumlah rupiah lebih dari nol, misalnya 150000."))


def today() -> date:
    return date.today()


class CashMovementForm(FlaskForm):
    movement = SelectField(_l("Jenis transaksi"), choices=[
        ("setor", _l("Setor kas ke bank")), ("tarik", _l("Tarik dari bank ke kas")),
        ("biaya", _l("Biaya (uang keluar)")), ("pendapatan", _l("Pendapatan lain (uang masuk)"))])
    account = SelectField(_l("Kas atau bank"), choices=[("kas", _l("Kas")), ("bank", _l("Bank"))])
    day = DateField(_l("Tanggal"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
        reasonable_date])
    amount = IdrField(_l("Jumlah (Rp)"))
    memo = StringField(_l("Keterangan"), validators=[DataRequired(_l("Tulis keterangan transaksi.")),
                                                     Length(max=300)])


class MakerPaymentForm(FlaskForm):
    member = SelectField(_l("Anggota"), coerce=int, validate_choice=True)
    day = DateField(_l("Tanggal"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
        reasonable_date])
    amount = IdrField(_l("Jumlah (Rp)"))
    paid_from = SelectField(_l("Dibayar dari"), choices=[("kas", _l("Kas")), ("bank", _l("Bank"))])
    memo = StringField(_l("Keterangan"), validators=[Optional(), Length(max=300)])


class PayoutForm(FlaskForm):
    group = SelectField(_l("Kelompok"), coerce=int, validate_choice=True)
    day = DateField(_l("Tanggal transfer"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
        reasonable_date])
    amount = IdrField(_l("Jumlah (Rp)"))
    reference = StringField(_l("Nomor referensi transfer"), validators=[
        DataRequired(_l("Isi nomor referensi transfer dari bank.")), Length(max=80)])
    memo = StringField(_l("Keterangan"), validators=[Optional(), Length(max=300)])


class BookSettingsForm(FlaskForm):
    """Input shape only: whole numbers; the ranges are checked by shop.ledger.chart.update_settings."""
    maker_share_percent = IntegerField(_l("Bagian pengrajin dari setiap penjualan (%)"), validators=[
        InputRequired(_l("Isi angka 0 sampai 100."))])
    card_fee_basis_points = IntegerField(_l("Tarif biaya kartu (per 10.000, mis. 290 = 2,9%)"), validators=[
        InputRequired(_l("Isi angka 0 sampai 1000."))])


class ConfirmForm(FlaskForm):
    confirm = BooleanField(_l("Saya sudah memeriksa angka di atas"), validators=[
        DataRequired(_l("Centang untuk mengonfirmasi."))])
