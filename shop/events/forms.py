"""Forms of the organiser's and coordinators' bazaar pages: input shape and messages, no business rules."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from shop.catalog.forms import MultiCheckboxField


class EventForm(FlaskForm):
    name = StringField(_l("Nama bazar"), validators=[DataRequired(_l("Isi nama bazar.")), Length(max=160)])
    venue = StringField(_l("Tempat"), validators=[DataRequired(_l("Isi tempat bazar.")), Length(max=160)])
    address = StringField(_l("Alamat"), validators=[Optional(), Length(max=300)])
    map_url = StringField(_l("Tautan peta (https://…)"), validators=[Optional(), Length(max=500)])
    starts_on = DateField(_l("Tanggal mulai"), validators=[InputRequired(_l("Isi tanggal mulai."))])
    ends_on = DateField(_l("Tanggal selesai"), validators=[InputRequired(_l("Isi tanggal selesai."))])
    opening_hours = StringField(_l("Jam buka"), validators=[Optional(), Length(max=120)])
    description = TextAreaField(_l("Keterangan"), validators=[Optional(), Length(max=5000)])


class InviteForm(FlaskForm):
    groups = MultiCheckboxField(_l("Kelompok yang diundang"), coerce=int,
                                validators=[DataRequired(_l("Pilih minimal satu kelompok."))])


class CashierForm(FlaskForm):
    user = SelectField(_l("Akun kasir"), coerce=int, validate_choice=False)


class OrganiserForm(FlaskForm):
    organiser = SelectField(_l("Akun panitia"), coerce=int, validate_choice=False)


class TillForm(FlaskForm):
    name = StringField(_l("Nama mesin kasir"), validators=[Optional(), Length(max=80)])


class SettlementForm(FlaskForm):
    method = SelectField(_l("Cara serah terima"), choices=[("cash", _l("Tunai")), ("transfer", _l("Transfer bank"))])
    handed_over_on = DateField(_l("Tanggal serah terima"), validators=[InputRequired(_l("Isi tanggalnya."))])
    handed_over_by = StringField(_l("Diserahkan oleh"), validators=[DataRequired(_l("Tulis nama penyerah.")),
                                                                    Length(max=120)])
    received_by = StringField(_l("Diterima oleh"), validators=[DataRequired(_l("Tulis nama penerima.")),
                                                               Length(max=120)])
