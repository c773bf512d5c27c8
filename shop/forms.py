"""Form pieces shared by several domains' forms (input shape only; the rules live in services)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField as _WTFormsIntegerField
from wtforms.validators import ValidationError

from shop.phones import normalise


class PhoneNumber:
    """An Indonesian phone number (a mobile one when `mobile`), replaced by its stored form `+62…`.
    An empty field stays empty; make it required with DataRequired before this validator."""

    def __init__(self, mobile: bool = False, message=None):
        self.mobile = mobile
        self.message = message

    def __call__(self, form, field):
        if not (field.data or "").strip():
            field.data = ""
            return
        number = normalise(field.data, mobile=self.mobile)
        if number is None:
            raise ValidationError(self.message or (
                _l("Nomor WhatsApp harus nomor HP Indonesia, misalnya 0812 3456 7890.") if self.mobile else
                _l("Nomor telepon harus nomor Indonesia, misalnya 022 1234 567 atau 0812 3456 7890.")))
        field.data = number


LARGEST_INTEGER = 10**15  # larger than any quantity, price or id the shop uses, far below where floats lose integers


class IntegerField(_WTFormsIntegerField):
    """WTForms' IntegerField, refusing numbers too large to compare (import it from here, not from wtforms):
    NumberRange turns the value into a float, which raises OverflowError past 1e308 (a 500 for '9' * 400)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and abs(self.data) > LARGEST_INTEGER:
            self.data = None
            raise ValueError(_l("Angka terlalu besar."))
