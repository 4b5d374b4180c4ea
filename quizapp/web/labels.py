"""Names of the news-literacy categories in the request's language."""
from flask_babel import gettext as _


def category_label(category: str) -> str:
    labels = {"figures": _("Figures"), "actors": _("Actors"), "motives": _("Motives"),
              "sourcing": _("Sources & evidence")}
    return labels.get(category, category)
