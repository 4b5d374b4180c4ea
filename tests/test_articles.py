"""Articles through the web: adding by pasting, editing text and metadata, copying the seed, deleting."""
import re
from html import unescape

import pytest

from quizapp.extensions import db
from quizapp.models import Article, Passage, Question

from .authoring_helpers import (TEXT, add_question, create_article, other_teacher_client, question, questions_of,
                                seed_article_id)


# ---------------------------------------------------------------- adding and listing

def test_pasted_article_is_stored_with_its_passages(app, teacher):
    article_id = create_article(teacher, source_url="https://www.srf.ch/news/x", attribution="© SRF")
    with app.app_context():
        article = db.session.get(Article, article_id)
        assert article.owner_id == teacher.teacher_id and article.slug == "velo-netz-fuer-die-stadt"
        assert (article.published, article.source_url, article.attribution) == ("2025-03", "https://www.srf.ch/news/x", "© SRF")
        assert [(p.anchor, p.kind) for p in article.passages] == [
            ("title", "headline"), ("p-1", "paragraph"), ("h-1", "heading"), ("p-2", "paragraph"),
            ("p-3", "paragraph"), ("caption-1", "caption")]
    page = teacher.get(f"/teacher/articles/{article_id}").get_data(as_text=True)
    assert '<li class="passage kind-heading" id="passage-h-1">' in page and "<code>h-1</code>" in page


def test_the_same_title_twice_gets_a_second_slug(app, teacher):
    first, second = create_article(teacher), create_article(teacher)
    with app.app_context():
        assert db.session.get(Article, second).slug == db.session.get(Article, first).slug + "-2"


@pytest.mark.parametrize("field, value, message", [
    ("title", "", "needs a title"),
    ("published", "März 2025", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("published", "2025-13", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("source_url", "www.srf.ch", "full http(s) address"),
    ("slug", "Mit Leerzeichen", "lowercase letters, digits and hyphens"),
    ("text", "Nur ein Titel", "no passages besides the headline"),
])
def test_invalid_article_is_refused_at_its_field(app, teacher, field, value, message):
    data = {"title": "Titel", "outlet": "SRF", "language": "de", "text": TEXT, field: value}
    response = teacher.post("/teacher/articles/new", data=data)
    assert response.status_code == 400
    error = re.search(rf'id="{field}-error">([^<]*)<', unescape(response.get_data(as_text=True)))
    assert error and message in error.group(1)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Article)) == 0


def test_a_taken_slug_is_refused(app, teacher, seeded):
    response = teacher.post("/teacher/articles/new", data={"title": "T", "outlet": "SRF", "language": "de",
                                                           "text": TEXT, "slug": "srf-nordkorea-kursk"})
    assert response.status_code == 400 and "This short name is taken" in response.get_data(as_text=True)


def test_list_shows_own_articles_and_the_seed_but_not_other_teachers(app, seeded, teacher, make_teacher):
    other = other_teacher_client(app, make_teacher)
    theirs = create_article(other, title="Fremder Artikel")
    mine = create_article(teacher, title="Mein Artikel")
    page = teacher.get("/teacher/articles").get_data(as_text=True)
    own, shared = page.split('id="shared-articles"')
    assert f'id="article-{mine}"' in own and "Mein Artikel" in own
    assert f'id="article-{seed_article_id(app)}"' in shared and "Bauleute in Russland" in shared
    assert "Fremder Artikel" not in page and f'id="article-{theirs}"' not in page


def test_other_teachers_articles_are_not_found(app, teacher, make_teacher):
    article_id = create_article(teacher)
    other = other_teacher_client(app, make_teacher)
    for url in ("", "/edit", "/text", "/export"):
        assert other.get(f"/teacher/articles/{article_id}{url}").status_code == 404
    for url in ("/edit", "/text", "/copy"):
        assert other.post(f"/teacher/articles/{article_id}{url}", data={"title": "X", "text": "X"}).status_code == 404
    assert other.get(f"/teacher/articles/{article_id}/questions/new?kind=numeric").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in_and_students_are_refused(app, client, mini_quiz, student):
    assert client.get("/teacher/articles").status_code == 302
    assert "/auth/login" in client.get("/teacher/articles").headers["Location"]
    student.start(mini_quiz)
    assert client.get("/teacher/articles").status_code == 403
    assert client.post("/teacher/articles/new", data={}).status_code == 403


# ---------------------------------------------------------------- editing metadata and text

def test_metadata_is_edited_and_checked(app, teacher):
    article_id = create_article(teacher)
    form = teacher.get(f"/teacher/articles/{article_id}/edit").get_data(as_text=True)
    assert 'value="Testblatt"' in form
    data = {"title": "Neuer Titel", "outlet": "SRF", "language": "de", "author": "A. Muster", "published": "2025"}
    assert teacher.post(f"/teacher/articles/{article_id}/edit", data=data).status_code == 302
    assert teacher.post(f"/teacher/articles/{article_id}/edit", data={**data, "published": "25"}).status_code == 400
    with app.app_context():
        article = db.session.get(Article, article_id)
        assert (article.title, article.outlet, article.author, article.published) == ("Neuer Titel", "SRF", "A. Muster", "2025")


def _edit_text(client, article_id, text):
    return client.post(f"/teacher/articles/{article_id}/text", data={"text": text})


def test_saving_the_text_unchanged_changes_nothing(app, teacher):
    article_id = create_article(teacher)
    question_id = add_question(teacher, article_id, "evidence")
    page = unescape(teacher.get(f"/teacher/articles/{article_id}/text").get_data(as_text=True))
    text = re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", page, re.S).group(1)
    with app.app_context():
        before = [(p.id, p.anchor, p.kind, p.text, p.credit) for p in db.session.get(Article, article_id).passages]
    assert _edit_text(teacher, article_id, text).status_code == 302
    with app.app_context():
        after = [(p.id, p.anchor, p.kind, p.text, p.credit) for p in db.session.get(Article, article_id).passages]
    assert after == before
    assert question(app, question_id).version == 1


def test_editing_the_text_keeps_quotes_that_are_still_there(app, teacher):
    article_id = create_article(teacher)
    kept = add_question(teacher, article_id, "single_choice")  # quotes p-2
    moved = add_question(teacher, article_id, "numeric")  # quotes p-1
    edited = TEXT.replace("Die Stadt will bis 2030 rund 120 Kilometer Velowege bauen.",
                          "Neu ist: Die Stadt will bis 2030 rund 120 Kilometer Velowege bauen, sagt sie.")
    edited = edited.replace("Das kostet laut Stadtrat", "\n\nDas kostet laut Stadtrat")  # p-1 split in two
    response = _edit_text(teacher, article_id, edited)
    assert response.status_code == 302
    assert question(app, kept).passage.anchor == "p-2" and question(app, kept).version == 1
    relinked = question(app, moved)
    assert relinked.passage is not None and "rund 120 Kilometer" in relinked.passage.text
    assert relinked.quote_prefix.endswith("Die Stadt will bis 2030 ")


def test_a_quote_found_in_another_passage_makes_a_new_version(app, teacher):
    article_id = create_article(teacher)
    question_id = add_question(teacher, article_id, "true_false")  # "Der Kanton übernimmt die Hälfte" in p-2
    edited = TEXT.replace("Der Kanton übernimmt die Hälfte, sagt der Stadtrat. ", "").replace(
        "Gegner sagen, das Geld", "Der Kanton übernimmt die Hälfte. Gegner sagen, das Geld")
    assert _edit_text(teacher, article_id, edited).status_code == 302
    stored = question(app, question_id)
    assert stored.passage.anchor == "p-3" and stored.version == 2
    assert [v.snapshot["quote"]["anchor"] for v in stored.versions] == ["p-2", "p-3"]


def test_questions_whose_quote_is_gone_are_listed_and_flagged(app, teacher):
    article_id = create_article(teacher)
    gone = add_question(teacher, article_id, "multiple_select")  # "Experten vermuten, dass es teurer wird."
    proof = add_question(teacher, article_id, "evidence")  # its right option quotes the same sentence
    fine = add_question(teacher, article_id, "numeric")
    response = _edit_text(teacher, article_id, TEXT.replace(" Experten vermuten, dass es teurer wird.", ""))
    assert response.status_code == 302
    assert question(app, gone).passage is None and question(app, proof).passage is None
    assert question(app, gone).version == 1  # what students saw stays as it was
    assert question(app, fine).passage is not None
    page = teacher.get(response.headers["Location"]).get_data(as_text=True)
    attention = page.split('id="needs-attention"')[1].split("</section>")[0]
    assert "Was ist eine Vermutung oder Meinung?" in attention and "Welche Stelle belegt" in attention
    assert "Wie viele Kilometer" not in attention
    assert page.count("quote not found") == 2
    assert "2 questions quote text that is no longer in the article. They are marked below" in unescape(page)
    articles = teacher.get("/teacher/articles").get_data(as_text=True)
    assert "2 quotes to fix" in articles


def test_fixing_the_text_again_restores_the_link(app, teacher):
    article_id = create_article(teacher)
    question_id = add_question(teacher, article_id, "multiple_select")
    _edit_text(teacher, article_id, TEXT.replace(" Experten vermuten, dass es teurer wird.", ""))
    assert question(app, question_id).passage is None
    _edit_text(teacher, article_id, TEXT)
    assert question(app, question_id).passage.anchor == "p-2"


def test_students_see_the_new_text_after_an_edit(app, teacher, client):
    """The passage cache is keyed by the article's update time, so an edit is never served stale."""
    from quizapp.services.content import article_passages
    article_id = create_article(teacher)
    with app.test_request_context():
        article = db.session.get(Article, article_id)
        assert "Velowege" in article_passages(article)[1]["text"]
    _edit_text(teacher, article_id, TEXT.replace("Velowege", "Radwege"))
    with app.test_request_context():
        article = db.session.get(Article, article_id)
        assert "Radwege" in article_passages(article)[1]["text"]


def test_an_empty_text_is_refused(app, teacher):
    article_id = create_article(teacher)
    assert _edit_text(teacher, article_id, "").status_code == 400
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Passage)) == 6


# ---------------------------------------------------------------- the seed: read-only, copyable

def test_seed_article_is_read_only_but_can_be_copied(app, seeded, teacher):
    seed_id = seed_article_id(app)
    page = teacher.get(f"/teacher/articles/{seed_id}").get_data(as_text=True)
    assert "Copy to my articles" in page and "Edit the text" not in page and "/edit" not in page
    assert teacher.get(f"/teacher/articles/{seed_id}/text").status_code == 403
    assert teacher.post(f"/teacher/articles/{seed_id}/edit", data={"title": "X"}).status_code == 403
    assert teacher.get(f"/teacher/articles/{seed_id}/questions/new?kind=numeric").status_code == 403
    seed_questions = questions_of(app, seed_id)
    response = teacher.post(f"/teacher/articles/{seed_id}/copy")
    assert response.status_code == 302
    copy_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        copy = db.session.get(Article, copy_id)
        seed = db.session.get(Article, seed_id)
        assert copy.owner_id == teacher.teacher_id and copy.slug == "srf-nordkorea-kursk-kopie"
        assert [(p.anchor, p.text) for p in copy.passages] == [(p.anchor, p.text) for p in seed.passages]
    copies = questions_of(app, copy_id)
    assert [(q.key, q.spec, q.quote_exact, q.owner_id) for q in copies] == [
        (q.key, q.spec, q.quote_exact, teacher.teacher_id) for q in seed_questions]
    assert all(q.passage_id is not None for q in copies)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Question)
                                 .where(Question.article_id == seed_id, Question.owner_id.is_not(None))) == 0
    assert "Edit the text" in teacher.get(f"/teacher/articles/{copy_id}").get_data(as_text=True)


def test_a_photo_credit_longer_than_its_column_is_refused(app, teacher):
    response = teacher.post("/teacher/articles/new", data={"title": "T", "outlet": "SRF", "language": "de",
                                                           "text": TEXT.replace("Keystone", "K" * 201)})
    assert response.status_code == 400 and "At most 200 characters" in response.get_data(as_text=True)


def test_an_unused_article_is_deleted_with_its_questions_and_quizzes(app, teacher):
    from quizapp.models import Quiz, QuestionVersion
    article_id = create_article(teacher)
    add_question(teacher, article_id, "numeric")
    with app.app_context():
        db.session.add(Quiz(article_id=article_id, title="Q", code="VELO02", owner_id=teacher.teacher_id))
        db.session.commit()
    page = teacher.get(f"/teacher/articles/{article_id}/delete").get_data(as_text=True)
    assert "1 questions and 1 quizzes are deleted" in page
    assert teacher.post(f"/teacher/articles/{article_id}/delete").status_code == 302
    with app.app_context():
        for model in (Article, Passage, Question, QuestionVersion, Quiz):
            assert db.session.scalar(db.select(db.func.count()).select_from(model)) == 0


def test_an_article_whose_quiz_students_took_is_kept(app, teacher, make_attempt):
    from quizapp.models import Quiz, QuizQuestion
    article_id = create_article(teacher)
    question_id = add_question(teacher, article_id, "numeric")
    with app.app_context():
        quiz = Quiz(article_id=article_id, title="Q", code="VELO03", owner_id=teacher.teacher_id, published=True)
        quiz.items = [QuizQuestion(question_id=question_id)]
        db.session.add(quiz)
        db.session.commit()
    make_attempt("VELO03", {})
    assert 'id="delete-refused"' in teacher.get(f"/teacher/articles/{article_id}/delete").get_data(as_text=True)
    assert teacher.post(f"/teacher/articles/{article_id}/delete").status_code == 409
    with app.app_context():
        assert db.session.get(Article, article_id) is not None


def test_seed_and_other_teachers_articles_cannot_be_deleted(app, seeded, teacher, make_teacher):
    assert teacher.post(f"/teacher/articles/{seed_article_id(app)}/delete").status_code == 403
    article_id = create_article(teacher)
    assert other_teacher_client(app, make_teacher).post(f"/teacher/articles/{article_id}/delete").status_code == 404
    with app.app_context():
        assert db.session.get(Article, article_id) is not None
