"""The GET filter form of the results pages: class, date range, first attempts only, sort order."""
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import to_utc
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, SelectField
from wtforms.validators import Optional, ValidationError

from ..stats import DEFAULT_SORT, SORT_KEYS, Scope

OUTSIDE = "other"
FILTER_KEYS = ("classroom", "since", "until", "first_only", "sort", "dir")


EARLIEST, LATEST = date(2000, 1, 1), date(2999, 12, 31)


def _plausible(day: date | None) -> None:
    """Keep dates where time-zone arithmetic works (year 1 or 9999 would overflow)."""
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValidationError(_l("Choose a date between 2000 and 2999."))


def list_filters(args) -> dict:
    """The results list's filters among ``args`` (a query string's), for links that lead back
    to the list with them. Only known keys are passed on: anything else in the query string
    (even quiz_id or url_for's own _scheme) never reaches url_for; the list checks the values."""
    return {key: args[key] for key in FILTER_KEYS if args.get(key)}


class FilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that only narrows what is shown

    classroom = SelectField(_l("Class"), choices=[], default="")
    since = DateField(_l("Submitted from"), validators=[Optional()])
    until = DateField(_l("Submitted until"), validators=[Optional()])
    first_only = BooleanField(_l("First attempt of each student only"))
    sort = HiddenField()
    dir = HiddenField()

    def __init__(self, formdata, classrooms: list[tuple[int, str]], owns_quiz: bool):
        super().__init__(formdata=formdata)
        choices = [("", _l("All classes"))] + [(str(cid), name) for cid, name in classrooms]
        if owns_quiz:  # only the quiz's owner sees attempts made outside their own classes
            choices.append((OUTSIDE, _l("Not in one of my classes")))
        self.classroom.choices = choices

    def validate_since(self, field) -> None:
        _plausible(field.data)

    def validate_until(self, field) -> None:
        _plausible(field.data)
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end date must not be before the start date."))

    def sort_order(self) -> tuple[str, str]:
        sort = self.sort.data if self.sort.data in SORT_KEYS else DEFAULT_SORT[0]
        direction = self.dir.data if self.dir.data in ("asc", "desc") else DEFAULT_SORT[1]
        return sort, direction

    def scope(self, quiz, teacher_id: int) -> Scope:
        """The Scope these (validated) filters describe."""
        chosen = self.classroom.data or ""
        start = to_utc(datetime.combine(self.since.data, time.min)) if self.since.data else None
        end = to_utc(datetime.combine(self.until.data + timedelta(days=1), time.min)) if self.until.data else None
        return Scope(quiz.id, quiz.owner_id, teacher_id,
                     classroom_id=int(chosen) if chosen.isdigit() else None, outside_classes=chosen == OUTSIDE,
                     since=start, until=end, first_only=bool(self.first_only.data))

    def is_filtered(self) -> bool:
        return bool(self.classroom.data or self.since.data or self.until.data or self.first_only.data)
