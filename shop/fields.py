"""Form fields shared by every form module (import IntegerField from here, not from wtforms)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField as _WTFormsIntegerField

LARGEST = 10**15  # larger than any quantity, price or id the shop uses, far below where floats lose integers


class IntegerField(_WTFormsIntegerField):
    """WTForms' IntegerField, refusing numbers too large to compare: NumberRange turns the value into a float,
    which raises OverflowError past 1e308 (a 500 for '9' * 400)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and abs(self.data) > LARGEST:
            self.data = None
            raise ValueError(_l("Angka terlalu besar."))
