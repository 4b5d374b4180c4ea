"""Forms of the authoring pages: articles, questions of every kind, moves, status, upload.

WTForms checks what a form can check on its own (lengths, types, known choices); what a
question means (one correct option, a quote found in the article, min ≤ max) is checked by
bank.schema after the form is converted to a question-file entry (see question_data.py).
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (BooleanField, FieldList, Form, FormField, HiddenField, IntegerField, RadioField, SelectField,
                     StringField, TextAreaField, URLField)
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional, ValidationError

from ..bank.schema import LANGUAGES
from ..labels import category_label
from ..models import CATEGORIES

OPTION_ROWS = 6  # blank rows are ignored; a question file may hold up to 8 options
MAX_OPTION_ROWS = 8
MAX_ARTICLE_TEXT = 100_000


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def known_passage(form, field) -> None:
    """A passage select accepts "" (anywhere in the article) or one of the article's anchors."""
    if field.data and field.data not in {value for value, _ in field.choices or []}:
        raise ValidationError(_l("There is no such passage in this article (it may have been removed). "
                                 "Choose one from the list."))


# ---------------------------------------------------------------- articles

class ArticleMetaForm(FlaskForm):
    title = StringField(_l("Title"), validators=[InputRequired(_l("The article needs a title.")), Length(max=300)],
                        filters=[_strip])
    outlet = StringField(_l("Outlet"), validators=[InputRequired(_l("Name the outlet, e.g. SRF.")), Length(max=120)],
                         filters=[_strip])
    author = StringField(_l("Author"), validators=[Optional(), Length(max=200)], filters=[_strip])
    published = StringField(_l("Date"), validators=[Optional(), Length(max=10)], filters=[_strip],
                            description=_l("YYYY, YYYY-MM or YYYY-MM-DD"))
    language = SelectField(_l("Language"), choices=[(code, code) for code in LANGUAGES], default="de")
    source_url = URLField(_l("Source URL"), validators=[Optional(), Length(max=500)], filters=[_strip])
    attribution = TextAreaField(_l("Licence and attribution"), validators=[Optional(), Length(max=2000)],
                                filters=[_strip])


class ArticleForm(ArticleMetaForm):
    slug = StringField(_l("Short name for links and files (optional)"), validators=[Optional(), Length(max=80)],
                       filters=[_strip, lambda value: value.lower() if value else value])
    text = TextAreaField(_l("Article text"), validators=[InputRequired(_l("Paste the article's text.")),
                                                         Length(max=MAX_ARTICLE_TEXT)])


class ArticleTextForm(FlaskForm):
    text = TextAreaField(_l("Article text"), validators=[InputRequired(_l("Paste the article's text.")),
                                                         Length(max=MAX_ARTICLE_TEXT)])


# ---------------------------------------------------------------- questions

class OptionForm(Form):
    """One option row; choice kinds use text, evidence uses quote and passage."""

    key = HiddenField(filters=[_strip])
    text = StringField(_l("Option"), validators=[Length(max=500)], filters=[_strip])
    quote = TextAreaField(_l("Quote"), validators=[Length(max=2000)], filters=[_strip])
    passage = SelectField(_l("Passage"), validate_choice=False, validators=[known_passage])
    correct = BooleanField(_l("correct"))
    feedback = StringField(_l("Feedback when chosen"), validators=[Length(max=1000)], filters=[_strip])


class QuestionForm(FlaskForm):
    category = SelectField(_l("Category"), choices=[(c, c) for c in CATEGORIES])
    tags = StringField(_l("Tags"), validators=[Length(max=300)], filters=[_strip],
                       description=_l("Comma separated, e.g. offizielle-zahl, schaetzung"))
    prompt = TextAreaField(_l("Question"), validators=[Length(max=2000)], filters=[_strip])
    options = FieldList(FormField(OptionForm), min_entries=OPTION_ROWS, max_entries=MAX_OPTION_ROWS)
    answer_bool = RadioField(_l("The statement is"), choices=[("true", _l("true")), ("false", _l("false"))],
                             validate_choice=False)
    feedback_true = StringField(_l("Feedback for “true”"), validators=[Length(max=1000)], filters=[_strip])
    feedback_false = StringField(_l("Feedback for “false”"), validators=[Length(max=1000)], filters=[_strip])
    numeric_mode = RadioField(_l("Accepted answers"), default="value",
                              choices=[("value", _l("a value, with a tolerance")), ("range", _l("a range"))],
                              validators=[AnyOf(("value", "range"))])
    value = StringField(_l("Value"), validators=[Length(max=40)], filters=[_strip])
    tolerance = StringField(_l("Tolerance (±)"), validators=[Length(max=40)], filters=[_strip],
                            description=_l("0 for an exact number; only where the article says “rund” or “etwa”."))
    min = StringField(_l("From"), validators=[Length(max=40)], filters=[_strip])
    max = StringField(_l("To"), validators=[Length(max=40)], filters=[_strip])
    unit = StringField(_l("Unit"), validators=[Length(max=60)], filters=[_strip])
    explanation = TextAreaField(_l("Explanation"), validators=[Length(max=4000)], filters=[_strip],
                                description=_l("Why the answer is right, what the tempting wrong answer gets wrong, "
                                               "and who the source of the claim is."))
    quote_exact = TextAreaField(_l("Quote that proves the answer"), validators=[Length(max=2000)], filters=[_strip])
    quote_passage = SelectField(_l("In passage"), validate_choice=False, validators=[known_passage])
    points = IntegerField(_l("Points"), default=1,
                          validators=[InputRequired(_l("Give the points as a whole number.")),
                                      NumberRange(1, 100, _l("Points are a whole number from 1 to 100."))])
    difficulty = SelectField(_l("Difficulty"), default="medium",
                             choices=[("easy", _l("easy")), ("medium", _l("medium")), ("hard", _l("hard"))])
    status = SelectField(_l("Status"), default="published",
                         choices=[("published", _l("published")), ("draft", _l("draft"))])

    def __init__(self, *args, passages: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form, so the labels are in the request's language.
        self.category.choices = [(category, category_label(category)) for category in CATEGORIES]
        self.general_errors: list[str] = []
        self.option_errors: list[str] = []
        self.set_passages(passages)

    def set_passages(self, passages: list[tuple[str, str]]) -> None:
        """Offer the article's passages in every passage select: anchor and the start of its text."""
        choices = [("", _l("anywhere in the article"))]
        choices += [(anchor, f"{anchor} – {text[:60]}{'…' if len(text) > 60 else ''}") for anchor, text in passages]
        self.quote_passage.choices = choices
        for entry in self.options.entries:
            entry.form.passage.choices = choices

    @property
    def has_errors(self) -> bool:
        # FieldList keeps the errors it found itself; schema errors are added to its rows later.
        fields = any(field.errors for name, field in self._fields.items() if name != "options")
        rows = any(entry.form.errors for entry in self.options.entries)
        return bool(fields or rows or self.general_errors or self.option_errors)


# ---------------------------------------------------------------- small POST forms

class MoveForm(FlaskForm):
    direction = HiddenField(validators=[AnyOf(("up", "down"))])


class StatusForm(FlaskForm):
    status = HiddenField(validators=[AnyOf(("draft", "published"))])


class ImportForm(FlaskForm):
    file = FileField(_l("Question file (.yaml)"), validators=[FileRequired(_l("Choose a .yaml file to import."))],
                     render_kw={"accept": ".yaml,.yml"})


class PreviewForm(FlaskForm):
    """The preview's "check my answer" button; the answer fields come from the kind's template."""
