"""No page speaks the other language: the UI's own words, read as a person reads every page of the tour.

Every page type (tests/helpers/tour.py) is rendered in German and in English. The content on
it — the article, its questions and options, quiz and class titles, people's names — is
German whatever the UI's language, so it is cut out first; what is left is the UI's own text,
which must not contain a word of the other language's UI (whole words, any case).
"""
import re

import pytest

from quizapp.extensions import db
from quizapp.models import Article, Classroom, Passage, Question, Quiz, Student, Teacher

from .helpers.tour import student_pages, teacher_pages
from .helpers.visible import visible
from .test_visible_text import STUDENT_ENDPOINTS, TEACHER_ENDPOINTS, tour  # noqa: F401 (the module's world)

# Words of the English UI ("lead" is no English-only word: German newsrooms call it "Lead" too) that a German page must not show, and the reverse.
ENGLISH_WORDS = ("Submit", "Results", "Question", "Questions", "Attempt", "Attempts", "Sign in", "Sign out",
                 "Settings", "Class", "Classes", "Export", "Save", "Delete", "Cancel", "Preview", "Answer",
                 "Score", "Student", "Students", "Teacher", "Article", "Edit", "Back", "headline", "paragraph",
                 "heading", "caption", "True", "False", "Category", "Draft", "Published", "Open",
                 "Closed", "Download", "Import", "Password", "Options", "Correct", "Wrong", "Next", "Join",
                 "Passage", "Source", "Author", "Date", "Add", "New", "Copy", "Print", "Help", "All", "None", "Yes",
                 "No", "the", "and", "of", "to", "is", "your", "you", "with", "for", "not", "Back to", "Change",
                 "Remove", "Title", "Time", "Duration", "Average", "Blank", "Flags")
GERMAN_WORDS = ("Abgeben", "Ergebnisse", "Frage", "Fragen", "Versuch", "Versuche", "Anmelden", "Abmelden",
                "Einstellungen", "Klasse", "Klassen", "Speichern", "Löschen", "Abbrechen", "Vorschau",
                "Antwort", "Punkte", "Lehrperson", "Artikel", "Bearbeiten", "Zurück", "Titel", "Absatz",
                "Zwischentitel", "Bildlegende", "richtig", "falsch", "Kategorie", "Entwurf", "Veröffentlicht",
                "offen", "geschlossen", "Herunterladen", "Importieren", "Passwort", "und", "oder", "der", "die",
                "das", "nicht", "Schülerin", "Schüler", "Quelle", "Beleg", "Datum", "Neu", "Kopieren", "Alle", "Ja",
                "Nein", "ist", "du", "dein", "deine", "mit", "für", "von", "zu", "Zeit", "Dauer", "Durchschnitt",
                "Leer", "Hinweise", "Entfernen", "Ändern", "Hinzufügen", "Drucken", "Hilfe", "Beitreten", "Weiter",
                "Stelle", "Textstelle", "Quiz starten", "ein", "eine", "auf", "im")
# ("Name", "Median", "Quiz", "Code", "Filter", "Text", "Start" are German words too: not listed.
# Whole words: not inside a word, a hyphenated word or a path such as /join.)
FORBIDDEN = {"de": ENGLISH_WORDS, "en": GERMAN_WORDS}


def _strings(value) -> list[str]:
    """Every string inside a question's spec (option texts, feedback, units)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _content(app) -> list[str]:
    """The content the tour's pages show, longest first: German in both UIs, so not the UI's words."""
    with app.app_context():
        texts: list[str] = []
        for article in db.session.execute(db.select(Article)).scalars():
            texts += [article.title, article.author or "", article.attribution or "", article.source_url or ""]
        for passage in db.session.execute(db.select(Passage)).scalars():
            texts += [passage.text, passage.label or "", passage.credit or ""]
        for question in db.session.execute(db.select(Question)).scalars():
            texts += [question.prompt, question.explanation, question.quote_exact, question.quote_prefix,
                      question.quote_suffix, question.key, *question.tags, *_strings(question.spec)]
        for quiz in db.session.execute(db.select(Quiz)).scalars():
            texts += [quiz.title, quiz.description]
        texts += db.session.execute(db.select(Classroom.name)).scalars().all()
        texts += db.session.execute(db.select(Student.display_name)).scalars().all()
        texts += db.session.execute(db.select(Teacher.name)).scalars().all()
    # Long texts first, so a passage is cut out whole before a shorter quote inside it; option keys
    # ("a", "b") and other bits under four characters are no sentences of content.
    return sorted({" ".join(text.split()) for text in texts if text and len(text.strip()) >= 4}, key=len, reverse=True)


@pytest.fixture(scope="module")
def content(tour):  # noqa: F811 (the fixture imported above)
    app, _, _ = tour
    return _content(app)


def _cut_shortened(text: str, content: list[str]) -> str:
    """Cut content shortened with "…" (a prompt in a table, a passage in a picker): the longest run of
    words before each "…" that occurs in the content."""
    blob = "\n".join(content)
    pieces = text.split("…")
    for index, piece in enumerate(pieces[:-1]):
        words = piece.split(" ")
        for start in range(max(0, len(words) - 40), len(words)):
            tail = " ".join(words[start:])
            # A quote inside the shortened text may already be cut out (¶): the rest around it counts.
            parts = [part.strip() for part in tail.split("¶") if part.strip()]
            if len(tail.strip()) >= 4 and parts and all(part in blob for part in parts):
                pieces[index] = " ".join(words[:start]) + " ¶ "
                break
    return "…".join(pieces)


def ui_text(page_text: str, content: list[str]) -> str:
    """The page's visible text without its content: what the UI itself says."""
    text = " ".join(page_text.split())
    for piece in content:
        if piece in text:  # whole words only: a tag "wer" is no part of "werden"
            text = re.sub(rf"(?<!\w){re.escape(piece)}(?!\w)", " ¶ ", text)
    return _cut_shortened(text, content)


def other_language_words(text: str, language: str) -> list[str]:
    found = []
    for word in FORBIDDEN[language]:
        for match in re.finditer(rf"(?<![\w/-]){re.escape(word)}(?![\w/-])", text, re.IGNORECASE):
            found.append(f"{word}: …{text[max(0, match.start() - 50):match.end() + 50]}…")
    return found


def page_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return visible(response).text


@pytest.mark.parametrize("language", ("de", "en"))
@pytest.mark.parametrize("endpoint", STUDENT_ENDPOINTS)
def test_student_page_speaks_one_language(tour, content, endpoint, language):  # noqa: F811
    _, world, clients = tour
    text = ui_text(page_text(clients[language]["student"], student_pages(world)[endpoint]), content)
    assert other_language_words(text, language) == []


@pytest.mark.parametrize("language", ("de", "en"))
@pytest.mark.parametrize("endpoint", TEACHER_ENDPOINTS)
def test_teacher_page_speaks_one_language(tour, content, endpoint, language):  # noqa: F811
    _, world, clients = tour
    text = ui_text(page_text(clients[language]["teacher"], teacher_pages(world)[endpoint]), content)
    assert other_language_words(text, language) == []


def test_the_word_check_finds_a_word_outside_the_content():
    """The check itself: a UI word is found, the same word inside cut-out content is not."""
    text = ui_text("Frage 1 Die Frage ist, wer zahlt. Submit 2. Was sagt die Fr…", ["Die Frage ist, wer zahlt.",
                                                                                 "Was sagt die Frau?"])
    assert [hit.split(":")[0] for hit in other_language_words(text, "en")] == ["Frage"]
    assert [hit.split(":")[0] for hit in other_language_words(text, "de")] == ["Submit"]


@pytest.mark.parametrize("language, other", [("de", "en"), ("en", "de")])
def test_the_ui_text_left_after_cutting_the_content_still_speaks(tour, content, language, other):  # noqa: F811
    """Cutting the content must leave the UI's words, else the checks above would pass on nothing."""
    _, world, clients = tour
    text = ui_text(page_text(clients[language]["teacher"], teacher_pages(world)["results.items"]), content)
    assert len(other_language_words(text, other)) >= 5  # this language's own words, found by the other's check
