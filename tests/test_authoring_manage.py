"""Managing questions: preview as students see it, duplicate, delete safely, reorder, publish, history."""
import re

import pytest

from quizapp.extensions import db
from quizapp.models import Question, QuestionVersion, Quiz, QuizQuestion

from .authoring_helpers import (FORMS, TEXT, add_question, create_article, numeric, other_teacher_client, question,
                                questions_of, saved_id, seed_article_id)
from .conftest import TEACHER_PASSWORD


def _section(page: str, element_id: str) -> str:
    start = page.index(f'id="{element_id}"')
    return page[start:page.index("</form>" if element_id == "student-view" else "</section>", start)]


@pytest.mark.parametrize("kind", list(FORMS))
def test_preview_shows_the_question_as_students_see_it_without_the_answer(app, teacher, article_id, kind):
    question_id = add_question(teacher, article_id, kind)
    page = teacher.get(f"/teacher/questions/{question_id}/preview").get_data(as_text=True)
    student_view = _section(page, "student-view")
    assert '<fieldset class="question" id="question-1">' in student_view
    assert f'name="q{question_id}"' in student_view
    assert "correct" not in student_view.lower() and "Richtig." not in student_view
    teacher_view = _section(page, "teacher-view")
    assert "Correct answer:" in teacher_view and "Der Text sagt es." in teacher_view


def test_preview_uses_the_kinds_own_template(app, teacher, article_id):
    numeric_id = add_question(teacher, article_id, "numeric")
    page = teacher.get(f"/teacher/questions/{numeric_id}/preview").get_data(as_text=True)
    assert 'inputmode="decimal"' in page and '<span class="unit">km</span>' in page
    evidence_id = add_question(teacher, article_id, "evidence")
    page = teacher.get(f"/teacher/questions/{evidence_id}/preview").get_data(as_text=True)
    assert '<ul class="options evidence">' in page and "<q>Experten vermuten, dass es teurer wird.</q>" in page


def test_preview_grades_a_trial_answer_without_storing_it(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "numeric")
    page = teacher.post(f"/teacher/questions/{question_id}/preview", data={f"q{question_id}": "1'20"})
    assert page.status_code == 200
    assert "0 / 1" in _section(page.get_data(as_text=True), "trial-result")
    page = teacher.post(f"/teacher/questions/{question_id}/preview", data={f"q{question_id}": "120"})
    assert "1 / 1" in page.get_data(as_text=True)
    from quizapp.models import Response
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Response)) == 0


def test_duplicate_is_a_draft_copy_below_the_original_with_its_own_id(app, teacher, article_id):
    first = add_question(teacher, article_id, "single_choice")
    last = add_question(teacher, article_id, "numeric")
    response = teacher.post(f"/teacher/questions/{first}/duplicate")
    assert response.status_code == 302
    questions = questions_of(app, article_id)
    assert [q.id for q in questions][0] == first and questions[2].id == last
    copy = questions[1]
    original = question(app, first)
    assert copy.key == f"{original.key}-kopie" and copy.status == "draft"
    assert (copy.spec, copy.prompt, copy.quote_exact, copy.passage_id) == (
        original.spec, original.prompt, original.quote_exact, original.passage_id)
    assert question(app, copy.id).version == 1
    assert response.headers["Location"].endswith(f"/teacher/questions/{copy.id}/edit")


def test_delete_asks_first_then_deletes(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "single_choice")
    page = teacher.get(f"/teacher/questions/{question_id}/delete").get_data(as_text=True)
    assert "Delete the question" in page and 'method="post"' in page
    assert question(app, question_id) is not None  # asking deletes nothing
    response = teacher.post(f"/teacher/questions/{question_id}/delete")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Question, question_id) is None
        assert db.session.scalar(db.select(db.func.count()).select_from(QuestionVersion)) == 0


def _token(client, url: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def test_authoring_posts_need_a_csrf_token(make_app, make_teacher):
    guarded = make_app(WTF_CSRF_ENABLED=True)
    make_teacher("csrf@schule.ch")
    client = guarded.test_client()
    login = {"email": "csrf@schule.ch", "password": TEACHER_PASSWORD}
    assert client.post("/auth/login", data={**login, "csrf_token": _token(client, "/auth/login")}).status_code == 302
    article = {"title": "T", "outlet": "O", "language": "de", "text": TEXT}
    assert client.post("/teacher/articles/new", data=article).status_code == 400
    token = _token(client, "/teacher/articles/new")
    response = client.post("/teacher/articles/new", data={**article, "csrf_token": token})
    article_id = int(response.headers["Location"].rsplit("/", 1)[1])
    url = f"/teacher/articles/{article_id}/questions/new?kind=numeric"
    assert client.post(url, data=numeric()).status_code == 400
    response = client.post(url, data={**numeric(), "csrf_token": _token(client, url)})
    question_id = saved_id(response)
    assert client.post(f"/teacher/questions/{question_id}/delete").status_code == 400
    assert question(guarded, question_id) is not None
    token = _token(client, f"/teacher/questions/{question_id}/delete")
    assert client.post(f"/teacher/questions/{question_id}/delete", data={"csrf_token": token}).status_code == 302


def _quiz_with(app, article_id: int, question_ids: list[int], code: str = "VELO01") -> str:
    with app.app_context():
        quiz = Quiz(article_id=article_id, title="Velo", code=code, published=True, public=True)
        quiz.items = [QuizQuestion(question_id=qid, position=n) for n, qid in enumerate(question_ids)]
        db.session.add(quiz)
        db.session.commit()
    return code


def test_answered_question_cannot_be_deleted_but_can_be_unpublished(app, teacher, article_id, make_attempt):
    question_id = add_question(teacher, article_id, "single_choice")
    make_attempt(_quiz_with(app, article_id, [question_id]), {question(app, question_id).key: "a"})
    page = teacher.get(f"/teacher/questions/{question_id}/delete").get_data(as_text=True)
    assert 'id="delete-refused"' in page and "Unpublish instead" in page and "Delete the question" not in page
    response = teacher.post(f"/teacher/questions/{question_id}/delete")
    assert response.status_code == 409
    assert question(app, question_id) is not None
    assert teacher.post(f"/teacher/questions/{question_id}/status", data={"status": "draft"}).status_code == 302
    assert question(app, question_id).status == "draft"


def test_question_in_an_unfinished_attempt_cannot_be_deleted(app, teacher, article_id, student):
    question_id = add_question(teacher, article_id, "single_choice")
    student.start(_quiz_with(app, article_id, [question_id]))
    assert teacher.post(f"/teacher/questions/{question_id}/delete").status_code == 409
    assert question(app, question_id) is not None


def test_move_up_and_down_reorders_the_questions(app, teacher, article_id):
    a, b, c = (add_question(teacher, article_id, kind) for kind in ("single_choice", "numeric", "true_false"))
    assert teacher.post(f"/teacher/questions/{c}/move", data={"direction": "up"}).status_code == 302
    assert [q.id for q in questions_of(app, article_id)] == [a, c, b]
    teacher.post(f"/teacher/questions/{a}/move", data={"direction": "down"})
    assert [q.id for q in questions_of(app, article_id)] == [c, a, b]
    teacher.post(f"/teacher/questions/{c}/move", data={"direction": "up"})  # already first: nothing happens
    assert [q.position for q in questions_of(app, article_id)] == [0, 1, 2]
    assert [q.id for q in questions_of(app, article_id)] == [c, a, b]
    assert teacher.post(f"/teacher/questions/{c}/move", data={"direction": "sideways"}).status_code == 400


def test_status_toggles_between_draft_and_published(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "single_choice", status="draft")
    assert question(app, question_id).status == "draft"
    page = teacher.get(f"/teacher/articles/{article_id}").get_data(as_text=True)
    assert 'value="published"><button type="submit" class="link">Publish<span class="visually-hidden"> – Question 1</span></button>' in page
    assert f'href="/teacher/quizzes/new?article={article_id}"' in page  # on to making a quiz of them
    teacher.post(f"/teacher/questions/{question_id}/status", data={"status": "published"})
    stored = question(app, question_id)
    assert stored.status == "published" and stored.version == 1  # status is not a new version
    assert teacher.post(f"/teacher/questions/{question_id}/status", data={"status": "gone"}).status_code == 400


def test_history_lists_every_version_with_its_answers(app, teacher, article_id, make_attempt):
    question_id = add_question(teacher, article_id, "numeric")
    make_attempt(_quiz_with(app, article_id, [question_id]), {question(app, question_id).key: "120"})
    teacher.post(f"/teacher/questions/{question_id}/edit", data=FORMS["numeric"](value="125"))
    page = teacher.get(f"/teacher/questions/{question_id}/history").get_data(as_text=True)
    assert 'id="version-2"' in page and 'id="version-1"' in page
    version_1 = page.split('id="version-1"')[1]
    assert "1 answer" in version_1 and "<strong>120 km</strong>" in version_1
    assert "<strong>125 km</strong>" in page.split('id="version-2"')[1].split('id="version-1"')[0]


def test_seed_questions_are_read_only(app, seeded, teacher):
    seed_id = seed_article_id(app)
    seed_question = questions_of(app, seed_id)[0].id
    assert teacher.get(f"/teacher/questions/{seed_question}/preview").status_code == 200
    assert teacher.get(f"/teacher/questions/{seed_question}/history").status_code == 200
    for path in ("edit", "delete"):
        assert teacher.get(f"/teacher/questions/{seed_question}/{path}").status_code == 403
    for path, data in (("edit", {}), ("delete", {}), ("duplicate", {}), ("move", {"direction": "up"}),
                       ("status", {"status": "draft"})):
        assert teacher.post(f"/teacher/questions/{seed_question}/{path}", data=data).status_code == 403
    assert question(app, seed_question).status == "published"
    page = teacher.get(f"/teacher/articles/{seed_id}").get_data(as_text=True)
    assert f"/teacher/questions/{seed_question}/edit" not in page and "Copy to my articles" in page


def test_other_teachers_questions_are_not_found(app, teacher, article_id, make_teacher):
    question_id = add_question(teacher, article_id, "single_choice")
    other = other_teacher_client(app, make_teacher)
    for path in ("edit", "preview", "history", "delete"):
        assert other.get(f"/teacher/questions/{question_id}/{path}").status_code == 404
    for path, data in (("edit", {}), ("delete", {}), ("duplicate", {}), ("move", {"direction": "up"}),
                       ("status", {"status": "draft"}), ("preview", {})):
        assert other.post(f"/teacher/questions/{question_id}/{path}", data=data).status_code == 404
    assert question(app, question_id).status == "published"
    assert teacher.get("/teacher/questions/999999/edit").status_code == 404


def test_article_page_list_and_export_cost_the_same_queries_for_few_or_many_questions(app, teacher, count_queries):
    small, large = create_article(teacher), create_article(teacher)
    for article_id, count in ((small, 1), (large, 12)):
        for number in range(count):
            add_question(teacher, article_id, list(FORMS)[number % len(FORMS)])
    costs = {}
    for article_id in (small, large):
        for url in (f"/teacher/articles/{article_id}", f"/teacher/articles/{article_id}/export", "/teacher/articles"):
            with count_queries() as statements:
                assert teacher.get(url).status_code == 200
            costs.setdefault(url.replace(str(article_id), "ID"), []).append(len(statements))
    assert all(small_cost == large_cost for small_cost, large_cost in costs.values()), costs
    assert costs["/teacher/articles/ID"][0] <= 4  # teacher, article, passages, questions


def test_a_deleted_questions_version_id_is_never_given_to_a_new_question(app, teacher, article_id):
    """Version ids name immutable content in caches and layouts: a new version never reuses one."""
    from quizapp.extensions import db
    from quizapp.models import QuestionVersion
    first = add_question(teacher, article_id, "single_choice")
    with app.app_context():
        deleted_version = db.session.execute(db.select(QuestionVersion.id).filter_by(question_id=first)).scalar_one()
    assert teacher.post(f"/teacher/questions/{first}/delete", data={"confirm": "y"}).status_code == 302
    with app.app_context():
        assert db.session.get(QuestionVersion, deleted_version) is None
    second = add_question(teacher, article_id, "single_choice")
    with app.app_context():
        new_version = db.session.execute(db.select(QuestionVersion.id).filter_by(question_id=second)).scalar_one()
    assert new_version > deleted_version


def test_preview_says_partly_right_in_words(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "multiple_select")  # options a and b are right
    page = teacher.post(f"/teacher/questions/{question_id}/preview", data={f"q{question_id}": "a"})
    html = page.get_data(as_text=True)
    assert '<section class="review-item is-partial" id="trial-result"' in html
    assert "0.5 / 1 · partly right" in _section(html, "trial-result")


def test_each_questions_actions_are_named_after_it(teacher, article_id):
    for kind in ("single_choice", "numeric"):
        add_question(teacher, article_id, kind)
    page = teacher.get(f"/teacher/articles/{article_id}").get_data(as_text=True)
    for action in ("Edit", "Preview", "History", "Duplicate", "Delete"):
        names = re.findall(rf'>{action}<span class="visually-hidden"> – (Question \d+)</span>', page)
        assert names == ["Question 1", "Question 2"], action
