"""Forms of the impact pages: an admin's note on a flag, and the quarter of a printed report."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from shop.impact.flags import NAMES
from shop.impact.notes import ACTION_LABELS, MAX_TEXT
from shop.impact.period import today_wib


class NoteForm(FlaskForm):
    flag = SelectField(_l("Tentang tanda"), choices=[("", _l("Catatan umum")), *list(NAMES.items())])
    action = SelectField(_l("Yang dilakukan"), choices=list(ACTION_LABELS.items()))
    noted_on = DateField(_l("Tanggal"), default=today_wib, validators=[InputRequired(_l("Isi tanggal."))])
    text = TextAreaField(_l("Catatan"), validators=[DataRequired(_l("Tulis apa yang sudah dilakukan.")),
                                                    Length(max=MAX_TEXT)],
                         description=_l("Jangan menulis keterangan disabilitas atau kesehatan anggota di sini."))
