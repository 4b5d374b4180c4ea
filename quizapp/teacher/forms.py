"""Forms of the teacher pages; field rules live here, business rules in the services."""
from flask_babel import lazy_gettext as _l, to_user_timezone, to_utc
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateTimeLocalField, EmailField, HiddenField, IntegerField, PasswordField,
                     RadioField, SelectField, SelectMultipleField, StringField, TextAreaField)
from wtforms.validators import (AnyOf, DataRequired, EqualTo, InputRequired, Length, NumberRange, Optional, Regexp,
                                ValidationError)
from wtforms.widgets import CheckboxInput, ListWidget

from ..services.accounts import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from ..models import CATEGORIES
from ..services.quizzes import QuizSettings


def _squash(value):
    return " ".join(value.split()) if isinstance(value, str) else value


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _password(label, autocomplete: str):
    return PasswordField(label, validators=[
        DataRequired(message=_l("Please enter a password.")),
        Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH,
               message=_l("Between %(min)d and %(max)d characters, please.")),
    ], render_kw={"autocomplete": autocomplete, "minlength": MIN_PASSWORD_LENGTH})


def add_error(form, field_name: str | None, message: str) -> None:
    """Show a service's refusal next to the field it concerns (or above the form)."""
    field = getattr(form, field_name, None) if field_name else None
    if field is not None:
        field.errors = [*field.errors, message]
    else:
        form.form_errors.append(message)


class CheckboxListField(SelectMultipleField):
    """A list of checkboxes; works without JavaScript and reads well on a phone."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# ---------------------------------------------------------------- accounts

class NewTeacherForm(FlaskForm):
    email = EmailField(_l("Email"), filters=[_strip],
                       validators=[DataRequired(message=_l("Please enter an email address.")), Length(max=254)],
                       render_kw={"autocomplete": "off"})
    name = StringField(_l("Name"), filters=[_squash],
                       validators=[DataRequired(message=_l("Please enter a name.")), Length(max=120)])
    password = _password(_l("Initial password"), "new-password")
    confirm = PasswordField(_l("Repeat the password"), validators=[
        EqualTo("password", message=_l("The two passwords differ."))], render_kw={"autocomplete": "new-password"})
    admin = BooleanField(_l("Administrator: may create and disable accounts and issue password-reset links"))


class SwitchForm(FlaskForm):
    """One on/off button of the teachers list (enable or disable an account, grant or take a role)."""
    value = HiddenField(validators=[AnyOf(("on", "off"))])


class PasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[
        DataRequired(message=_l("Please enter your current password.")), Length(max=MAX_PASSWORD_LENGTH)],
        render_kw={"autocomplete": "current-password"})
    new_password = _password(_l("New password"), "new-password")
    confirm = PasswordField(_l("Repeat the new password"), validators=[
        EqualTo("new_password", message=_l("The two passwords differ."))], render_kw={"autocomplete": "new-password"})


# ---------------------------------------------------------------- classes

class ClassroomForm(FlaskForm):
    name = StringField(_l("Name of the class"), filters=[_squash],
                       validators=[DataRequired(message=_l("Please name the class.")),
                                   Length(max=120, message=_l("At most %(max)d characters, please."))],
                       render_kw={"maxlength": 120, "placeholder": _l("e.g. 3b 2025/26")})


class ConfirmForm(FlaskForm):
    """A deliberate tick before something is deleted, so a stray POST deletes nothing."""

    confirm = BooleanField(_l("Yes, I am sure."),
                           validators=[DataRequired(message=_l("Tick the box to confirm."))])


class PinForm(FlaskForm):
    pin = StringField(_l("New PIN"), filters=[_strip],
                      validators=[DataRequired(message=_l("Please enter a PIN.")),
                                  Regexp(r"^\d{4,8}$", message=_l("A PIN has 4 to 8 digits."))],
                      render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 8, "pattern": r"\d{4,8}"})


# ---------------------------------------------------------------- quizzes

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class QuizSettingsForm(FlaskForm):
    title = StringField(_l("Title"), filters=[_squash],
                        validators=[DataRequired(message=_l("Please give the quiz a title.")), Length(max=200)])
    description = TextAreaField(_l("Description"), filters=[_strip], validators=[Length(max=2000)])
    shuffle_questions = BooleanField(_l("Shuffle the questions for every student"))
    shuffle_options = BooleanField(_l("Shuffle the answer options"), default=True)
    max_attempts = IntegerField(_l("Attempts allowed"), validators=[
        Optional(), NumberRange(min=1, max=100, message=_l("Between 1 and 100, or leave it empty."))],
        render_kw={"min": 1, "max": 100, "inputmode": "numeric"})
    reveal = RadioField(_l("Show the correct answers"), default="after_submit", choices=[
        ("after_submit", _l("right after the student submits")),
        ("after_close", _l("only after the quiz closes")),
    ], validators=[InputRequired(message=_l("Choose when to show the correct answers."))])
    opens_at = DateTimeLocalField(_l("Opens at"), format=DATETIME_FORMATS, validators=[Optional()])
    closes_at = DateTimeLocalField(_l("Closes at"), format=DATETIME_FORMATS, validators=[Optional()])
    public = BooleanField(_l("Public: list it on the start page for everyone"))

    def validate_closes_at(self, field):
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("The quiz must close after it opens."))

    def validate_reveal(self, field):
        # Without a closing time, "after the quiz closes" would never come.
        if field.data == "after_close" and not self.closes_at.data:
            raise ValidationError(_l("Set a closing time, or show the answers right after submitting."))

    def to_settings(self) -> QuizSettings:
        """The entered settings, times converted from the school's time zone to UTC."""
        return QuizSettings(
            title=self.title.data, description=self.description.data or "",
            shuffle_questions=self.shuffle_questions.data, shuffle_options=self.shuffle_options.data,
            max_attempts=self.max_attempts.data, reveal=self.reveal.data,
            opens_at=to_utc(self.opens_at.data) if self.opens_at.data else None,
            closes_at=to_utc(self.closes_at.data) if self.closes_at.data else None,
            public=self.public.data,
        )

    def fill_from(self, settings: QuizSettings) -> None:
        for name in ("title", "description", "shuffle_questions", "shuffle_options", "max_attempts", "reveal",
                     "public"):
            getattr(self, name).data = getattr(settings, name)
        for name in ("opens_at", "closes_at"):
            value = getattr(settings, name)
            getattr(self, name).data = to_user_timezone(value).replace(tzinfo=None) if value else None


class QuestionSelectionForm(FlaskForm):
    mode = RadioField(_l("Which questions"), default="all", choices=[
        ("all", _l("All published questions of the article")),
        ("category", _l("The published questions of one category")),
        ("pick", _l("The questions I tick below")),
    ], validators=[InputRequired(message=_l("Choose how to select the questions."))])
    category = SelectField(_l("Category"), choices=[(c, c) for c in CATEGORIES], validate_choice=False)
    questions = CheckboxListField(_l("Questions"), coerce=int, validate_choice=True)

    def offer(self, questions, category_label) -> None:
        """Offer these questions (and their categories) as choices."""
        self.questions.choices = [(q.id, q.prompt) for q in questions]
        self.category.choices = [(c, category_label(c)) for c in CATEGORIES]

    def validate_category(self, field):
        if self.mode.data == "category" and field.data not in CATEGORIES:
            raise ValidationError(_l("Choose a category."))

    def validate_questions(self, field):
        if self.mode.data == "pick" and not field.data:
            raise ValidationError(_l("Tick at least one question."))


class QuizCreateForm(QuizSettingsForm, QuestionSelectionForm):
    """Settings and questions on one page, so a quiz is made in one step."""


class AssignForm(FlaskForm):
    classrooms = CheckboxListField(_l("Classes"), coerce=int, validate_choice=True)


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[AnyOf(("up", "down"))])
