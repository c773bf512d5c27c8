"""Forms of the request pages: input shape and messages only (measurements are checked by the service against
the group's template; their inputs are named m-<field key>)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

SHIPPING = [("pickup", _l("Ambil sendiri di tempat kelompok")), ("courier", _l("Dikirim dengan kurir"))]


class ContactMixin:
    name = StringField(_l("Nama"), validators=[DataRequired(_l("Isi nama Anda.")), Length(max=120)])
    email = StringField(_l("E-mail"), validators=[DataRequired(_l("Isi e-mail Anda.")),
                                                  Email(_l("Alamat e-mail tidak valid.")), Length(max=200)])
    phone = StringField(_l("Nomor telepon/WhatsApp"), validators=[DataRequired(_l("Isi nomor telepon.")),
                                                                  Length(min=8, max=30)])
    fabric = StringField(_l("Bahan kain"), validators=[Optional(), Length(max=120)])
    colour = StringField(_l("Warna"), validators=[Optional(), Length(max=80)])
    model = StringField(_l("Model"), validators=[Optional(), Length(max=120)])
    notes = TextAreaField(_l("Catatan untuk penjahit"), validators=[Optional(), Length(max=4000)])
    shipping = RadioField(_l("Pengambilan"), choices=SHIPPING, default="pickup")
    address = TextAreaField(_l("Alamat pengiriman (bila dikirim)"), validators=[Optional(), Length(max=400)])
    photos = FileField(_l("Foto contoh (paling banyak 3)"))


class SingleRequestForm(ContactMixin, FlaskForm):
    how = RadioField(_l("Ukuran badan"), choices=[("typed", _l("Saya isi ukuran sendiri")),
                                                  ("on_site", _l("Ukur di tempat (penjahit mengukur)"))],
                     default="typed")
    appointment_at = DateTimeLocalField(_l("Waktu diukur yang Anda inginkan (WIB)"), format="%Y-%m-%dT%H:%M",
                                        validators=[Optional()])


class BulkRequestForm(ContactMixin, FlaskForm):
    organisation = StringField(_l("Nama sekolah, kantor atau kelompok"),
                               validators=[DataRequired(_l("Isi nama sekolah, kantor atau kelompok.")),
                                           Length(max=160)])
    typed = TextAreaField(_l("Ketik daftar: satu orang per baris, \u201cNama, Ukuran\u201d"),
                          validators=[Optional(), Length(max=400_000)])
    sheet = FileField(_l("Atau unggah daftar (CSV atau XLSX dari templat)"))
    roster_csv = TextAreaField(validators=[Optional(), Length(max=400_000)])  # the checked sheet, on the summary


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Pesan"), validators=[DataRequired(_l("Tulis pesan Anda.")), Length(max=4000)])


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Alasan"), validators=[DataRequired(_l("Tuliskan alasannya.")), Length(max=1000)])


class PayForm(FlaskForm):
    method = RadioField(_l("Cara pembayaran"), validators=[InputRequired(_l("Pilih cara pembayaran."))])


class QuoteForm(FlaskForm):
    price_mode = RadioField(_l("Harga"), choices=[("item", _l("Satu harga per potong")),
                                                  ("size", _l("Harga per ukuran"))], default="item")
    unit_price = StringField(_l("Harga per potong (Rp)"), validators=[Optional(), Length(max=20)])
    deposit_percent = IntegerField(_l("Uang muka (%)"), default=50,
                                   validators=[InputRequired(_l("Isi persentase uang muka.")),
                                               NumberRange(10, 100, _l("Uang muka antara 10 dan 100%."))])
    lead_time_days = IntegerField(_l("Lama pengerjaan (hari)"),
                                  validators=[InputRequired(_l("Isi lama pengerjaan.")),
                                              NumberRange(1, 365, _l("Lama pengerjaan antara 1 dan 365 hari."))])
    valid_until = DateField(_l("Penawaran berlaku sampai"),
                            validators=[InputRequired(_l("Isi tanggal berlaku penawaran."))])
    cancel_fee = StringField(_l("Biaya bila dibatalkan sebelum kain dipotong (Rp)"), default="0",
                             validators=[Optional(), Length(max=20)])
    note = TextAreaField(_l("Catatan penawaran"), validators=[Optional(), Length(max=2000)])


class StageForm(FlaskForm):
    stage = SelectField(_l("Tahap berikutnya"), choices=[])


class MakersForm(FlaskForm):
    members = SelectMultipleField(_l("Anggota yang mengerjakan"), coerce=int, choices=[])


class HandOverForm(FlaskForm):
    courier = StringField(_l("Kurir"), validators=[Optional(), Length(max=60)])
    tracking_number = StringField(_l("Nomor resi"), validators=[Optional(), Length(max=80)])


class CapacityForm(FlaskForm):
    weekly_capacity = IntegerField(_l("Kapasitas jahit per minggu (potong)"),
                                   validators=[InputRequired(_l("Isi kapasitas per minggu.")),
                                               NumberRange(0, 100_000, _l("Antara 0 dan 100.000 potong."))])


class ConfirmForm(FlaskForm):
    confirm = BooleanField(_l("Saya mengerti"))
