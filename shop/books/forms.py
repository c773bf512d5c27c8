"""Forms of the books pages that are not money forms (those live in shop.ledger.forms): input shape only."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length

from shop.books.models import NOTE_MAX_LENGTH


class StatementNoteForm(FlaskForm):
    text = TextAreaField(
        _l("Catatan kelompok"),
        validators=[Length(max=NOTE_MAX_LENGTH,
                           message=_l("Catatan terlalu panjang: paling banyak %(n)d karakter.", n=NOTE_MAX_LENGTH))])
