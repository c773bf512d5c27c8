"""Forms for the books: input shape and messages only."""
from __future__ import annotations

import re
import secrets
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError

from shop.dates import reasonable_date
from shop.forms import IntegerField
from shop.ledger.periods import today_wib
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


class OptionalIdrField(StringField):
    """Rupiah that may be left empty (then 0); .amount is the integer, never negative."""

    amount: int = 0

    def pre_validate(self, form):
        text = (self.data or "").strip()
        self.amount = 0
        if not text:
            return
        value = parse_idr(text)
        if value is None:
            raise ValidationError(idr_problem(text) or _l("Masukkan jumlah rupiah, misalnya 150000, atau kosongkan."))
        self.amount = value


def today() -> date:
    """Form default dates: today in WIB, where the books are kept (E16), not the server's date."""
    return today_wib()


def new_key() -> str:
    return secrets.token_urlsafe(18)


class OnceKeyField(HiddenField):
    """A one-time key rendered with each money form (E7): the entry's reference is `form:<key>`, so posting
    the same form twice (a double tap, a resubmitted page) posts once."""

    def __init__(self, label=None, **kwargs):
        super().__init__(label, default=new_key, validators=[
            DataRequired(_l("Formulir kedaluwarsa; muat ulang halaman.")),
            Regexp(r"^[A-Za-z0-9_-]{16,40}$", message=_l("Formulir kedaluwarsa; muat ulang halaman."))], **kwargs)

    @property
    def reference(self) -> str:
        return f"form:{self.data}"


class CashMovementForm(FlaskForm):
    once = OnceKeyField()
    movement = SelectField(_l("Jenis transaksi"), choices=[
        ("setor", _l("Setor kas ke bank")), ("tarik", _l("Tarik dari bank ke kas")),
        ("biaya", _l("Biaya (uang keluar)")), ("pendapatan", _l("Pendapatan lain (uang masuk)"))])
    account = SelectField(_l("Kas atau bank"), choices=[("kas", _l("Kas")), ("bank", _l("Bank"))])
    category = SelectField(_l("Untuk apa biaya ini"), choices=[
        ("bahan", _l("Bahan")), ("alat", _l("Alat")), ("transport", _l("Transport")),
        ("sewa_stan", _l("Sewa stan")), ("listrik", _l("Listrik")), ("lain", _l("Lain-lain"))], default="lain")
    day = DateField(_l("Tanggal"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
        reasonable_date])
    amount = IdrField(_l("Jumlah (Rp)"))
    memo = StringField(_l("Keterangan"), validators=[DataRequired(_l("Tulis keterangan transaksi.")),
                                                     Length(max=300)])
    nota = FileField(_l("Foto nota (boleh dikosongkan)"))


class MakerPaymentForm(FlaskForm):
    once = OnceKeyField()
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


PERCENT = re.compile(r"^\s*(\d{1,2})(?:[.,](\d{1,2}))?\s*%?\s*$")


def percent_to_basis_points(text: str | None) -> int | None:
    """'2,9' or '2.9' or '2,9 %' -> 290; None when it is not a percentage with at most two decimals."""
    match = PERCENT.match(text or "")
    if match is None:
        return None
    whole, fraction = match.group(1), (match.group(2) or "").ljust(2, "0")
    return int(whole) * 100 + int(fraction)


def basis_points_text(value: int) -> str:
    """290 -> '2,9'; 300 -> '3' (as the form shows it back)."""
    whole, rest = divmod(int(value), 100)
    return f"{whole},{rest:02d}".rstrip("0").rstrip(",") if rest else str(whole)


class BookSettingsForm(FlaskForm):
    """Input shape only; the ranges are checked by shop.ledger.chart.update_settings. The card fee is typed as a
    percentage (2,9) and kept in basis points (290)."""
    maker_share_percent = IntegerField(_l("Bagian pengrajin dari setiap penjualan (%)"), validators=[
        InputRequired(_l("Isi angka 0 sampai 100."))])
    card_fee_percent = StringField(_l("Potongan pembayaran kartu (%)"), validators=[Optional(), Length(max=8)],
                                   render_kw={"inputmode": "decimal"})

    def validate_card_fee_percent(self, field):
        if (field.data or "").strip() and percent_to_basis_points(field.data) is None:
            raise ValidationError(_l("Isi persen, misalnya 2,9."))

    @property
    def card_fee_basis_points(self) -> int | None:
        return percent_to_basis_points(self.card_fee_percent.data) if (self.card_fee_percent.data or "").strip() \
            else None


class ConfirmForm(FlaskForm):
    confirm = BooleanField(_l("Saya sudah memeriksa angka di atas"), validators=[
        DataRequired(_l("Centang untuk mengonfirmasi."))])


class MonthForm(FlaskForm):
    """Lock a month, or reopen it with a reason (the service says which months can be)."""
    month = SelectField(_l("Bulan"), validate_choice=True)
    reason = StringField(_l("Alasan membuka kembali"), validators=[Optional(), Length(max=300)])


class ReverseForm(FlaskForm):
    reason = StringField(_l("Alasan koreksi"), validators=[DataRequired(_l("Tulis alasan koreksi.")),
                                                          Length(max=250)])


class MakerShareForm(FlaskForm):
    """The bendahara's deliberate choice of the makers' share when the books start (the service checks 0-100)."""
    maker_share_percent = IntegerField(_l("Bagian pengrajin dari setiap penjualan (%)"), validators=[
        InputRequired(_l("Isi angka 0 sampai 100."))])
    confirm = BooleanField(_l("Kelompok sudah menyepakati bagian pengrajin ini"), validators=[
        DataRequired(_l("Centang untuk mengonfirmasi."))])


class PayMemberForm(FlaskForm):
    """Pay one member what the group owes them (the member comes from the page's address)."""
    once = OnceKeyField()
    day = DateField(_l("Tanggal"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
        reasonable_date])
    amount = IdrField(_l("Jumlah (Rp)"))
    paid_from = SelectField(_l("Dibayar dari"), choices=[("kas", _l("Kas")), ("bank", _l("Bank"))])
    memo = StringField(_l("Keterangan"), validators=[Optional(), Length(max=300)])


class AssetForm(FlaskForm):
    once = OnceKeyField()
    name = StringField(_l("Nama aset"), validators=[DataRequired(_l("Tulis nama aset, misalnya mesin jahit.")),
                                                     Length(max=120)])
    acquired_on = DateField(_l("Tanggal perolehan"), default=today, validators=[
        InputRequired(_l("Isi tanggal.")), reasonable_date])
    cost = IdrField(_l("Harga perolehan (Rp)"))
    life_months = IntegerField(_l("Umur manfaat (bulan)"), validators=[
        InputRequired(_l("Isi umur manfaat dalam bulan, misalnya 48."))])
    residual = OptionalIdrField(_l("Nilai sisa di akhir umur (Rp)"))
    funded_by = SelectField(_l("Dibayar dari"), choices=[("kas", _l("Kas")), ("bank", _l("Bank")),
                                                         ("hibah", _l("Hibah barang (pemberian)"))])


class DisposeForm(FlaskForm):
    day = DateField(_l("Tanggal dihapus dari buku"), default=today, validators=[
        InputRequired(_l("Isi tanggal.")), reasonable_date])
    confirm = BooleanField(_l("Aset ini rusak, hilang atau diberikan, tanpa uang masuk"), validators=[
        DataRequired(_l("Centang untuk mengonfirmasi."))])
