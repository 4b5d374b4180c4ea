"""Forms students fill in before a quiz."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Regexp

NAME_PATTERN = r"^[^<>{}\[\]\\/]+$"


class NameForm(FlaskForm):
    display_name = StringField(
        _l("Your name"),
        validators=[DataRequired(message=_l("Please enter your name.")),
                    Length(max=40, message=_l("At most 40 characters, please.")),
                    Regexp(NAME_PATTERN, message=_l("Please use letters, digits, spaces and hyphens."))],
        filters=[lambda value: " ".join(value.split()) if value else value],
        render_kw={"autocomplete": "nickname", "maxlength": 40},
    )
