"""Forms for the cooperative pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from shop.coop.settings import SettingsInput
from shop.dates import reasonable_date
from shop.forms import IntegerField
from shop.ledger.forms import IdrField, OnceKeyField, OptionalIdrField, today

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


class SplitFields(FlaskForm):
    """The division rule's fields, shared by the settings (the proposal) and the members' decision."""
    cadangan_percent = IntegerField(_l("Cadangan (%)"), validators=PERCENT)
    jasa_anggota_percent = IntegerField(_l("Jasa anggota (%)"), validators=PERCENT)
    pengurus_percent = IntegerField(_l("Dana pengurus (%)"), validators=PERCENT)
    karyawan_percent = IntegerField(_l("Dana karyawan (%)"), validators=PERCENT)
    pendidikan_percent = IntegerField(_l("Dana pendidikan (%)"), validators=PERCENT)
    sosial_percent = IntegerField(_l("Dana sosial (%)"), validators=PERCENT)
    jasa_usaha_percent = IntegerField(_l("Bagian jasa usaha dari jasa anggota (%)"), validators=PERCENT)
    jasa_modal_cap_percent = IntegerField(_l("Batas jasa modal per tahun (persen dari simpanan pokok + wajib)"),
                                          validators=PERCENT)


class CoopSettingsForm(SplitFields):
    """Input shape only: whole numbers; the rule (ranges, the six SHU parts summing to 100) is
    shop.coop.settings.check_settings."""
    pokok_amount = IntegerField(_l("Simpanan pokok (Rp, sekali)"), validators=[InputRequired(_l("Isi jumlah."))])
    wajib_amount = IntegerField(_l("Simpanan wajib per bulan (Rp)"), validators=[InputRequired(_l("Isi jumlah."))])
    wajib_start = DateField(_l("Simpanan wajib mulai"), validators=[Optional(), reasonable_date])
    exit_rule = SelectField(_l("Simpanan anggota yang keluar"), choices=[
        ("kembali", _l("Dikembalikan saat keluar")), ("tahan", _l("Ditahan sebagai utang kepada anggota"))])

    def values(self) -> SettingsInput:
        return SettingsInput(**{name: getattr(self, name).data for name in SettingsInput.__dataclass_fields__})


class PokokDecisionForm(FlaskForm):
    """A members' decision raising the simpanan pokok (the rule is shop.coop.settings.change_pokok)."""
    new_amount = IntegerField(_l("Simpanan pokok baru (Rp)"), validators=[InputRequired(_l("Isi jumlah."))])
    decided_on = DateField(_l("Tanggal rapat anggota"), default=today,
                           validators=[InputRequired(_l("Isi tanggal.")),
                                                                                 reasonable_date])
    members_present = IntegerField(_l("Anggota yang hadir"), validators=[InputRequired(_l("Isi jumlah."))])
    minutes = TextAreaField(_l("Notulen keputusan"), validators=[InputRequired(_l("Isi notulen.")),
                                                                Length(max=2000)])


class CloseYearForm(FlaskForm):
    year = IntegerField(validators=[InputRequired(), NumberRange(2000, 2100)])
    confirm = BooleanField(_l("Saya sudah memeriksa angka di atas dan ingin menutup buku tahun ini"),
                           validators=[InputRequired(_l("Centang untuk mengonfirmasi."))])


class AdartForm(FlaskForm):
    adart_drafted = BooleanField(_l("Rancangan AD/ART sudah disusun"))


class ReportsForm(FlaskForm):
    year = IntegerField(validators=[InputRequired(), NumberRange(2000, 2100)])
    pengurus_report = TextAreaField(_l("Laporan pengurus"), validators=[Optional(), Length(max=20_000)])
    pengawas_report = TextAreaField(_l("Laporan pengawas"), validators=[Optional(), Length(max=20_000)])


class DecisionForm(SplitFields):
    """The Rapat Anggota's decision; the rule is checked by shop.coop.cycle.record_decision."""
    year = IntegerField(validators=[InputRequired(), NumberRange(2000, 2100)])
    held_on = DateField(_l("Tanggal rapat anggota"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
                                                                                 reasonable_date])
    members_present = IntegerField(_l("Anggota yang hadir"), validators=[InputRequired(_l("Isi jumlah."))])
    attendance = TextAreaField(_l("Daftar hadir (nama dan nomor anggota)"), validators=[Optional(), Length(max=5000)])
    minutes = TextAreaField(_l("Notulen rapat"), validators=[Optional(), Length(max=20_000)])
    minutes_pdf = FileField(_l("Atau unggah notulen (PDF)"))


class DivisionForm(FlaskForm):
    year = IntegerField(validators=[InputRequired(), NumberRange(2000, 2100)])
    day = DateField(_l("Tanggal posting pembagian"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
                                                                                 reasonable_date])


class PayShuForm(FlaskForm):
    year = IntegerField(validators=[InputRequired(), NumberRange(2000, 2100)])
    member = IntegerField(validators=[InputRequired()])
    amount = IdrField(_l("Jumlah (Rp)"))
    cash = SelectField(_l("Dibayar dari"), choices=[("kas", _l("Kas (tunai)")), ("bank", _l("Bank (transfer)"))])
    day = DateField(_l("Tanggal"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
                                                                                 reasonable_date])


class ExitPayForm(FlaskForm):
    """Paying out a former member's held simpanan (2109); the one-time key makes a double submit post once."""
    once = OnceKeyField()
    member = SelectField(_l("Anggota yang keluar"), coerce=int, validate_choice=False)  # the service checks
    amount = IdrField(_l("Jumlah (Rp)"))
    cash = SelectField(_l("Dibayar dari"), choices=[("kas", _l("Kas (tunai)")), ("bank", _l("Bank (transfer)"))])
    day = DateField(_l("Tanggal"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
                                                                                 reasonable_date])


class DanaForm(FlaskForm):
    dana = SelectField(_l("Dana"), choices=[("pendidikan", _l("Dana pendidikan")), ("sosial", _l("Dana sosial")),
                                            ("pengurus", _l("Dana pengurus")), ("karyawan", _l("Dana karyawan"))])
    amount = IdrField(_l("Jumlah (Rp)"))
    cash = SelectField(_l("Dibayar dari"), choices=[("kas", _l("Kas")), ("bank", _l("Bank"))])
    day = DateField(_l("Tanggal"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
                                                                                 reasonable_date])
    memo = StringField(_l("Untuk apa"), validators=[InputRequired(_l("Isi keterangan.")), Length(max=200)])


class GrantForm(FlaskForm):
    in_kind = SelectField(_l("Bentuk hibah"), choices=[("uang", _l("Uang")), ("barang", _l("Barang (peralatan)"))])
    amount = IdrField(_l("Nilai (Rp)"))
    cash = SelectField(_l("Diterima di (hibah uang)"), choices=[("kas", _l("Kas")), ("bank", _l("Bank"))])
    day = DateField(_l("Tanggal"), default=today, validators=[InputRequired(_l("Isi tanggal.")),
                                                                                 reasonable_date])
    memo = StringField(_l("Pemberi dan keterangan"), validators=[InputRequired(_l("Isi keterangan.")),
                                                                 Length(max=200)])


class ProfileForm(FlaskForm):
    path = SelectField(_l("Jalan menuju koperasi"), choices=[
        ("sendiri", _l("Mendirikan koperasi sendiri")),
        ("bersama", _l("Mendirikan bersama kelompok lain di kantor yang sama")),
        ("bergabung", _l("Bergabung dengan koperasi yang sudah ada"))])
    joint_name = StringField(_l("Nama koperasi yang didirikan bersama"), validators=[Optional(), Length(max=160)])
    existing_koperasi = StringField(_l("Nama koperasi yang dimasuki"), validators=[Optional(), Length(max=160)])
    founding_meeting_on = DateField(_l("Tanggal rapat pendirian"), validators=[Optional(), reasonable_date])
    founding_minutes = TextAreaField(_l("Notulen rapat pendirian"), validators=[Optional(), Length(max=20_000)])
    deed_number = StringField(_l("Nomor akta notaris pendirian"), validators=[Optional(), Length(max=80)])
    deed_date = DateField(_l("Tanggal akta"), validators=[Optional(), reasonable_date])
    nib = StringField(_l("NIB (Nomor Induk Berusaha)"), validators=[Optional(), Length(max=40)])

    def values(self) -> dict:
        return {name: getattr(self, name).data or ("" if name not in ("founding_meeting_on", "deed_date") else None)
                for name in ("path", "joint_name", "existing_koperasi", "founding_meeting_on", "founding_minutes",
                             "deed_number", "deed_date", "nib")}


class EquipmentRow(Form):
    """One piece of equipment already owned when the books start (all three filled, or none)."""
    name = StringField(_l("Nama peralatan"), validators=[Optional(), Length(max=120)])
    value = OptionalIdrField(_l("Nilai sekarang (Rp)"))
    life_months = IntegerField(_l("Sisa umur pakai (bulan)"), validators=[Optional()])


SAVINGS_KINDS = (("pokok", _l("Simpanan pokok")), ("wajib", _l("Simpanan wajib")),
                 ("sukarela", _l("Simpanan sukarela")))


class OpeningBase(FlaskForm):
    day = DateField(_l("Tanggal mulai pembukuan"), default=today, validators=[
        InputRequired(_l("Isi tanggal.")), reasonable_date])
    kas = OptionalIdrField(_l("Uang tunai di kas (Rp)"))
    bank = OptionalIdrField(_l("Saldo rekening bank (Rp)"))
    piutang_panitia = OptionalIdrField(_l("Uang kelompok yang masih dipegang panitia bazar (Rp)"))
    equipment = FieldList(FormField(EquipmentRow), min_entries=3, max_entries=10)
    pokok_total = OptionalIdrField(_l("Simpanan pokok tanpa rincian anggota (Rp)"))
    wajib_total = OptionalIdrField(_l("Simpanan wajib tanpa rincian anggota (Rp)"))
    confirm = BooleanField(_l("Angka-angka ini sesuai dengan catatan kelompok"), validators=[
        DataRequired(_l("Centang untuk mengonfirmasi."))])

    def member_fields(self) -> list[tuple[int, str, list]]:
        return [(member_id, name, [getattr(self, f"{kind}_{member_id}") for kind, _label in SAVINGS_KINDS])
                for member_id, name in self.members]


def opening_form(members: list[tuple[int, str]]) -> OpeningBase:
    """The opening balance form, with a rupiah field per member and simpanan kind."""

    class OpeningForm(OpeningBase):
        pass

    for member_id, name in members:
        for kind, label in SAVINGS_KINDS:
            setattr(OpeningForm, f"{kind}_{member_id}", OptionalIdrField(f"{label} {name}"))
    form = OpeningForm()
    form.members = members
    return form
