"""Question files: validation errors name file, question and field; loading is idempotent and atomic."""
import copy
from pathlib import Path

import pytest
import yaml

from quizapp.bank import BankValidationError, load_path, read_documents
from quizapp.extensions import db
from quizapp.models import Article, Passage, Question, QuestionVersion, Quiz

from .conftest import MINI_FILE


def mini() -> dict:
    return yaml.safe_load(MINI_FILE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data, name="bank.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def counts() -> dict:
    return {model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model))
            for model in (Article, Passage, Question, QuestionVersion, Quiz)}


def in_english(app):
    """Validation speaks the request's language; these tests read the English messages."""
    return app.test_request_context("/?lang=en")


def errors_for(tmp_path, data) -> list:
    _, errors = read_documents(write(tmp_path, data))
    return errors


def question(data, key):
    return next(q for q in data["questions"] if q["id"] == key)


def test_valid_file_loads_everything(app):
    with app.app_context():
        summary = load_path(MINI_FILE)
        assert (summary.articles, summary.questions, summary.quizzes) == (1, 5, 1)
        assert counts() == {"Article": 1, "Passage": 3, "Question": 5, "QuestionVersion": 5, "Quiz": 1}
        numeric = db.session.execute(db.select(Question).filter_by(key="anzahl-bruecken")).scalar_one()
        assert numeric.passage.anchor == "titel"
        assert numeric.spec["min"] == numeric.spec["max"] == 12


def test_loading_twice_changes_nothing(app):
    with app.app_context():
        load_path(MINI_FILE)
        before = counts()
        ids = db.session.execute(db.select(Question.key, Question.id, Question.version)).all()
        summary = load_path(MINI_FILE)
        assert summary.new_versions == 0
        assert counts() == before
        assert db.session.execute(db.select(Question.key, Question.id, Question.version)).all() == ids


def test_editing_a_question_in_the_file_updates_it_as_a_new_version(app, tmp_path):
    with app.app_context():
        load_path(MINI_FILE)
        data = mini()
        question(data, "wer-sagt-kosten")["prompt"] = "Wer nennt im Artikel die Kosten?"
        summary = load_path(write(tmp_path, data))
        assert summary.new_versions == 1
        edited = db.session.execute(db.select(Question).filter_by(key="wer-sagt-kosten")).scalar_one()
        assert edited.prompt == "Wer nennt im Artikel die Kosten?" and edited.version == 2
        assert counts()["Question"] == 5 and counts()["QuestionVersion"] == 6


def test_a_question_removed_from_the_file_is_retired_not_deleted(app, tmp_path):
    with app.app_context():
        load_path(MINI_FILE)
        data = mini()
        data["questions"] = [q for q in data["questions"] if q["id"] != "beginn-april"]
        load_path(write(tmp_path, data))
        retired = db.session.execute(db.select(Question).filter_by(key="beginn-april")).scalar_one()
        assert retired.status == "draft"
        quiz = db.session.execute(db.select(Quiz)).scalar_one()
        assert len(quiz.items) == 4


def test_a_broken_file_leaves_the_database_unchanged(app, tmp_path):
    with app.app_context():
        load_path(MINI_FILE)
        before = counts()
        data = mini()
        question(data, "wer-sagt-kosten")["prompt"] = "Geändert, aber nie gespeichert"
        question(data, "beginn-april")["quote"]["exact"] = "Dieser Satz steht nirgends."
        with pytest.raises(BankValidationError):
            load_path(write(tmp_path, data))
        assert counts() == before
        kept = db.session.execute(db.select(Question.prompt).filter_by(key="wer-sagt-kosten")).scalar_one()
        assert kept == "Wer nennt die Kosten?"


def test_one_broken_file_in_a_folder_loads_no_file(app, tmp_path):
    write(tmp_path, mini(), "a.yaml")
    broken = mini()
    broken["article"]["slug"] = "anderer-artikel"
    broken["quiz"]["code"] = "OTHER1"
    question(broken, "anzahl-bruecken")["kind"] = "essay"
    write(tmp_path, broken, "b.yaml")
    with app.app_context():
        with pytest.raises(BankValidationError):
            load_path(tmp_path)
        assert counts()["Article"] == 0


def mutate(change):
    data = mini()
    change(data)
    return data


CASES = {
    "quote not found": (lambda d: question(d, "beginn-april")["quote"].update(exact="Das steht nicht da."),
                        "beginn-april", "quote.exact", "not found"),
    "quote in another passage": (lambda d: question(d, "beginn-april")["quote"].update(passage="titel"),
                                 "beginn-april", "quote.exact", "not found"),
    "unknown passage": (lambda d: question(d, "beginn-april")["quote"].update(passage="absatz-9"),
                        "beginn-april", "quote.exact", "no passage"),
    "ambiguous quote": (lambda d: question(d, "anzahl-bruecken")["quote"].update(exact="Die", passage=None),
                        "anzahl-bruecken", "quote.exact", "occurs"),
    "no correct answer": (lambda d: question(d, "wer-sagt-kosten")["options"][0].update(correct=False),
                          "wer-sagt-kosten", "options", "exactly one"),
    "two correct answers": (lambda d: question(d, "wer-sagt-kosten")["options"][1].update(correct=True),
                            "wer-sagt-kosten", "options", "exactly one"),
    "multiple select without correct": (
        lambda d: [o.update(correct=False) for o in question(d, "was-ist-vermutung")["options"]],
        "was-ist-vermutung", "options", "at least one"),
    "duplicate id": (lambda d: question(d, "beginn-april").update(id="anzahl-bruecken"),
                     "anzahl-bruecken", "id", "Duplicate"),
    "unknown kind": (lambda d: question(d, "beginn-april").update(kind="essay"), "beginn-april", "kind", "Unknown kind"),
    "unknown category": (lambda d: question(d, "beginn-april").update(category="gossip"),
                         "beginn-april", "category", "figures"),
    "true/false without boolean": (lambda d: question(d, "beginn-april").update(answer="nein"),
                                   "beginn-april", "answer", "true"),
    "numeric range reversed": (lambda d: question(d, "anzahl-bruecken").update(answer={"min": 20, "max": 10}),
                               "anzahl-bruecken", "answer.min", "greater"),
    "numeric negative tolerance": (lambda d: question(d, "anzahl-bruecken").update(answer={"value": 12, "tolerance": -1}),
                                   "anzahl-bruecken", "answer.tolerance", "0 or more"),
    "missing prompt": (lambda d: question(d, "beginn-april").pop("prompt"), "beginn-april", "prompt", "prompt"),
    "missing quote": (lambda d: question(d, "beginn-april").pop("quote"), "beginn-april", "quote.exact", "passage"),
    "bad points": (lambda d: question(d, "beginn-april").update(points=0), "beginn-april", "points", "whole number"),
    "evidence option quote not in article": (
        lambda d: question(d, "beleg-datum")["options"][1].update(quote="Erfunden."),
        "beleg-datum", "options[1].quote", "not found"),
    "evidence quote differs from correct option": (
        lambda d: question(d, "beleg-datum")["quote"].update(exact="Die Bauarbeiten beginnen Ende April."),
        "beleg-datum", "quote.exact", "correct option"),
    "bad question id": (lambda d: question(d, "beginn-april").update(id="Beginn April!"), "Beginn April!", "id", "stable id"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_validation_errors_name_file_question_and_field(app, tmp_path, case):
    change, key, field, words = CASES[case]
    with in_english(app):
        errors = errors_for(tmp_path, mutate(change))
    assert errors, case
    matching = [e for e in errors if e.question == key and e.field == field]
    assert matching, [str(e) for e in errors]
    assert words.lower() in matching[0].message.lower()
    assert matching[0].file.endswith("bank.yaml")
    assert "bank.yaml" in str(matching[0]) and key in str(matching[0])


@pytest.mark.parametrize("change, field", [
    (lambda d: d["article"].update(slug="Mit Leerzeichen"), "article.slug"),
    (lambda d: d["article"].update(published="Juni 2025"), "article.published"),
    (lambda d: d["article"]["blocks"][1].update(anchor="titel"), "article.blocks[1].anchor"),
    (lambda d: d["article"]["blocks"][1].update(kind="sidebar"), "article.blocks[1].kind"),
    (lambda d: d["quiz"].update(code="x"), "quiz.code"),
])
def test_article_level_errors_name_the_field(app, tmp_path, change, field):
    with in_english(app):
        errors = errors_for(tmp_path, mutate(change))
    assert any(e.field == field and e.question is None for e in errors), [str(e) for e in errors]


@pytest.mark.parametrize("content, words", [
    ("article: [unclosed", "line"),
    ("- just\n- a list\n", "mapping"),
    (b"\xff\xfe not utf-8", "UTF-8"),
])
def test_unreadable_files_get_a_clear_message(app, tmp_path, content, words):
    path = tmp_path / "bank.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with in_english(app):
        _, errors = read_documents(path)
    assert errors and words.lower() in errors[0].message.lower()


def test_yaml_tags_cannot_run_code(app, tmp_path):
    path = write(tmp_path, "article: !!python/object/apply:os.system ['echo pwned']\n")
    with in_english(app):
        _, errors = read_documents(path)
    assert errors and "YAML" in errors[0].message


def test_check_questions_cli_reports_and_exits_1(runner, tmp_path):
    broken = mutate(lambda d: question(d, "beginn-april")["quote"].update(exact="Nicht im Text."))
    result = runner.invoke(args=["check-questions", str(write(tmp_path, broken))])
    assert result.exit_code == 1
    assert "beginn-april" in result.output and "quote.exact" in result.output


def test_check_questions_cli_accepts_the_shipped_bank(runner):
    result = runner.invoke(args=["check-questions"])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_load_questions_cli_loads_and_is_idempotent(app, runner):
    first = runner.invoke(args=["load-questions", str(MINI_FILE)])
    second = runner.invoke(args=["load-questions", str(MINI_FILE)])
    assert first.exit_code == second.exit_code == 0
    assert "0 new version" in second.output
    with app.app_context():
        assert counts()["Question"] == 5


def test_load_questions_cli_refuses_a_broken_file(app, runner, tmp_path):
    broken = mutate(lambda d: question(d, "wer-sagt-kosten")["options"][0].update(correct=False))
    result = runner.invoke(args=["load-questions", str(write(tmp_path, broken))])
    assert result.exit_code == 1
    assert "nothing was loaded" in result.output
    with app.app_context():
        assert counts()["Article"] == 0


def test_missing_path_is_an_error_not_a_crash(runner, tmp_path):
    result = runner.invoke(args=["check-questions", str(tmp_path / "nope")])
    assert result.exit_code == 1


def test_deepcopy_of_fixture_is_unchanged():
    assert copy.deepcopy(mini()) == mini()


def test_yaml_aliases_are_refused_before_anything_is_built(app):
    from quizapp.bank.files import parse_yaml
    bomb = "a: &a ['lol','lol','lol']\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\n"
    data, errors = parse_yaml(bomb, "bomb.yaml")
    assert data is None
    assert len(errors) == 1 and "alias" in errors[0].message.lower()


def test_quiz_question_list_of_lists_is_a_validation_error_not_a_crash(app):
    from quizapp.bank.schema import validate_document
    with app.test_request_context():
        _, errors = validate_document({"article": {}, "questions": [], "quiz": {"title": "T", "code": "ABCD",
                                                                                  "questions": [[1]]}}, "x.yaml")
    assert any(error.field == "quiz.questions" for error in errors)


def test_oversized_passages_are_refused(app):
    from quizapp.bank.schema import MAX_BLOCK_CHARS, validate_document
    article = {"slug": "a", "title": "T", "outlet": "O",
               "blocks": [{"anchor": "p-1", "text": "x" * (MAX_BLOCK_CHARS + 1)}]}
    with app.test_request_context():
        _, errors = validate_document({"article": article, "questions": []}, "x.yaml")
    assert any(error.field == "article.blocks[0].text" for error in errors)


def test_quote_context_picks_the_occurrence_among_many():
    from quizapp.bank.anchors import find_quote
    text = "ab " * 20_000 + "zz ab yy " + "ab " * 100
    matches = find_quote([("p", text)], "ab", "p", prefix="x" * 1000 + "zz ", suffix=" yy" + "y" * 1000)
    assert [match.start for match in matches] == [60_003]
