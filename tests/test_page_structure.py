"""What a screen reader finds on the student pages: one h1 per page, a heading per question,
and link names that say where each link goes."""
from html.parser import HTMLParser

import pytest

from .test_attempt_pages import passages_slug, start_seed_quiz
from .test_student_flow import perfect_answers

HEADLINE = "Pjöngjang und Moskau: Nordkoreas Bauleute in Russland – die Beziehung wird offiziell"  # the seed article


class _Outline(HTMLParser):
    """The headings (level, class, text) and links (href, aria-label, text incl. visually hidden) of a page."""

    HEADINGS = {f"h{level}": level for level in range(1, 7)}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str, str]] = []
        self.links: list[dict] = []
        self.open: list[list] = []  # [tag, attrs, text parts] of headings and links being read
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in self.HEADINGS or tag == "a":
            self.open.append([tag, dict(attrs), []])

    def handle_endtag(self, tag):
        if self.open and self.open[-1][0] == tag:
            tag, attrs, parts = self.open.pop()
            text = " ".join("".join(parts).split())
            if tag == "a":
                self.links.append({"href": attrs.get("href"), "label": attrs.get("aria-label"), "text": text})
            else:
                self.headings.append((self.HEADINGS[tag], attrs.get("class") or "", text))
            for outer in self.open:
                outer[2].append(" " + text + " ")

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)


def outline(client, url: str) -> _Outline:
    response = client.get(url)
    assert response.status_code == 200
    return _Outline(response.get_data(as_text=True))


def test_the_quiz_page_has_one_h1_and_a_heading_per_question(seeded):
    flow, attempt_id = start_seed_quiz(seeded)
    for _render in range(2):  # the second from the cached fragments
        page = outline(flow.client, f"/attempts/{attempt_id}")
        h1 = [text for level, _class, text in page.headings if level == 1]
        assert h1 == ["Nordkoreas Bausoldaten für Kursk"]
        headline = [(level, text) for level, kind, text in page.headings if kind == "headline"]
        assert headline == [(2, HEADLINE)]
        interview = [level for level, kind, _text in page.headings if kind == "interview-question"]
        assert interview and set(interview) == {3}
        questions = [text for level, kind, text in page.headings if kind == "q-number"]
        assert len(questions) >= 24
        assert questions == [f"Frage {number}" for number in range(1, len(questions) + 1)]
        assert {level for level, kind, _text in page.headings if kind == "q-number"} == {2}


def test_the_article_page_keeps_its_headline_as_h1(seeded):
    flow, attempt_id = start_seed_quiz(seeded)
    flow.client.get(f"/attempts/{attempt_id}")  # the quiz page's h2 version is cached first
    page = outline(flow.client, "/articles/" + passages_slug(seeded))
    assert [(level, text) for level, _kind, text in page.headings if level == 1] == [(1, HEADLINE)]
    assert {level for level, kind, _text in page.headings if kind == "interview-question"} == {2}


@pytest.mark.parametrize("language, word", [("de", "Frage"), ("en", "Question")])
def test_the_unanswered_question_links_name_their_question(seeded, language, word):
    flow, attempt_id = start_seed_quiz(seeded)
    page = outline(flow.client, f"/attempts/{attempt_id}?lang={language}")
    jumps = [link for link in page.links if (link["href"] or "").startswith("#question-")]
    assert len(jumps) >= 24
    for number, link in enumerate(jumps, start=1):
        assert (link["label"], link["text"]) == (f"{word} {number}", str(number))


def test_the_results_passage_links_have_distinct_names(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    student.submit(attempt_id, perfect_answers(app))
    page = outline(client, f"/attempts/{attempt_id}/result")
    names = [link["text"] for link in page.links if "/articles/" in (link["href"] or "")]
    assert names == [f"Im Artikel nachlesen – Frage {number}" for number in range(1, 6)]


def test_the_worksheet_has_the_quiz_as_its_h1_and_the_headline_below_it(seeded):
    flow, _attempt_id = start_seed_quiz(seeded)
    page = outline(flow.client, "/quiz/KURSK25/print")
    h1 = [text for level, _cls, text in page.headings if level == 1]
    assert h1 == ["Nordkoreas Bausoldaten für Kursk · Arbeitsblatt"]
    assert (2, "headline", HEADLINE) in page.headings
