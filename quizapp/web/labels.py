"""Names of the news-literacy categories, passage kinds and item-analysis flags in the request's language."""
from flask_babel import gettext as _


def category_label(category: str) -> str:
    labels = {"figures": _("Figures"), "actors": _("Actors"), "motives": _("Motives"),
              "sourcing": _("Sources & evidence")}
    return labels.get(category, category)


def passage_kind_label(kind: str) -> str:
    labels = {"headline": _("headline"), "lead": _("lead"), "heading": _("heading"), "paragraph": _("paragraph"),
              "box": _("box"), "caption": _("caption")}
    return labels.get(kind, kind)


def flag_label(flag: str) -> str:
    labels = {"too_easy": _("too easy"), "too_hard": _("too hard"),
              "negative_discrimination": _("negative discrimination")}
    return labels.get(flag, flag)
