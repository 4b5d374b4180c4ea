"""Forms students fill in: their name before a quiz, and the class they join."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..services.codes import normalize_code

NAME_PATTERN = r"^[^<>{}\[\]\\/]+$"


def display_name_field() -> StringField:
    """The name a student goes by: the same rules wherever a student gives it."""
    return StringField(
        _l("Your name"),
        validators=[DataRequired(message=_l("Please enter your name.")),
                    Length(max=40, message=_l("At most 40 characters, please.")),
                    Regexp(NAME_PATTERN, message=_l("Please use letters, digits, spaces and hyphens."))],
        filters=[lambda value: " ".join(value.split()) if value else value],
        render_kw={"autocomplete": "nickname", "maxlength": 40},
    )


class NameForm(FlaskForm):
    display_name = display_name_field()


class JoinForm(FlaskForm):
    code = StringField(_l("Class code"), filters=[normalize_code],
                       validators=[DataRequired(message=_l("Please enter the class code.")),
                                   Length(max=16, message=_l("A class code has 6 characters."))],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
                                  "maxlength": 20})
    display_name = display_name_field()
    pin = PasswordField(_l("PIN (optional)"), filters=[lambda value: value.strip() if value else value],
                        validators=[Optional(), Regexp(r"^\d{4,8}$", message=_l("A PIN has 4 to 8 digits."))],
                        render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 8})
