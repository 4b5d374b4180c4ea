"""The item checker's warnings where teachers meet them: the CLI, the web import, the authoring pages."""
import io
import re
from html.parser import HTMLParser

import yaml

from quizapp.bank.checker import check_items
from quizapp.extensions import db
from quizapp.models import Question

from .authoring_helpers import add_question, numeric
from .conftest import MINI_FILE


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style", "title")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style", "title") and self.hidden > 0

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's text as a reader sees it: no tags, entities decoded, spaces collapsed."""
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def clean_mini() -> dict:
    """The mini file with its multiple-select item's correct options mixed in: no warning."""
    data = yaml.safe_load(MINI_FILE.read_text(encoding="utf-8"))
    options = data["questions"][2]["options"]  # was-ist-vermutung: right, right, wrong, wrong
    data["questions"][2]["options"] = [options[2], options[0], options[3], options[1]]
    return data


def cueing_mini() -> dict:
    """The clean file with a stem that gives away the numeric answer (12 bridges) of another item."""
    data = clean_mini()
    data["questions"][1]["prompt"] = "Wer nennt die Kosten der 12 Brücken?"  # wer-sagt-kosten
    return data


def write(tmp_path, data, name="bank.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


GERMAN_LOCALE = {"LANG": "de_CH.UTF-8"}  # the CLI speaks the operator's language
GIVES_AWAY = "wer-sagt-kosten verrät die Antwort von anzahl-bruecken: Frage oder Antworten enthalten «12»."


# ---------------------------------------------------------------- CLI

def test_check_questions_prints_warnings_and_exits_0(runner, tmp_path):
    result = runner.invoke(args=["check-questions", str(write(tmp_path, cueing_mini()))], env=GERMAN_LOCALE)
    assert result.exit_code == 0, result.output
    assert f"bank.yaml · wer-sagt-kosten: Warnung: {GIVES_AWAY}" in result.output
    assert "1 Warnung des Fragen-Checks" in result.output and "OK: 1 Datei, 5 Fragen" in result.output


def test_check_questions_on_a_clean_file_prints_no_warning(runner, tmp_path):
    result = runner.invoke(args=["check-questions", str(write(tmp_path, clean_mini()))])
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output and "item checker" not in result.output
    assert "OK: 1 file, 5 questions" in result.output


def test_load_questions_loads_a_file_with_warnings_and_prints_them(app, runner, tmp_path):
    result = runner.invoke(args=["load-questions", str(write(tmp_path, cueing_mini()))], env=GERMAN_LOCALE)
    assert result.exit_code == 0, result.output
    assert GIVES_AWAY in result.output and "Geladen: 1 Artikel, 5 Fragen" in result.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Question)) == 5


# ---------------------------------------------------------------- web import

def upload(client, data: dict):
    content = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    return client.post("/teacher/import", data={"file": (io.BytesIO(content), "fragen.yaml")},
                       content_type="multipart/form-data")


def test_an_import_with_warnings_succeeds_and_shows_them(app, teacher):
    teacher.set_cookie("lang", "de")
    response = upload(teacher, cueing_mini())
    assert response.status_code == 302
    text = visible_text(teacher.get(response.headers["Location"]).get_data(as_text=True))
    assert "Der Fragen-Check hat 1 Warnung zu diesen Fragen: siehe die Liste unten." in text
    assert "Fragen-Check: 1 Warnung" in text
    assert ("«Wer nennt die Kosten der 12 Brücken?» verrät die Antwort von «Wie viele Brücken baut die Gemeinde?»: "
            "Frage oder Antworten enthalten «12».") in text


def test_a_clean_import_shows_no_warning(app, teacher):
    response = upload(teacher, clean_mini())
    assert response.status_code == 302
    text = visible_text(teacher.get(response.headers["Location"]).get_data(as_text=True))
    assert "Imported 5 questions into" in text
    assert "Item checker" not in text and "item checker" not in text


# ---------------------------------------------------------------- authoring pages

def test_the_article_page_and_the_question_form_show_a_lost_hedge(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "single_choice", **{
        "prompt": "Was denken Experten über die Kosten?", "options-0-text": "Dass es teurer wird",
        "options-1-text": "Dass es billiger wird", "options-2-text": "Dass es gleich viel kostet",
        "quote_exact": "Experten vermuten, dass es teurer wird.", "quote_passage": ""})
    hedge = ("The quote of «Was denken Experten über die Kosten?» hedges («vermuten»), but the question and its "
             "correct answer state it as a fact.")
    article = visible_text(teacher.get(f"/teacher/articles/{article_id}").get_data(as_text=True))
    assert "Item checker: 1 warning" in article and hedge in article
    form = visible_text(teacher.get(f"/teacher/questions/{question_id}/edit").get_data(as_text=True))
    assert "Item checker: 1 warning about this question" in form and hedge in form
    assert "you can save the question as it is" in form


def test_saving_a_question_with_a_warning_is_allowed_and_says_so(app, teacher, article_id):
    response = teacher.post(f"/teacher/articles/{article_id}/questions/new?kind=numeric", data={
        "prompt": "Wie viele Kilometer Velowege will die Stadt bauen?", "numeric_mode": "value", "value": "120",
        "tolerance": "0", "unit": "km", "quote_exact": "rund 120 Kilometer Velowege", "quote_passage": "p-1",
        "category": "figures", "points": "1", "difficulty": "easy", "status": "published", "tags": "",
        "explanation": "Der Text sagt es."})
    assert response.status_code == 302
    add_question(teacher, article_id, "single_choice", **{
        "prompt": "Wer bezahlt die Hälfte der 120 Kilometer?"})
    page = teacher.get(f"/teacher/articles/{article_id}")
    text = visible_text(page.get_data(as_text=True))
    assert "The item checker has 1 warning about this question: see it below." in text
    assert "gives away the answer of «Wie viele Kilometer Velowege will die Stadt bauen?»" in text
    assert "«120»" in text and "wie-viele-kilometer" not in text  # named as the teacher wrote it, not by its key


def test_a_warning_listed_at_another_question_says_which(app, teacher, article_id):
    # The first question gives away the answer of the one saved second: the warning stands at the
    # first (the one to reword), and the note after saving the second says so.
    add_question(teacher, article_id, "single_choice", **{"prompt": "Wer bezahlt die Hälfte der 120 Kilometer?"})
    response = teacher.post(f"/teacher/articles/{article_id}/questions/new?kind=numeric", data=numeric())
    assert response.status_code == 302
    page = visible_text(teacher.get(response.headers["Location"]).get_data(as_text=True))
    assert "The item checker has 1 warning about this question: see question 1." in page
    first, second = page.split("Wer bezahlt die Hälfte der 120 Kilometer?", 1)[1].split("– Question 1", 1)[0], \
        page.split("Wie viele Kilometer Velowege will die Stadt bauen?", 1)[1]
    assert "gives away the answer of «Wie viele Kilometer Velowege will die Stadt bauen?»" in first
    assert "gives away" not in second.split("The text and its passages", 1)[0]


def test_a_quoted_prompt_keeps_its_quotes_balanced_in_a_warning(app, teacher, article_id):
    add_question(teacher, article_id, "true_false", **{
        "prompt": "Stimmt die Aussage? «Die Experten sagen, dass es am Ende deutlich teurer wird als geplant.»",
        "answer_bool": "true", "quote_exact": "Experten vermuten, dass es teurer wird.", "quote_passage": ""})
    text = visible_text(teacher.get(f"/teacher/articles/{article_id}").get_data(as_text=True))
    assert "The quote of «Stimmt die Aussage? ‹Die Experten sagen, dass es am Ende …›» hedges" in text


def test_questions_without_problems_show_no_warning(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "single_choice")
    article = visible_text(teacher.get(f"/teacher/articles/{article_id}").get_data(as_text=True))
    form = visible_text(teacher.get(f"/teacher/questions/{question_id}/edit").get_data(as_text=True))
    assert "Wer bezahlt die Hälfte?" in article
    assert "Item checker" not in article and "Item checker" not in form


def test_warnings_speak_german_in_the_german_ui(app, teacher, article_id):
    add_question(teacher, article_id, "single_choice", **{
        "prompt": "Was denken Experten über die Kosten?", "options-0-text": "Dass es teurer wird",
        "options-1-text": "Dass es billiger wird", "options-2-text": "Dass es gleich viel kostet",
        "quote_exact": "Experten vermuten, dass es teurer wird.", "quote_passage": ""})
    teacher.set_cookie("lang", "de")
    text = visible_text(teacher.get(f"/teacher/articles/{article_id}").get_data(as_text=True))
    assert "Fragen-Check: 1 Warnung" in text
    assert ("Das Zitat von «Was denken Experten über die Kosten?» ist vorsichtig formuliert («vermuten»), aber Frage "
            "und richtige Antwort stellen es als Tatsache dar.") in text


def test_the_length_rank_warning_speaks_german(app):
    # Ten single-answer items whose key is always of middle length, as in a bank that avoids "the longest".
    items = [{"key": f"frage-{i}", "kind": "single_choice", "prompt": f"Frage {i}?", "status": "published",
              "quote": {"exact": f"Zitat {i}."},
              "spec": {"options": [{"key": k, "text": text, "correct": k == "b", "feedback": ""} for k, text in
                                   zip("abcd", ["Kurz", f"Etwas länger {i}", f"Noch etwas länger {i}", f"Die längste Antwort {i}"])]}}
             for i in range(10)]
    with app.test_request_context(headers={"Cookie": "lang=de"}):
        [warning] = [str(w) for w in check_items(items) if w.check == "length"]
    assert warning == ("Warnung: Die richtige Antwort ist nur in 0 von 10 Fragen mit einer richtigen Antwort die "
                       "längste und nur in 0 die kürzeste (zufällig wären es je etwa 2). Wer die längste und die "
                       "kürzeste Antwort streicht, rät nur noch zwischen den übrigen. Mach die richtige Antwort in etwa "
                       "einem Viertel der Fragen zur längsten und in einem weiteren Viertel zur kürzesten, aber nie "
                       "deutlich zur längsten.")


def test_a_long_prompt_is_named_by_its_start(app, teacher, article_id):
    prompt = "Was denken die Experten, die der Stadtrat befragt hat, über die Kosten des ganzen neuen Velo-Netzes?"
    add_question(teacher, article_id, "single_choice", **{
        "prompt": prompt, "options-0-text": "Dass es teurer wird", "options-1-text": "Dass es billiger wird",
        "options-2-text": "Dass es gleich viel kostet", "quote_exact": "Experten vermuten, dass es teurer wird.",
        "quote_passage": ""})
    text = visible_text(teacher.get(f"/teacher/articles/{article_id}").get_data(as_text=True))
    assert "The quote of «Was denken die Experten, die der Stadtrat befragt hat, …» hedges" in text
