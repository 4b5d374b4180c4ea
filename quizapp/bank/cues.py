"""Text cues the item checker looks for: numbers in every spelling, hedge words, comparable text.

Pure string functions, no Flask: the checker (bank/checker.py) builds its warnings on them.
"""
import re

# A number as students and articles write it: 5000, 5'000, 5’000, 5 000, 5.000, 2,5.
_NUMBER = re.compile(r"(?<![\d'’.,])(?:\d{1,3}(?:['’\u00a0\u202f .]\d{3})+(?![\d'’])|\d+(?:\.\d+)?(?![\d'’]))(?:,\d+)?")
_THOUSANDS = re.compile(r"(?<=\d)['’\u00a0\u202f .](?=\d{3}(?!\d))")

# Hedge words whose loss turns a guess into a fact (QUESTIONS.md, rule 12). A quote with one of
# these asks the question or its correct answer to keep a hedge.
QUOTE_HEDGES = (
    "scheint", "scheinen", "wohl", "offenbar", "vermutlich", "vermuten", "vermutet", "soll", "sollen",
    "angeblich", "schätzung", "schätzungen", "geschätzt", "geschätzte", "geschätzten",
    "apparently", "reportedly", "estimated", "estimate", "estimates", "probably", "allegedly",
    "suspect", "suspects", "suspected",
)
# A paraphrase may keep the doubt in other words ("wahrscheinlich", "laut Schätzungen").
PARAPHRASE_HEDGES = QUOTE_HEDGES + (
    "scheinbar", "anscheinend", "wahrscheinlich", "möglicherweise", "vielleicht", "mutmasslich", "mutmaßlich",
    "vermutung", "vermutungen", "sollte", "sollten", "könnte", "könnten", "dürfte", "dürften", "schätzen", "schätzt",
    "unklar", "unsicher",
    "likely", "possibly", "perhaps", "seems", "seem", "seemingly", "might", "may", "alleged", "supposedly",
    "assume", "assumed", "assumption",
)
_WORD = re.compile(r"[^\W\d_]+")


def numbers_in(text: str) -> set[float]:
    """Every number written in ``text``, whatever its thousands separator."""
    found = set()
    for match in _NUMBER.finditer(text or ""):
        digits = match.group(0)
        # "Juni 2025 5000" is two numbers, not one: only groups of three follow a separator.
        integer, _, fraction = digits.partition(",")
        integer = _THOUSANDS.sub("", integer)
        if re.fullmatch(r"\d+\.\d+", integer):  # 2.5: a decimal point, as in English
            found.add(float(integer))
            continue
        if not integer.isdigit():
            for part in re.split(r"[^\d]+", integer):
                if part:
                    found.add(float(part))
            continue
        found.add(float(f"{integer}.{fraction}" if fraction else integer))
    return found


def canonical(text: str) -> str:
    """Text for comparing: numbers without separators, case and spacing and quote marks ignored."""
    text = _THOUSANDS.sub("", text or "")
    text = re.sub(r"[«»“”„\"‹›‘’']", "", text.casefold())
    return re.sub(r"\s+", " ", text).strip(" .,;:!?")


def hedges_in(text: str, vocabulary=QUOTE_HEDGES) -> list[str]:
    """The hedge words of ``vocabulary`` that ``text`` uses, in order of appearance."""
    words = [word.casefold() for word in _WORD.findall(text or "")]
    wanted = set(vocabulary)
    seen: list[str] = []
    for word in words:
        if word in wanted and word not in seen:
            seen.append(word)
    return seen
