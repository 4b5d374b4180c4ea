"""The item checker: warnings about questions that give their answer away or misstate the article.

Pure functions over validated question data (the dicts of bank.schema.validate_question, or
``item_of`` a stored Question); nothing here reads or writes the database. Warnings never stop
a load or a save: they tell the author what a careful editor would point out (QUESTIONS.md,
rules 1, 6, 11, 12, 16), each naming the item and how to fix it.

Item checks: the correct option clearly the longest; all correct options of a multiple-select
item before (or after) the wrong ones; a hedged quote paraphrased without a hedge. Bank checks
(published items only, since drafts are not asked): where the key sits; how often the longest
option is the key; a key (almost) never the longest or never the shortest option, so that its
length rank gives it away; two items with the same quote and answer; one item's answer shown in
another's stem or options (numbers compared in every spelling).
"""
import re
from dataclasses import dataclass

from flask_babel import gettext as _

from ..kinds.numbers import format_number
from .cues import PARAPHRASE_HEDGES, QUOTE_HEDGES, canonical, hedges_in, numbers_in

# A bank pattern is reported once it could not plausibly be chance: it holds for at least 40 %
# of the items, 1.5 times as many as chance predicts, and at least two more. Below five items
# with options there is no pattern to speak of.
MIN_ITEMS, MIN_SHARE, MIN_RATIO, MIN_EXCESS = 5, 0.4, 1.5, 2
# "Clearly longer": a quarter longer and at least 10 characters more than every wrong option.
LONGER_RATIO, LONGER_CHARS = 1.25, 10
# The key's length rank: over at least 8 single-answer items with three or more options, the key is
# "(almost) never" the longest (or the shortest) when that happens at most a quarter as often as
# chance predicts (0 of 8, at most 1 of 19 four-option items). A student who then rules out the
# longest and the shortest option guesses between two instead of four.
MIN_RANK_ITEMS, RARE_SHARE = 8, 0.25
# Single-digit answers (2 groups, 3 reasons) turn up in stems for other reasons; short option
# texts ("Russland") are the article's vocabulary, not an answer given away.
# An answer text counts only with two words besides an article ("Ende April", not "Die Ukraine").
MIN_CUE_NUMBER, MIN_CUE_TEXT = 10, 8
ARTICLES = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "the", "a", "an"}
LISTED_ITEMS = 8


@dataclass(frozen=True)
class ItemWarning:
    question: str | None  # the item's id; None for a warning about the whole bank
    check: str  # position, longest, length, hedge, duplicate, cue
    message: str
    related: tuple[str, ...] = ()  # other items the warning names
    file: str | None = None

    def concerns(self, key: str) -> bool:
        return self.question == key or key in self.related

    def __str__(self) -> str:
        where = " · ".join(part for part in (self.file, self.question) if part)
        label = _("Warning")
        return f"{where}: {label}: {self.message}" if where else f"{label}: {self.message}"


def item_of(question) -> dict:
    """A stored Question as the checker reads it (the shape bank.schema produces)."""
    return {"key": question.key, "kind": question.kind, "prompt": question.prompt, "spec": question.spec or {},
            "quote": {"exact": question.quote_exact}, "status": question.status}


def check_items(items: list[dict], file: str | None = None) -> list[ItemWarning]:
    """Every warning for a bank of questions (a file, an article or a quiz), item warnings first."""
    items = [item for item in items if item.get("key")]
    asked = [item for item in items if item.get("status", "published") != "draft"]
    found = [warning for item in items for warning in check_item(item)]
    found += duplicates(asked) + cues(asked) + positions(asked) + longest_pattern(asked) + length_rank(asked)
    if file:
        found = [ItemWarning(w.question, w.check, w.message, w.related, file) for w in found]
    return found


def check_item(item: dict) -> list[ItemWarning]:
    """The warnings that concern one item alone."""
    return [w for w in (longest_option(item), grouped_keys(item), lost_hedge(item)) if w]


# ---------------------------------------------------------------- one item

def options_of(item: dict) -> list[dict]:
    """The item's options with a correct flag (choice and evidence kinds); [] for other kinds."""
    options = (item.get("spec") or {}).get("options")
    if not isinstance(options, list) or len(options) < 2:
        return []
    return [o for o in options if isinstance(o, dict) and "correct" in o]


def longest_option(item: dict) -> ItemWarning | None:
    options = options_of(item)
    right = [len(o.get("text") or "") for o in options if o["correct"]]
    wrong = [len(o.get("text") or "") for o in options if not o["correct"]]
    if not right or not wrong or min(right) < max(wrong) * LONGER_RATIO or min(right) - max(wrong) < LONGER_CHARS:
        return None
    key = item["key"]
    if len(right) == 1:
        message = _("The correct option of %(item)s is clearly the longest (%(right)d characters, the longest wrong "
                    "one %(wrong)d): students pick it without reading. Shorten it, or give the wrong options the "
                    "same detail.", item=key, right=right[0], wrong=max(wrong))
    else:
        message = _("The correct options of %(item)s are all clearly longer than the wrong ones (at least %(right)d "
                    "characters, the wrong ones at most %(wrong)d). Shorten them, or give the wrong options the same "
                    "detail.", item=key, right=min(right), wrong=max(wrong))
    return ItemWarning(key, "longest", message)


def grouped_keys(item: dict) -> ItemWarning | None:
    """Multiple select: the correct options stand together at the start or at the end."""
    flags = [o["correct"] for o in options_of(item)]
    right = sum(flags)
    if right < 2 or right == len(flags):
        return None
    if all(flags[:right]):
        message = _("All correct options of %(item)s come before the wrong ones. Mix them: put a wrong option "
                    "first or between the correct ones.", item=item["key"])
    elif all(flags[-right:]):
        message = _("All correct options of %(item)s come after the wrong ones. Mix them: put a wrong option "
                    "last or between the correct ones.", item=item["key"])
    else:
        return None
    return ItemWarning(item["key"], "position", message)


def lost_hedge(item: dict) -> ItemWarning | None:
    """The quote hedges, but the stem and the correct answer state it as a fact."""
    quote = (item.get("quote") or {}).get("exact") or ""
    hedges = hedges_in(quote, QUOTE_HEDGES)
    spec = item.get("spec") or {}
    if not hedges or (item.get("kind") == "true_false" and spec.get("answer") is False):
        return None  # a false statement may drop the hedge on purpose: that is what makes it false
    paraphrase = [item.get("prompt") or ""]
    if item.get("kind") != "evidence":  # an evidence item's options are the quotes themselves
        paraphrase += [o.get("text") or "" for o in options_of(item) if o["correct"]]
    if hedges_in(" ".join(paraphrase), PARAPHRASE_HEDGES):
        return None
    words = ", ".join(f"«{word}»" for word in hedges)
    return ItemWarning(item["key"], "hedge", _(
        "The quote of %(item)s hedges (%(words)s), but the question and its correct answer state it as a fact. "
        "Keep the hedge in the question or the correct option (e.g. «offenbar», «Schätzungen gehen von … aus»), "
        "or quote a passage without one.", item=item["key"], words=words))


# ---------------------------------------------------------------- the bank

def answer_of(item: dict):
    """What counts as the item's answer when comparing two items; None when unknown."""
    spec = item.get("spec") or {}
    options = options_of(item)
    if options:
        return ("options", frozenset(canonical(o.get("text") or "") for o in options if o["correct"]))
    if "min" in spec and "max" in spec:
        return ("number", spec["min"], spec["max"])
    if isinstance(spec.get("range"), (list, tuple)):
        return ("number", *spec["range"])
    if "answer" in spec:
        return ("answer", repr(spec["answer"]))
    return None


def duplicates(items: list[dict]) -> list[ItemWarning]:
    seen: dict[tuple, str] = {}
    found = []
    for item in items:
        quote, answer = canonical((item.get("quote") or {}).get("exact") or ""), answer_of(item)
        if not quote or answer is None:
            continue
        other = seen.setdefault((quote, answer), item["key"])
        if other != item["key"]:
            found.append(ItemWarning(item["key"], "duplicate", _(
                "%(item)s has the same quote and the same answer as %(other)s: both test the same fact. Drop one, "
                "or ask about another point of the passage.", item=item["key"], other=other), (other,)))
    return found


def answer_numbers(item: dict) -> set[float]:
    """A numeric item's answer: its value, or both ends of its range."""
    spec = item.get("spec") or {}
    if options_of(item):
        return set()
    values = [spec["value"]] if "value" in spec else [spec.get("min"), spec.get("max")]
    if isinstance(spec.get("range"), (list, tuple)):  # answer: {range: [14000, 15000]}, where a kind stores it so
        values += list(spec["range"])
    return {float(v) for v in values
            if isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) >= MIN_CUE_NUMBER}


def answer_texts(item: dict) -> list[tuple[str, str]]:
    """(shown text, comparable text) of the correct options worth looking for elsewhere."""
    if item.get("kind") == "evidence":
        return []  # verbatim quotes: the student has the article beside the quiz anyway
    texts = [(o.get("text") or "").strip() for o in options_of(item) if o["correct"]]
    return [(text, canonical(text)) for text in texts if len(canonical(text)) >= MIN_CUE_TEXT
            and len(canonical(text).split()) - (canonical(text).split()[0] in ARTICLES) >= 2]


def cues(items: list[dict]) -> list[ItemWarning]:
    found = []
    for giver in items:
        numbers, texts = answer_numbers(giver), answer_texts(giver)
        if not numbers and not texts:
            continue
        for item in items:
            if item is giver:
                continue
            shown = [item.get("prompt") or ""]
            if item.get("kind") != "evidence":  # its options are the article's own words, shown beside the quiz
                shown += [o.get("text") or "" for o in options_of(item)]
            given = sorted(numbers & set().union(*(numbers_in(text) for text in shown)))
            answer = _number(given[0]) if given else None
            for text, comparable in texts if answer is None else ():
                # The same option in both items offers a choice; inside a stem or a longer option it asserts.
                if any(canonical(s) != comparable and re.search(rf"(?<!\w){re.escape(comparable)}(?!\w)", canonical(s))
                       for s in shown):
                    answer = text
                    break
            if answer is not None:
                found.append(ItemWarning(item["key"], "cue", _(
                    "%(item)s gives away the answer of %(other)s: its question or options contain «%(answer)s». "
                    "Reword one of the two items.", item=item["key"], other=giver["key"], answer=answer),
                    (giver["key"],)))
    return found


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else format_number(value)


def _lopsided(count: int, expected: float, total: int) -> bool:
    return (total >= MIN_ITEMS and count >= MIN_SHARE * total and count >= MIN_RATIO * expected
            and count - expected >= MIN_EXCESS)


def _listed(keys: list[str]) -> str:
    shown = ", ".join(keys[:LISTED_ITEMS])
    return shown + (f" (+{len(keys) - LISTED_ITEMS})" if len(keys) > LISTED_ITEMS else "")


def positions(items: list[dict]) -> list[ItemWarning]:
    """Where the keys sit: a position (or the last one) that holds them far more often than chance."""
    bank = [(item["key"], [o["correct"] for o in options_of(item)]) for item in items if options_of(item)]
    if not bank:
        return []
    spots = [(index + 1, lambda flags, i=index: i if i < len(flags) else None)
             for index in range(max(len(flags) for _, flags in bank))]
    if len({len(flags) for _, flags in bank}) > 1:  # with equal lengths the last position is already counted
        spots.append((None, lambda flags: len(flags) - 1))
    found = []
    for position, pick in spots:
        hits = [key for key, flags in bank if pick(flags) is not None and flags[pick(flags)]]
        expected = sum(sum(flags) / len(flags) for _, flags in bank if pick(flags) is not None)
        if not _lopsided(len(hits), expected, len(bank)):
            continue
        numbers = {"count": len(hits), "total": len(bank), "expected": round(expected), "items": _listed(hits)}
        if position is None:
            message = _("The correct option is the last one in %(count)d of %(total)d items with options (by chance "
                        "about %(expected)d): %(items)s. Put the correct options in every position about equally "
                        "often, and let quizzes shuffle the options.", **numbers)
        else:
            message = _("The correct option is in position %(position)d in %(count)d of %(total)d items with options "
                        "(by chance about %(expected)d): %(items)s. Put the correct options in every position about "
                        "equally often, and let quizzes shuffle the options.", position=position, **numbers)
        found.append(ItemWarning(None, "position", message, tuple(hits)))
    return found


def longest_pattern(items: list[dict]) -> list[ItemWarning]:
    """How often the single longest option is a correct one, against chance."""
    hits, expected, total = [], 0.0, 0
    for item in items:
        options = options_of(item)
        if not options:
            continue
        total += 1
        expected += sum(o["correct"] for o in options) / len(options)
        lengths = sorted((len(o.get("text") or ""), o["correct"]) for o in options)
        if lengths[-1][1] and lengths[-1][0] > lengths[-2][0]:
            hits.append(item["key"])
    if not _lopsided(len(hits), expected, total):
        return []
    return [ItemWarning(None, "longest", _(
        "The longest option is correct in %(count)d of %(total)d items with options (by chance about %(expected)d): "
        "%(items)s. A student who always picks the longest option scores without reading; make the wrong options "
        "as long and detailed as the correct ones.", count=len(hits), total=total, expected=round(expected),
        items=_listed(hits)), tuple(hits))]


def key_at_the_ends(options: list[dict]) -> tuple[bool, bool] | None:
    """Whether the single correct option is (one of) the longest and (one of) the shortest; None if no one key.

    A tie counts as at the end: with options of equal length, ruling out "the longest" rules out nothing.
    """
    right = [len(o.get("text") or "") for o in options if o["correct"]]
    wrong = [len(o.get("text") or "") for o in options if not o["correct"]]
    if len(right) != 1 or len(wrong) < 2:
        return None  # with two options the key is always at one end
    return right[0] >= max(wrong), right[0] <= min(wrong)


def length_rank(items: list[dict]) -> list[ItemWarning]:
    """Single-answer items: a key that is (almost) never the longest or never the shortest option."""
    ranks, expected = [], 0.0
    for item in items:
        options = options_of(item)
        ends = key_at_the_ends(options)
        if ends is not None:
            ranks.append(ends)
            expected += 1 / len(options)
    if len(ranks) < MIN_RANK_ITEMS:
        return []
    longest, shortest = sum(at_longest for at_longest, _ in ranks), sum(at_shortest for _, at_shortest in ranks)
    rare_longest, rare_shortest = longest <= RARE_SHARE * expected, shortest <= RARE_SHARE * expected
    numbers = {"total": len(ranks), "expected": round(expected)}
    if rare_longest and rare_shortest:
        message = _("The correct option is the longest in only %(longest)d and the shortest in only %(shortest)d "
                    "of %(total)d single-answer items (by chance about %(expected)d each). A student who rules out "
                    "the longest and the shortest option guesses among the ones in between. Let the correct "
                    "option be the longest in about a quarter of the items and the shortest in another quarter, "
                    "without making it clearly the longest.", longest=longest, shortest=shortest, **numbers)
    elif rare_longest:
        message = _("The correct option is the longest in only %(count)d of %(total)d single-answer items (by "
                    "chance about %(expected)d). A student who rules out the longest option guesses better than "
                    "chance. Let the correct option be the longest in about a quarter of the items, without making "
                    "it clearly the longest.", count=longest, **numbers)
    elif rare_shortest:
        message = _("The correct option is the shortest in only %(count)d of %(total)d single-answer items (by "
                    "chance about %(expected)d). A student who rules out the shortest option guesses better than "
                    "chance. Let the correct option be the shortest in about a quarter of the items.",
                    count=shortest, **numbers)
    else:
        return []
    return [ItemWarning(None, "length", message)]
