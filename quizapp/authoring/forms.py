"""Forms of the authoring pages: articles, questions of every kind, moves, status, upload.

WTForms checks what a form can check on its own (lengths, types, known choices); what a
question means (one correct option, a quote found in the article, min ≤ max) is checked by
bank.schema after the form is converted to a question-file entry (see question_data.py).
The question form holds the fields every kind shares; each kind adds its own (``question_form``).
"""
from functools import cache

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from ..bank.schema import LANGUAGES

# The languages an article can be in, named in the reader's language (not as codes).
LANGUAGE_NAMES = {"de": _l("German"), "en": _l("English"), "fr": _l("French"), "it": _l("Italian"),
                  "rm": _l("Romansh")}
from ..kinds import Kind
from ..kinds.option_form import known_passage
from ..kinds.option_form import strip as _strip
from ..web.labels import category_label
from ..models import CATEGORIES

MAX_ARTICLE_TEXT = 100_000


# ---------------------------------------------------------------- articles

class ArticleMetaForm(FlaskForm):
    title = StringField(_l("Title"), validators=[InputRequired(_l("The article needs a title.")), Length(max=300)],
                        filters=[_strip])
    outlet = StringField(_l("Outlet"), validators=[InputRequired(_l("Name the outlet, e.g. SRF.")), Length(max=120)],
                         filters=[_strip])
    author = StringField(_l("Author"), validators=[Optional(), Length(max=200)], filters=[_strip])
    published = StringField(_l("Date"), validators=[Optional(), Length(max=10)], filters=[_strip],
                            description=_l("YYYY, YYYY-MM or YYYY-MM-DD"))
    language = SelectField(_l("Language"), choices=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES], default="de")
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

class QuestionForm(FlaskForm):
    """The fields of every kind; ``question_form(kind)`` adds the kind's own."""

    category = SelectField(_l("Category"), choices=[(c, c) for c in CATEGORIES])
    tags = StringField(_l("Tags"), validators=[Length(max=300)], filters=[_strip],
                       description=_l("Comma separated, e.g. offizielle-zahl, schaetzung"))
    prompt = TextAreaField(_l("Question"), validators=[Length(max=2000)], filters=[_strip])
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
        self.name_option_rows()

    def name_option_rows(self) -> None:
        """Name each row's fields after its option, so a screen reader and the error summary say which."""
        for number, entry in enumerate(self.option_rows, start=1):
            row = entry.form
            row.text.label.text = _l("Option %(number)d", number=number)
            row.quote.label.text = _l("Quote %(number)d", number=number)
            row.passage.label.text = _l("In passage (quote %(number)d)", number=number)
            row.correct.label.text = _l("Option %(number)d is correct", number=number)
            row.feedback.label.text = _l("Feedback when option %(number)d is chosen (optional)", number=number)

    def set_passages(self, passages: list[tuple[str, str]]) -> None:
        """Offer the article's passages in every passage select: anchor and the start of its text."""
        choices = [("", _l("anywhere in the article"))]
        choices += [(anchor, f"{anchor} – {text[:60]}{'…' if len(text) > 60 else ''}") for anchor, text in passages]
        self.quote_passage.choices = choices
        for entry in self.option_rows:
            entry.form.passage.choices = choices

    @property
    def option_rows(self) -> list:
        """The option rows of a kind with options, else none."""
        return self.options.entries if "options" in self else []

    @property
    def has_errors(self) -> bool:
        # FieldList keeps the errors it found itself; schema errors are added to its rows later.
        fields = any(field.errors for field in self if field.name != "options")
        rows = any(entry.form.errors for entry in self.option_rows)
        return bool(fields or rows or self.general_errors or self.option_errors)


@cache
def _form_class(kind: Kind) -> type[QuestionForm]:
    return type(f"{type(kind).__name__}QuestionForm", (QuestionForm,), kind.form_fields())


def question_form(kind: Kind, **kwargs) -> QuestionForm:
    """The question form with the kind's own fields (its options, its answer)."""
    return _form_class(kind)(**kwargs)


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
