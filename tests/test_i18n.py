"""German by default, English on request, and no user-facing string left untranslated."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

PROJECT = Path(__file__).resolve().parents[1]
PO_FILE = PROJECT / "quizapp" / "translations" / "de" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "N_": None}


def extracted_ids() -> set[str]:
    method_map = [("quizapp/**.py", "python"), ("templates/**.html", "jinja2")]
    ids = set()
    for _, _, message, _, _ in extract_from_dir(str(PROJECT), method_map=method_map, keywords=KEYWORDS):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def test_the_start_page_speaks_german_by_default(client, mini_quiz):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="de">' in page
    assert "Nachrichten genau lesen" in page


def test_english_on_request_is_remembered(client, mini_quiz):
    first = client.get("/?lang=en")
    assert "Read the news carefully" in first.get_data(as_text=True)
    assert "lang=en" in first.headers.get("Set-Cookie", "")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_unknown_language_falls_back_to_german(client, mini_quiz):
    assert '<html lang="de">' in client.get("/?lang=xx").get_data(as_text=True)


def test_every_message_has_a_german_translation():
    with PO_FILE.open("rb") as handle:
        catalog = read_po(handle)
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in catalog if m.id}
    missing = sorted(i for i in extracted_ids() if not translated.get(i) or translated[i] in ("", ("", "")))
    assert not missing, f"{len(missing)} untranslated, run `make translations` and translate: {missing[:10]}"
    fuzzy = sorted(m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.fuzzy)
    assert not fuzzy, f"{len(fuzzy)} fuzzy (guessed) translations, check them and remove the flag: {fuzzy[:10]}"


def _as_dict(messages) -> dict:
    def plain(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value
    return {plain(m.id): plain(m.string) for m in messages if m.id}


def test_compiled_catalogue_matches_the_po_file():
    from babel.messages.mofile import read_mo
    with PO_FILE.open("rb") as handle:
        po = _as_dict(read_po(handle))
    with PO_FILE.with_suffix(".mo").open("rb") as handle:
        mo = _as_dict(read_mo(handle))
    assert mo == po, "messages.mo is stale: run `make translations`"
