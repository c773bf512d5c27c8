from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from shop.accounts.services import MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Isi alamat e-mail.")),
                                                 Email(_l("Alamat e-mail tidak valid.")), Length(max=200)])
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(_l("Isi kata sandi.")), Length(max=200)])


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Isi alamat e-mail.")),
                                                 Email(_l("Alamat e-mail tidak valid.")), Length(max=200)])


class SetPasswordForm(FlaskForm):
    password = PasswordField(_l("Kata sandi baru"), validators=[
        DataRequired(_l("Isi kata sandi.")),
        Length(min=MIN_PASSWORD_LENGTH, max=200,
               message=_l("Kata sandi %(min)d sampai %(max)d karakter.", min=MIN_PASSWORD_LENGTH, max=200))])
    confirm = PasswordField(_l("Ulangi kata sandi"), validators=[
        DataRequired(_l("Ulangi kata sandi.")), EqualTo("password", _l("Kedua kata sandi tidak sama."))])
