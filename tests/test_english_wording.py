"""The English UI in its own words: range hints with English examples the parser accepts, the
evidence quote labelled as evidence, the start page's promise in plain English, and
percentages written as English writes them (31%) while German keeps its space (31 %)."""
import pytest

from quizapp.kinds.numbers import parse_range

from .authoring_helpers import add_question
from .helpers.visible import visible
from .test_student_flow import perfect_answers


def test_the_range_examples_in_english_say_to_and_the_parser_reads_them(app, teacher, article_id):
    teacher.set_cookie("lang", "en")
    form = visible(teacher.get(f"/teacher/articles/{article_id}/questions/new?kind=numeric"))
    assert "(14'000–15'000 or 14000 to 15000)" in form and "bis 15000" not in form.text
    assert parse_range("14000 to 15000") == (14000, 15000)
    assert parse_range("1200 to 1500") == (1200, 1500)


def test_the_preview_labels_the_quote_as_evidence(app, teacher, article_id):
    teacher.set_cookie("lang", "en")
    question_id = add_question(teacher, article_id, "numeric")
    page = visible(teacher.get(f"/teacher/questions/{question_id}/preview"))
    assert "Evidence: rund 120 Kilometer Velowege" in page and "Proof" not in page
    teacher.set_cookie("lang", "de")
    assert "Beleg:" in visible(teacher.get(f"/teacher/questions/{question_id}/preview"))


@pytest.mark.parametrize("language, words", [
    ("en", "After each quiz you see the passage in the article that answers each question."),
    ("de", "Nach jedem Quiz siehst du, wo im Artikel jede Antwort steht."),
])
def test_the_start_page_promises_the_passages(client, mini_quiz, language, words):
    assert words in visible(client.get(f"/?lang={language}"))


@pytest.mark.parametrize("language, written", [("en", "(83%)"), ("de", "(83 %)")])
def test_a_students_percent_is_written_as_the_language_writes_it(app, client, student, mini_quiz, language, written):
    attempt_id = student.start(mini_quiz)
    answers = perfect_answers(app)
    answers.pop(next(key for key, value in answers.items() if value == "false"))  # 5 of 6 points
    student.submit(attempt_id, answers)
    client.get(f"/?lang={language}")
    result = visible(client.get(f"/attempts/{attempt_id}/result"))
    assert written in result
    history = visible(client.get("/me/attempts"))
    assert written.strip("()") in history
