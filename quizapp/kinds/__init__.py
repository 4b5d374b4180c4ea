"""The registry of question kinds: one line per kind, looked up by name."""
from .base import INVALID, Kind, Result
from .choice import MultipleSelect, SingleChoice
from .evidence import Evidence
from .numeric import Numeric
from .true_false import TrueFalse

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (SingleChoice(), MultipleSelect(), TrueFalse(), Numeric(), Evidence())
}


def get_kind(name: str) -> Kind:
    """Return the kind called ``name``; KeyError if there is none."""
    return KINDS[name]


__all__ = ["INVALID", "KINDS", "Kind", "Result", "get_kind"]
