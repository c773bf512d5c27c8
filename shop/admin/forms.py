"""Forms of the admin pages: input shape and messages; the rules live in shop/groups/services.py,
shop/groups/regions.py and shop/accounts/services.py."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from shop.accounts.models import ROLES
from shop.crafts import CRAFTS
from shop.forms import PhoneNumber
from shop.groups.regions import PROVINCES, REGION_KINDS
from shop.groups.services import LEGAL_FORM_LABELS
from shop.labels import ROLES as ROLE_NAMES

PHONE_MESSAGE = _l("Tulis nomor telepon dengan angka, misalnya +6281234567890.")
ROLE_LABELS = ROLE_NAMES
assert set(ROLE_LABELS) == set(ROLES)


def int_or_none(value):
    """Coerce for id selects: unreadable input becomes None, which OneOfChoices then refuses in Indonesian."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class OneOfChoices:
    """The submitted value (or every value of a multiple select) is one of the field's choices."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        allowed = {value for value, _label in field.choices or []}
        values = field.data if isinstance(field.data, list) else [field.data]
        if any(value not in allowed for value in values):
            raise ValidationError(self.message)


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ConfirmForm(FlaskForm):
    """An empty form: the CSRF token of a confirmation step."""


class GroupForm(FlaskForm):
    name = StringField(_l("Nama kelompok"), validators=[DataRequired(_l("Isi nama kelompok.")), Length(max=160)])
    region_id = SelectField(_l("Wilayah"), coerce=int_or_none, validate_choice=False,
                            validators=[OneOfChoices(_l("Pilih wilayah dari daftar."))])
    crafts = CheckboxList(_l("Jenis kerajinan"), choices=list(CRAFTS.items()), validate_choice=False,
                          validators=[DataRequired(_l("Pilih paling sedikit satu jenis kerajinan.")),
                                      OneOfChoices(_l("Pilih jenis kerajinan dari daftar."))])
    contact_name = StringField(_l("Nama kontak"), validators=[Optional(), Length(max=120)])
    phone = StringField(_l("Telepon"), validators=[Optional(), PhoneNumber(message=PHONE_MESSAGE)])
    whatsapp = StringField(_l("WhatsApp"), validators=[Optional(), PhoneNumber(mobile=True, message=PHONE_MESSAGE)])
    email = EmailField(_l("E-mail kelompok"), validators=[Optional(), Email(_l("Alamat e-mail tidak valid.")),
                                                           Length(max=200)])
    address = TextAreaField(_l("Alamat"), validators=[Optional(), Length(max=300)])
    bank_name = StringField(_l("Nama bank"), validators=[Optional(), Length(max=80)])
    bank_account_number = StringField(_l("Nomor rekening"), validators=[
        Optional(), Regexp(r"^[0-9 -]{5,40}$", message=_l("Nomor rekening hanya berisi angka."))])
    bank_account_name = StringField(_l("Atas nama rekening"), validators=[Optional(), Length(max=120)])
    legal_form = SelectField(_l("Bentuk badan"), choices=list(LEGAL_FORM_LABELS.items()), default="kelompok",
                             validate_choice=False, validators=[OneOfChoices(_l("Pilih bentuk badan dari daftar."))])


class GroupEditForm(GroupForm):
    legal_form = None  # changed through its own action, which is logged


class LegalFormForm(FlaskForm):
    legal_form = SelectField(_l("Bentuk badan baru"), choices=list(LEGAL_FORM_LABELS.items()), validate_choice=False,
                             validators=[OneOfChoices(_l("Pilih bentuk badan dari daftar."))])


class RegionForm(FlaskForm):
    province = SelectField(_l("Provinsi"), choices=[(p, p) for p in PROVINCES], validate_choice=False,
                           validators=[OneOfChoices(_l("Pilih provinsi dari daftar."))])
    kind = SelectField(_l("Jenis"), choices=list(REGION_KINDS.items()), validate_choice=False,
                       validators=[OneOfChoices(_l("Pilih kabupaten atau kota."))])
    name = StringField(_l("Nama kabupaten atau kota"), validators=[DataRequired(_l("Isi nama wilayah.")),
                                                                   Length(max=120)])


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Isi alamat e-mail.")),
                                                 Email(_l("Alamat e-mail tidak valid.")), Length(max=200)])
    name = StringField(_l("Nama"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Peran"), choices=list(ROLE_LABELS.items()), default="coordinator", validate_choice=False,
                       validators=[OneOfChoices(_l("Pilih peran dari daftar."))])
    group_id = SelectField(_l("Kelompok (untuk koordinator)"), coerce=int_or_none, validate_choice=False, default=0,
                           validators=[OneOfChoices(_l("Kelompok tidak ditemukan."))])

    def validate_group_id(self, field):
        if self.role.data == "coordinator" and not field.data:
            raise ValidationError(_l("Pilih kelompok yang dikoordinasi."))
        if self.role.data != "coordinator" and field.data:
            raise ValidationError(_l("Hanya koordinator yang terhubung ke kelompok."))
