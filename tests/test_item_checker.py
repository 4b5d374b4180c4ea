"""The item checker on its own: one failing and one passing example per warning (no app, no database)."""
import pytest

from quizapp.bank.checker import check_items
from quizapp.bank.cues import numbers_in

DISTRACTORS = ["Der russische Präsident", "Die Regierung Südkoreas", "Ein SRF-Korrespondent"]


def choice(key: str, texts: list[str], right: set[int], prompt: str = "Wer gab die Zahl bekannt?",
           quote: str | None = None, kind: str | None = None, status: str = "published") -> dict:
    options = [{"key": chr(97 + i), "text": text, "correct": i in right, "feedback": ""} for i, text in enumerate(texts)]
    return {"key": key, "kind": kind or ("multiple_select" if len(right) > 1 else "single_choice"),
            "prompt": prompt, "spec": {"options": options}, "quote": {"exact": quote or f"Zitat {key}."},
            "status": status}


def numeric(key: str, low: float, high: float | None = None, prompt: str = "Wie viele?", quote: str | None = None,
            **spec) -> dict:
    high = low if high is None else high
    body = {"min": low, "max": high, "unit": ""}
    body.update({"value": low, "tolerance": 0} if low == high and not spec else spec)
    return {"key": key, "kind": "numeric", "prompt": prompt, "spec": body,
            "quote": {"exact": quote or f"Zitat {key}."}, "status": "published"}


def true_false(key: str, prompt: str, answer: bool, quote: str) -> dict:
    return {"key": key, "kind": "true_false", "prompt": prompt, "spec": {"answer": answer},
            "quote": {"exact": quote}, "status": "published"}


def checks(items, check: str) -> list:
    return [warning for warning in check_items(items) if warning.check == check]


def rotated(count: int, position_of) -> list[dict]:
    """``count`` four-option items whose key sits at position_of(i)."""
    items = []
    for i in range(count):
        texts = [f"Antwort {i} {letter}" for letter in "ABCD"]
        items.append(choice(f"frage-{i}", texts, {position_of(i)}, prompt=f"Frage {i}?"))
    return items


# ---------------------------------------------------------------- where the key sits

def test_keys_always_first_are_reported_with_the_items():
    [warning] = checks(rotated(10, lambda i: 0), "position")
    assert warning.question is None
    assert "position 1 in 10 of 10 items" in warning.message and "frage-0" in warning.message
    assert "shuffle" in warning.message


def test_keys_spread_over_the_positions_pass():
    assert checks(rotated(12, lambda i: i % 4), "position") == []


def test_keys_mostly_last_in_items_of_different_lengths_are_reported():
    items = [choice(f"f-{i}", [f"Antwort {i} {n}" for n in range(3 + i % 2)], {2 + i % 2}) for i in range(8)]
    messages = [w.message for w in checks(items, "position")]
    assert any("the last one in 8 of 8 items" in message for message in messages)


def test_a_small_bank_has_no_position_pattern():
    assert checks(rotated(4, lambda i: 0), "position") == []


def test_multiple_select_with_all_correct_options_first_is_reported():
    item = choice("kontingent", ["Rund 5000 Bausoldaten", "1000 davon Sapeur", "Kampfsoldaten", "Vor einem Jahr"], {0, 1})
    [warning] = checks([item], "position")
    assert warning.question == "kontingent" and "come before the wrong ones" in warning.message


def test_multiple_select_with_correct_options_mixed_in_passes():
    item = choice("kontingent", ["Kampfsoldaten", "Rund 5000 Bausoldaten", "Vor einem Jahr", "1000 davon Sapeur"], {1, 3})
    assert checks([item], "position") == []


# ---------------------------------------------------------------- the longest option

def test_a_clearly_longest_key_is_reported():
    item = choice("verkuender", ["Der Sekretär des russischen Nationalen Sicherheitsrats", *DISTRACTORS], {0})
    [warning] = checks([item], "longest")
    assert warning.question == "verkuender"
    assert "clearly the longest (54 characters, the longest wrong one 23)" in warning.message


def test_a_key_as_long_as_its_distractors_passes():
    item = choice("verkuender", ["Der Sicherheitsrat Russlands", "Der russische Präsident", "Die Regierung Südkoreas"], {0})
    assert checks([item], "longest") == []


def test_the_longest_option_correct_in_most_items_is_a_bank_warning():
    items = [choice(f"f-{i}", [f"Die richtige Antwort {i} ist lang", "Kurz A", "Kurz B", "Kurz C"], {0})
             for i in range(3)]
    items += [choice(f"g-{i}", ["Kurz A", f"Die richtige Antwort {i}, etwas", "Kurz B etwas mehr", "Kurz C etwas"],
                     {1}) for i in range(3)]
    bank = [w for w in checks(items, "longest") if w.question is None]
    assert len(bank) == 1 and "The longest option is correct in 6 of 6 items" in bank[0].message


def test_the_longest_option_correct_by_chance_only_passes():
    items = [choice(f"f-{i}", ["Antwort eins", "Antwort zwei", "Antwort drei", "Antwort vier!"], {i % 4})
             for i in range(8)]
    assert checks(items, "longest") == []


# ---------------------------------------------------------------- the key's length rank

def by_length(count: int, rank_of) -> list[dict]:
    """``count`` four-option items whose key sits at position i % 4 and has the length rank rank_of(i)
    (0 the shortest ... 3 the longest); no key is clearly the longest."""
    lengths = ["Kurz", "Etwas mehr", "Noch etwas mehr", "Am meisten Worte da"]
    items = []
    for i in range(count):
        texts = [f"{lengths[r]} {i}" for r in range(4) if r != rank_of(i)]
        texts.insert(i % 4, f"{lengths[rank_of(i)]} {i}")
        items.append(choice(f"frage-{i}", texts, {i % 4}, prompt=f"Frage {i}?"))
    return items


def test_a_key_never_at_either_end_by_length_is_reported():
    # The old seed bank's pattern: the key always one of the two middle lengths.
    [warning] = checks(by_length(10, lambda i: 1 + i % 2), "length")
    assert warning.question is None
    assert "longest in only 0 and the shortest in only 0 of 10 single-answer items" in warning.message
    assert "by chance about 2 each" in warning.message and "in between" in warning.message


def test_a_key_never_the_longest_is_reported():
    [warning] = checks(by_length(8, lambda i: i % 3), "length")
    assert "longest in only 0 of 8 single-answer items" in warning.message and "shortest" not in warning.message


def test_a_key_never_the_shortest_is_reported():
    [warning] = checks(by_length(8, lambda i: 1 + i % 3), "length")
    assert "shortest in only 0 of 8 single-answer items" in warning.message and "longest" not in warning.message


def test_a_key_of_every_length_rank_passes():
    # Longest in a quarter, shortest in a quarter, in between in the rest: the length says nothing.
    assert checks(by_length(12, lambda i: (0, 1, 3, 2)[i % 4]), "length") == []


def test_a_key_once_the_longest_in_nineteen_items_is_still_reported():
    ranks = [3] + [1 + i % 2 for i in range(18)]
    ranks[5] = 0
    [warning] = checks(by_length(19, lambda i: ranks[i]), "length")
    assert "longest in only 1 and the shortest in only 1 of 19" in warning.message


def test_few_items_or_options_of_one_length_have_no_length_pattern():
    assert checks(by_length(7, lambda i: 1), "length") == []
    assert checks(rotated(12, lambda i: 0), "length") == []  # all options equally long: nothing to rule out


# ---------------------------------------------------------------- hedges

QUOTE = "Das Geld geht direkt an den nordkoreanischen Staat und offenbar gelangt auch ein gewisses Know-how nach Nordkorea."


def test_a_hedge_dropped_in_the_paraphrase_is_reported():
    item = choice("know-how", ["Know-how über Waffensysteme", "Rohstoffe", "Lebensmittel"], {0},
                  prompt="Was erhält Nordkorea von Russland?", quote=QUOTE)
    [warning] = checks([item], "hedge")
    assert warning.question == "know-how" and "«offenbar»" in warning.message


@pytest.mark.parametrize("prompt, option", [
    ("Was erhält Nordkorea laut Emch offenbar von Russland?", "Know-how über Waffensysteme"),
    ("Was erhält Nordkorea von Russland?", "Wahrscheinlich Know-how über Waffensysteme"),
])
def test_a_hedge_kept_in_the_stem_or_the_key_passes(prompt, option):
    item = choice("know-how", [option, "Rohstoffe", "Lebensmittel"], {0}, prompt=prompt, quote=QUOTE)
    assert checks([item], "hedge") == []


def test_english_hedges_count_too():
    item = numeric("estimate", 14000, 15000, prompt="How many soldiers fought for Russia?",
                   quote="An estimated 14,000 to 15,000 soldiers fought.")
    assert [w.question for w in checks([item], "hedge")] == ["estimate"]


def test_a_false_statement_may_drop_the_hedge():
    item = true_false("tf", "Stimmt es? «Nordkorea erhält Know-how.» ", False, QUOTE)
    assert checks([item], "hedge") == []


# ---------------------------------------------------------------- duplicates

def test_two_items_with_the_same_quote_and_answer_are_reported():
    quote = "Nordkorea schickt rund 5000 Bausoldaten nach Russland."
    items = [numeric("bausoldaten", 5000, quote=quote), numeric("wie-viele-bauleute", 5000, quote=quote)]
    [warning] = checks(items, "duplicate")
    assert warning.question == "wie-viele-bauleute" and "bausoldaten" in warning.message


def test_the_same_quote_with_another_answer_passes():
    quote = "Schätzungen gehen von 14'000 bis 15'000 Soldaten aus."
    items = [numeric("schaetzung", 14000, 15000, quote=quote),
             choice("art-der-zahl", ["Eine Schätzung", "Eine offizielle Zahl", "Eine Zählung"], {0}, quote=quote)]
    assert checks(items, "duplicate") == []


def test_a_draft_copy_is_not_a_duplicate():
    quote = "Nordkorea schickt rund 5000 Bausoldaten nach Russland."
    items = [numeric("bausoldaten", 5000, quote=quote), {**numeric("kopie", 5000, quote=quote), "status": "draft"}]
    assert checks(items, "duplicate") == []


# ---------------------------------------------------------------- cross-cueing

@pytest.mark.parametrize("spelling", ["5000", "5'000", "5’000", "5 000", "5.000"])
def test_a_numeric_answer_in_another_stem_is_reported_in_every_spelling(spelling):
    items = [numeric("bausoldaten", 5000, prompt="Wie viele Bausoldaten schickt Nordkorea?"),
             choice("wozu", ["Für den Wiederaufbau", "Für den Kampf", "Für die Ausbildung"], {0},
                    prompt=f"Wozu schickt Nordkorea {spelling} Bausoldaten nach Russland?")]
    [warning] = checks(items, "cue")
    assert warning.question == "wozu" and warning.related == ("bausoldaten",)
    assert "gives away the answer of bausoldaten" in warning.message and "«5000»" in warning.message


def test_both_ends_of_a_range_answer_are_looked_for():
    items = [numeric("schaetzung", 14000, 15000),
             choice("art", ["Es sind bis 15'000", "Es sind 5000", "Es sind 1000"], {1})]
    [warning] = checks(items, "cue")
    assert warning.question == "art" and "«15000»" in warning.message


def test_a_range_written_as_range_is_looked_for_too():
    items = [numeric("schaetzung", 14000, 15000, range=[14000, 15000]),
             choice("art", ["Es sind 14 000 Soldaten", "Es sind 5000", "Es sind 1000"], {1})]
    assert [w.question for w in checks(items, "cue")] == ["art"]


def test_a_range_stored_only_as_a_range_is_looked_for_too():
    giver = {"key": "schaetzung", "kind": "numeric", "prompt": "Wie viele?", "spec": {"range": [14000, 15000]},
             "quote": {"exact": "Schätzungen gehen von 14'000 bis 15'000 Soldaten aus."}, "status": "published"}
    items = [giver, choice("art", ["Es sind 5000", "Es sind 15’000 Soldaten", "Es sind 1000"], {0})]
    assert [w.question for w in checks(items, "cue")] == ["art"]


def test_an_answer_text_counts_only_as_whole_words():
    items = [choice("wann", ["Ende April", "Vor einem Jahr", "Im Sommer"], {0}, prompt="Wann wurde es bekannt?"),
             choice("bild", ["Die Legende April", "Der Titel", "Der Lead"], {1}, prompt="Was steht unter dem Bild?")]
    assert checks(items, "cue") == []


def test_a_correct_option_text_in_another_stem_is_reported():
    items = [choice("wann", ["Ende April", "Vor einem Jahr", "Im Sommer"], {0}, prompt="Wann wurde es bekannt?"),
             choice("warum-jetzt", ["Weil es offensichtlich war", "Weil Kim es wollte", "Zufall"], {0},
                    prompt="Warum änderte sich Ende April die Kommunikation?")]
    [warning] = checks(items, "cue")
    assert warning.question == "warum-jetzt" and "«Ende April»" in warning.message


def test_items_that_share_no_answer_pass():
    items = [numeric("bausoldaten", 5000, prompt="Wie viele Bausoldaten schickt Nordkorea?"),
             numeric("sapeur", 1000, prompt="Wie viele davon sind «Sapeur»?"),
             choice("wann", ["Ende April", "Vor einem Jahr", "Im Sommer"], {0}, prompt="Wann wurde es bekannt?"),
             choice("wer", ["Die Ukraine", "Russland", "China"], {0}, prompt="Wer nahm Soldaten gefangen?"),
             choice("was", ["Ende Mai", "Ende Juni", "Vor einem Jahr"], {2}, prompt="Wann unterzeichneten sie?")]
    # "Die Ukraine" is one name, and "Ende April" offered as one more choice asserts nothing.
    items.append(choice("und-sonst", ["Die Ukraine hat Pläne", "Ende April", "Ein Experte"], {2},
                        prompt="Wer sagt es?"))
    assert checks(items, "cue") == []


def test_numbers_are_read_in_every_spelling():
    assert numbers_in("5000, 5'000, 5’000, 5 000 und 5.000") == {5000.0}
    assert numbers_in("von 14'000 bis 15'000, 2,5 Millionen, im Juni 2025 5000") == {14000, 15000, 2.5, 2025, 5000}


def test_a_clean_bank_has_no_warning_at_all():
    items = rotated(8, lambda i: i % 4) + [numeric("bausoldaten", 5000), numeric("sapeur", 1000)]
    assert check_items(items) == []
