"""Files and the web stay in sync: export an article as a question file, import one through the web."""
import io

import pytest
import yaml

from quizapp.bank.loader import load_document
from quizapp.bank.schema import validate_document
from quizapp.extensions import db
from quizapp.models import Article, Question, QuestionVersion, Quiz

from .authoring_helpers import FORMS, add_question, create_article, other_teacher_client, seed_article_id
from .conftest import MINI_FILE, POSTGRES_URL, SEED_DIR
from .helpers.visible import Visible, visible


@pytest.fixture
def authored(teacher):
    """An article written through the web with one question of every kind (one of them a draft)."""
    article_id = create_article(teacher, author="A. Muster", source_url="https://example.org/velo",
                                attribution="CC BY 4.0")
    for kind in FORMS:
        add_question(teacher, article_id, kind, **({"status": "draft"} if kind == "true_false" else {}))
    add_question(teacher, article_id, "numeric", numeric_mode="range", min="100", max="130", value="")
    add_question(teacher, article_id, "numeric", numeric_mode="student_range", min="100", max="130", value="")
    return article_id


def stored_questions(app, article_id: int) -> list[dict]:
    """The database's view of an article's questions, in the shape validate_question returns."""
    with app.app_context():
        rows = db.session.execute(db.select(Question).filter_by(article_id=article_id)
                                  .order_by(Question.position, Question.id)).scalars().all()
        return [{"key": q.key, "kind": q.kind, "category": q.category, "difficulty": q.difficulty, "points": q.points,
                 "tags": q.tags, "status": q.status, "prompt": q.prompt, "explanation": q.explanation, "spec": q.spec,
                 "quote": {"exact": q.quote_exact, "anchor": q.passage.anchor, "prefix": q.quote_prefix,
                           "suffix": q.quote_suffix}} for q in rows]


def export(client, article_id: int):
    response = client.get(f"/teacher/articles/{article_id}/export")
    assert response.status_code == 200
    return response


def upload(client, content: bytes | str, name: str = "fragen.yaml"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post("/teacher/import", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def test_export_is_a_yaml_download_named_after_the_article(teacher, authored):
    response = export(teacher, authored)
    assert response.headers["Content-Disposition"] == 'attachment; filename="velo-netz-fuer-die-stadt.yaml"'
    assert response.mimetype == "application/yaml"
    text = response.get_data(as_text=True)
    assert text.startswith("# Exported from quizapp") and "Hälfte" in text  # UTF-8, not \\u escapes


def test_export_validates_to_exactly_the_stored_data(app, teacher, authored):
    document, errors = validate_document(yaml.safe_load(export(teacher, authored).data), "export.yaml")
    assert errors == []
    assert document["questions"] == stored_questions(app, authored)
    with app.app_context():
        article = db.session.get(Article, authored)
        assert [(b["anchor"], b["kind"], b["text"], b["credit"]) for b in document["article"]["blocks"]] == [
            (p.anchor, p.kind, p.text, p.credit or "") for p in article.passages]
        assert (document["article"]["author"], document["article"]["attribution"]) == ("A. Muster", "CC BY 4.0")


def test_seed_export_validates_to_the_seed_file(app, seeded, teacher):
    exported, errors = validate_document(yaml.safe_load(export(teacher, seed_article_id(app)).data), "x")
    shipped, _ = validate_document(yaml.safe_load((SEED_DIR / "srf-nordkorea-kursk.yaml").read_text()), "x")
    assert errors == []
    assert exported["article"] == shipped["article"] and exported["questions"] == shipped["questions"]


def test_exported_file_imported_again_gives_the_same_questions(app, teacher, authored):
    before = stored_questions(app, authored)
    content = export(teacher, authored).data
    with app.app_context():
        db.session.delete(db.session.get(Article, authored))
        db.session.commit()
    response = upload(teacher, content)
    assert response.status_code == 302, response.get_data(as_text=True)
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert stored_questions(app, new_id) == before
    with app.app_context():
        assert db.session.get(Article, new_id).owner_id == teacher.teacher_id
        assert {q.owner_id for q in db.session.execute(db.select(Question)).scalars()} == {teacher.teacher_id}


@pytest.mark.skipif(bool(POSTGRES_URL), reason="a second database is a second SQLite file")
def test_exported_file_loads_into_a_fresh_database(app, make_app, teacher, authored, tmp_path):
    before = stored_questions(app, authored)
    document, errors = validate_document(yaml.safe_load(export(teacher, authored).data), "export.yaml")
    fresh = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    with fresh.app_context():
        article_id = load_document(document, source_file="export.yaml", owner_id=None).id
        db.session.commit()
    assert errors == [] and stored_questions(fresh, article_id) == before


def test_reimporting_an_edited_file_updates_the_article_and_versions(app, teacher, authored):
    text = export(teacher, authored).get_data(as_text=True).replace("Wer bezahlt die Hälfte?", "Wer trägt die Hälfte?")
    response = upload(teacher, text)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/teacher/articles/{authored}")
    with app.app_context():
        changed = db.session.execute(db.select(Question).filter_by(prompt="Wer trägt die Hälfte?")).scalar_one()
        assert changed.version == 2 and changed.article_id == authored
        # one version per question (every kind and two more numeric ones) and the edited one
        assert db.session.scalar(db.select(db.func.count()).select_from(QuestionVersion)) == len(FORMS) + 3


def test_mini_file_imports_with_its_quiz(app, teacher):
    response = upload(teacher, MINI_FILE.read_bytes(), "mini.yaml")
    assert response.status_code == 302
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz)).scalar_one()
        assert quiz.code == "MINI01" and quiz.owner_id == teacher.teacher_id and len(quiz.items) == 5


# ---------------------------------------------------------------- errors: shown, nothing written

def _nothing_written(app):
    with app.app_context():
        for model in (Article, Question, Quiz):
            assert db.session.scalar(db.select(db.func.count()).select_from(model)) == 0


def _refused(app, client, content, name="fragen.yaml") -> str:
    response = upload(client, content, name)
    assert response.status_code == 422
    _nothing_written(app)
    return response.get_data(as_text=True)


def test_yaml_syntax_error_names_the_line(app, teacher):
    page = _refused(app, teacher, "article:\n  slug: x\n  title: [unclosed\nquestions: []\n")
    assert "This is not valid YAML (line" in page
    assert "In the file fragen.yaml:" in Visible(page).text


def test_a_file_means_the_same_whoever_uploads_it(app, teacher):
    # Text numbers in files are read the German way, also by a teacher whose pages are English.
    data = yaml.safe_load(MINI_FILE.read_text(encoding="utf-8"))
    number = next(q for q in data["questions"] if q["kind"] == "numeric")
    number["answer"] = {"value": "12,125", "tolerance": "0"}
    teacher.set_cookie("lang", "en")
    response = upload(teacher, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        stored = db.session.execute(db.select(Question).filter_by(key=number["id"])).scalar_one()
        assert stored.spec["value"] == 12.125


@pytest.mark.parametrize("content, message", [
    ("article:\n\tslug: x\n", "This is not valid YAML (line 2, column 1): a tab; indent with spaces only"),
    ("article:\n  title: Wer: wann\n", "This is not valid YAML (line 2, column 13): a colon where none may stand"),
    ("article:\n  title: 'offen\n", "the file ends inside quotes or brackets"),
    (b"%PDF-1.4\x00\x01binary", "This is not a question file: line 1, column 9 holds a control character (code 0x0000)"),
    (b"article:\n  title: ab\x07c\n", "line 2, column 12 holds a control character (code 0x0007)"),
])
def test_a_broken_file_is_explained_in_words_with_its_place(app, teacher, content, message):
    page = Visible(_refused(app, teacher, content))
    assert message in " ".join(page.text.split()) and "<unicode string>" not in page.text
    teacher.set_cookie("lang", "de")
    german = Visible(_refused(app, teacher, content)).text
    assert "YAML" in german and "Zeile" in german or "Steuerzeichen" in german


def test_a_file_that_is_not_utf8_is_refused(app, teacher):
    assert "not UTF-8" in _refused(app, teacher, "article: {title: Gr\u00fcsse}".encode("latin-1"))


def test_only_yaml_files_are_accepted(app, teacher):
    assert "ending in .yaml or .yml" in _refused(app, teacher, MINI_FILE.read_bytes(), "mini.txt")


def test_a_file_over_the_size_limit_is_refused(make_app, make_teacher):
    app = make_app(IMPORT_MAX_BYTES=1024)
    make_teacher()
    client = app.test_client()
    client.set_cookie("lang", "en")
    from .conftest import sign_in
    sign_in(client, "lehrerin@schule.ch")
    assert "larger than 1 KB" in _refused(app, client, MINI_FILE.read_bytes())


def test_missing_file_is_a_form_error(app, teacher):
    response = teacher.post("/teacher/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 400 and "Choose a .yaml file" in response.get_data(as_text=True)


def test_every_validation_error_is_listed_per_question_with_its_field(app, teacher):
    document = yaml.safe_load(MINI_FILE.read_text())
    document["questions"][1]["options"][1]["correct"] = True  # two right answers for single choice
    document["questions"][0]["answer"] = {"min": 20, "max": 10}
    document["questions"][3]["quote"]["exact"] = "Steht nicht im Text."
    document["article"]["published"] = "Juni 2025"
    page = _refused(app, teacher, yaml.safe_dump(document, allow_unicode=True))
    assert "4 problems – nothing was imported" in page
    sections = page.split("<h3>")
    by_heading = {section.split("</h3>")[0].strip(): section for section in sections[1:]}
    assert "<code>article.published</code>" in by_heading["File and article"]
    assert "<code>answer.min</code>" in by_heading["Question anzahl-bruecken"]
    assert "<code>options</code>: Mark exactly one option as correct (found 2)" in by_heading["Question wer-sagt-kosten"]
    assert "<code>quote.exact</code>" in by_heading["Question beginn-april"]


def test_slug_of_someone_elses_article_is_refused(app, seeded, teacher, make_teacher):
    page = _refused_after_seed(app, teacher, (SEED_DIR / "srf-nordkorea-kursk.yaml").read_bytes())
    assert "belongs to someone else; choose another slug" in page
    other = other_teacher_client(app, make_teacher)
    other.set_cookie("lang", "en")
    assert upload(other, MINI_FILE.read_bytes()).status_code == 302
    assert "belongs to someone else" in upload(teacher, MINI_FILE.read_bytes()).get_data(as_text=True)


def _refused_after_seed(app, client, content) -> str:
    with app.app_context():
        counts = [db.session.scalar(db.select(db.func.count()).select_from(m)) for m in (Article, Question, Quiz)]
    response = upload(client, content)
    assert response.status_code == 422
    with app.app_context():
        assert [db.session.scalar(db.select(db.func.count()).select_from(m)) for m in (Article, Question, Quiz)] == counts
    return response.get_data(as_text=True)


def test_a_taken_quiz_code_rolls_back_the_whole_file(app, seeded, teacher):
    """The article and questions were already added when the quiz code clashed: none of it stays."""
    document = yaml.safe_load(MINI_FILE.read_text())
    document["quiz"]["code"] = db_code(app)
    page = _refused_after_seed(app, teacher, yaml.safe_dump(document, allow_unicode=True))
    assert "is taken" in page
    with app.app_context():
        assert db.session.execute(db.select(Article).filter_by(slug="mini-artikel")).scalar_one_or_none() is None


def db_code(app) -> str:
    with app.app_context():
        return db.session.execute(db.select(Quiz.code)).scalars().first()


def test_other_teachers_cannot_export_my_article(app, teacher, authored, make_teacher):
    other = other_teacher_client(app, make_teacher)
    assert other.get(f"/teacher/articles/{authored}/export").status_code == 404


def test_texts_longer_than_their_columns_are_refused_before_writing(app, teacher):
    document = yaml.safe_load(MINI_FILE.read_text())
    document["article"]["outlet"] = "O" * 121
    document["article"]["blocks"][0]["credit"] = "C" * 201
    page = _refused(app, teacher, yaml.safe_dump(document, allow_unicode=True))
    assert "<code>article.outlet</code>: At most 120 characters" in page
    assert "<code>article.blocks[0].credit</code>: At most 200 characters" in page


@pytest.mark.parametrize("lang, words", [
    ("de", ["Fragedatei", "«Als Fragedatei herunterladen»", "nichts importiert"]),
    ("en", ["question file", "“Download as question file”", "nothing is imported"]),
])
def test_import_page_explains_in_teachers_words(teacher, lang, words):
    text = visible(teacher.get(f"/teacher/import?lang={lang}")).text
    assert all(word in text for word in words)
    for developer_word in ("`", "flask", "load-questions", "questions/"):
        assert developer_word not in text
