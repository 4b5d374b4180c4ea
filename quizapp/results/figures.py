"""The results pages' charts: stats figures turned into titled, described SVG (see quizapp.web.charts)
plus the same numbers as table rows, which the page prints next to each chart."""
from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup

from ..web.charts import NARROW, histogram, percent_bars
from ..web.formatting import percent
from ..stats import TOO_EASY, TOO_HARD, Facility, Item, Summary
from ..web.labels import category_label


@dataclass
class Figure:
    id: str
    svg: Markup
    narrow_svg: Markup  # the same chart drawn for a phone's width (quizapp.web.charts)
    caption: str
    headers: list[str]
    rows: list[tuple]  # the first cell labels the row; the others are numbers already formatted


def _both(draw, chart_id: str, *args, **kwargs) -> tuple[Markup, Markup]:
    """A chart drawn wide and narrow; the narrow one's ids end in -narrow, so the page's ids stay unique."""
    return draw(chart_id, *args, **kwargs), draw(f"{chart_id}-narrow", *args, width=NARROW, **kwargs)


def score_histogram(summary: Summary) -> Figure:
    bands = [(f"{10 * i}–{percent(10 * (i + 1))}", count) for i, count in enumerate(summary.bins)]
    desc = _("Number of attempts per score band of 10 percentage points: %(bands)s.",
             bands="; ".join(f"{band}: {count}" for band, count in bands))
    svg, narrow = _both(histogram, "chart-scores", summary.bins, desc=desc, label=_("Score in percent"),
                        title=_("Score distribution (%(count)d attempts)", count=summary.count))
    return Figure("figure-scores", svg, narrow, _("How many attempts reached which score (bands of 10 percentage points; "
                                          "a full score counts in the top band)."), [_("Score"), _("Attempts")], bands)


def facility_chart(items: list[Item]) -> Figure:
    bars = [{"label": f"{item.number or '–'}. {item.snapshot['prompt']}", "value": item.facility,
             "flagged": bool({"too_easy", "too_hard"} & set(item.flags))} for item in items]
    desc = _("Facility index per question (mean score as a percentage of the maximum); dashed lines at "
             "%(hard)d%% and %(easy)d%%, hatched bars outside them: %(values)s.", hard=TOO_HARD, easy=TOO_EASY,
             values="; ".join(f"{item.number or '–'}: {percent(item.facility)}" for item in items))
    svg, narrow = _both(percent_bars, "chart-facility", bars, title=_("Facility per question"), desc=desc,
                        thresholds=(TOO_HARD, TOO_EASY))
    rows = [(item.number or "–", percent(item.facility), item.n) for item in items]
    return Figure("figure-facility", svg, narrow, _("Facility index of every question; dashed lines at %(hard)s and "
                                            "%(easy)s, hatched bars outside them (too hard or too easy).",
                                            hard=percent(TOO_HARD), easy=percent(TOO_EASY)),
                  [_("Question"), _("Facility"), _("Attempts")], rows)


def category_chart(categories: list[Facility]) -> Figure:
    bars = [{"label": category_label(entry.label), "value": entry.facility} for entry in categories]
    desc = _("Facility per category: %(values)s.", values="; ".join(
        f"{category_label(entry.label)}: {percent(entry.facility)}" for entry in categories))
    svg, narrow = _both(percent_bars, "chart-categories", bars, title=_("Facility per category"), desc=desc)
    rows = [(category_label(e.label), percent(e.facility), e.questions, e.responses) for e in categories]
    return Figure("figure-categories", svg, narrow, _("Facility per category: the points scored as a percentage of the "
                                              "points possible."),
                  [_("Category"), _("Facility"), _("Questions"), _("Answers")], rows)
