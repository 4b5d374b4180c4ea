"""The registry of question kinds: one line per kind, looked up by name.

Everything the app does with a question asks its kind (see base.Kind), so a new kind is its
module, its templates (templates/kinds/<name>.html, <name>_form.html), its tests and a line here.
"""
from .base import INVALID, Kind, Result
from .choice import MultipleSelect, SingleChoice
from .evidence import Evidence
from .numeric import Numeric
from .true_false import TrueFalse

KINDS: dict[str, Kind] = {
    "single_choice": SingleChoice(),
    "multiple_select": MultipleSelect(),
    "true_false": TrueFalse(),
    "numeric": Numeric(),
    "evidence": Evidence(),
}


def get_kind(name: str) -> Kind:
    """Return the kind called ``name``; KeyError if there is none."""
    return KINDS[name]


__all__ = ["INVALID", "KINDS", "Kind", "Result", "get_kind"]
