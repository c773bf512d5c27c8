"""Forms of the coordinator's group profile and members register: input shape and messages only."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from shop.dates import reasonable_date
from shop.forms import PhoneNumber


class IdDateField(DateField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message",
                          _l("Tanggal tidak valid. Gunakan format tahun-bulan-tanggal, misalnya 2024-05-17."))
        super().__init__(*args, **kwargs)


class ProfileForm(FlaskForm):
    story = TextAreaField(_l("Cerita kelompok"), validators=[Length(max=5000)],
                          render_kw={"rows": 8})
    contact_name = StringField(_l("Nama narahubung"), validators=[Length(max=120)])
    phone = StringField(_l("Nomor telepon"), validators=[Length(max=30), PhoneNumber(mobile=False)],
                        render_kw={"inputmode": "tel", "autocomplete": "tel"})
    whatsapp = StringField(_l("Nomor WhatsApp"), validators=[Length(max=30), PhoneNumber(mobile=True)],
                           render_kw={"inputmode": "tel"})
    address = TextAreaField(_l("Alamat tempat mengambil pesanan"), validators=[Length(max=300)],
                            render_kw={"rows": 3, "autocomplete": "street-address"})
    pickup_hours = StringField(_l("Jam pengambilan"), validators=[Length(max=120)])
    bank_name = StringField(_l("Nama bank"), validators=[Length(max=80)])
    bank_account_number = StringField(
        _l("Nomor rekening"),
        validators=[Length(max=40), Optional(), Regexp(r"^[0-9][0-9 \-]{4,38}[0-9]$",
                                                       message=_l("Nomor rekening hanya berisi angka."))],
        render_kw={"inputmode": "numeric"})
    bank_account_name = StringField(_l("Nama pemilik rekening"), validators=[Length(max=120)])
    photo = FileField(_l("Foto kelompok (boleh dikosongkan)"),
                      render_kw={"accept": "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"})

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        bank = [self.bank_name.data, self.bank_account_number.data, self.bank_account_name.data]
        if any((v or "").strip() for v in bank) and not all((v or "").strip() for v in bank):
            for f in (self.bank_name, self.bank_account_number, self.bank_account_name):
                if not (f.data or "").strip():
                    f.errors.append(_l("Lengkapi data rekening: nama bank, nomor dan nama pemilik."))
            ok = False
        return ok


class MemberForm(FlaskForm):
    name = StringField(_l("Nama anggota"), validators=[DataRequired(_l("Isi nama anggota.")), Length(max=120)])
    role = StringField(_l("Peran di kelompok"), default="anggota", validators=[Length(max=60)])
    joined_on = IdDateField(_l("Tanggal bergabung"), validators=[Optional(), reasonable_date],
                          render_kw={"autocomplete": "off"})
    public_consent = BooleanField(_l("Anggota setuju namanya ditampilkan di halaman publik"))
    bio = TextAreaField(_l("Cerita singkat (tampil bila setuju)"), validators=[Length(max=2000)],
                        render_kw={"rows": 3})
    private_note = TextAreaField(_l("Catatan pribadi tentang disabilitas atau kebutuhan dukungan (tidak pernah "
                                    "ditampilkan ke publik, boleh dikosongkan)"),
                                 validators=[Length(max=2000)], render_kw={"rows": 3})


class LeaveForm(FlaskForm):
    left_on = IdDateField(_l("Tanggal keluar"), validators=[InputRequired(_l("Isi tanggal keluar dengan benar.")),
        reasonable_date])
