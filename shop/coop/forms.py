"""Forms for the cooperative pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from shop.coop.settings import SettingsInput
from shop.dates import reasonable_date
from shop.forms import IntegerField
from shop.ledger.forms import IdrField, today

PERCENT = [InputRequired(_l("Isi angka 0 sampai 100."))]


class ContributionForm(FlaskForm):
    member = SelectField(_l("Anggota"), coerce=int, validate_choice=True)
    kind = SelectField(_l("Jenis simpanan"), choices=[
        ("pokok", _l("Simpanan pokok")), ("wajib", _l("Simpanan wajib")),
        ("sukarela", _l("Simpanan sukarela (setor)")), ("tarik", _l("Simpanan sukarela (tarik)"))])
    day = DateField(_l("Tanggal"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
        reasonable_date])
    amount = IdrField(_l("Jumlah (Rp)"))
    cash = SelectField(_l("Diterima di / dibayar dari"), choices=[("kas", _l("Kas")), ("bank", _l("Bank"))])
    note = StringField(_l("Catatan"), validators=[Optional(), Length(max=200)])


class CoopSettingsForm(FlaskForm):
    """Input shape only: whole numbers; the rule (ranges, the six SHU parts summing to 100) is
    shop.coop.settings.check_settings."""
    pokok_amount = IntegerField(_l("Simpanan pokok (Rp, sekali)"), validators=[InputRequired(_l("Isi jumlah."))])
    wajib_amount = IntegerField(_l("Simpanan wajib per bulan (Rp)"), validators=[InputRequired(_l("Isi jumlah."))])
    wajib_start = DateField(_l("Simpanan wajib mulai"), validators=[Optional(), reasonable_date])
    cadangan_percent = IntegerField(_l("Cadangan (%)"), validators=PERCENT)
    jasa_anggota_percent = IntegerField(_l("Jasa anggota (%)"), validators=PERCENT)
    pengurus_percent = IntegerField(_l("Dana pengurus (%)"), validators=PERCENT)
    karyawan_percent = IntegerField(_l("Dana karyawan (%)"), validators=PERCENT)
    pendidikan_percent = IntegerField(_l("Dana pendidikan (%)"), validators=PERCENT)
    sosial_percent = IntegerField(_l("Dana sosial (%)"), validators=PERCENT)
    jasa_usaha_percent = IntegerField(_l("Bagian jasa usaha dari jasa anggota (%)"), validators=PERCENT)

    def values(self) -> SettingsInput:
        return SettingsInput(**{name: getattr(self, name).data for name in SettingsInput.__dataclass_fields__})


class CloseYearForm(FlaskForm):
    year = IntegerField(validators=[InputRequired(), NumberRange(2000, 2100)])
    confirm = BooleanField(_l("Saya sudah memeriksa angka di atas dan ingin menutup buku tahun ini"),
                           validators=[InputRequired(_l("Centang untuk mengonfirmasi."))])


class AdartForm(FlaskForm):
    adart_drafted = BooleanField(_l("Rancangan AD/ART sudah disusun"))
