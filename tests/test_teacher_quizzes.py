"""Quizzes: compose from an article's questions, settings, publish, share, assign, copy the seed, delete."""
import re
from datetime import datetime

import pytest

from quizapp.services.codes import ALPHABET
from quizapp.extensions import db
from quizapp.models import Article, Attempt, Question, Quiz, QuizClassroom

from .helpers.visible import visible
from .teacher_helpers import client_for_teacher, count, joined_student, make_classroom, own_article, submit_for

SETTINGS = {"title": "Zahlen im Artikel", "reveal": "after_submit"}


def english(client):
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def seed(app, mini_quiz):
    """The mini article and its quiz, loaded like the shipped seed (owner NULL); fast to load."""
    with app.app_context():
        article = db.session.execute(db.select(Article).filter_by(owner_id=None)).scalar_one()
        quiz = db.session.execute(db.select(Quiz).filter_by(owner_id=None)).scalar_one()
        published = list(db.session.execute(
            db.select(Question.id, Question.category).filter_by(article_id=article.id, status="published")
            .order_by(Question.position)).all())
        return {"article": article.id, "quiz": quiz.id, "code": quiz.code, "questions": published}


def new_quiz(client, article_id: int, **data) -> int:
    response = client.post(f"/teacher/quizzes/new?article={article_id}", data={**SETTINGS, **data})
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def quiz_row(app, quiz_id: int) -> Quiz:
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        quiz.item_ids = [item.question_id for item in quiz.items]
        db.session.expunge(quiz)
        return quiz


# ---------------------------------------------------------------- composing

def test_article_choice_lists_own_and_shared_articles_but_not_colleagues(app, teacher_client, seed, make_teacher):
    mine = own_article(app, teacher_client.teacher_id, "mein-artikel")
    other = client_for_teacher(app, make_teacher)
    theirs = own_article(app, other.teacher_id, "ihr-artikel")
    page = teacher_client.get("/teacher/quizzes/new").get_data(as_text=True)
    assert f'data-article="{mine}"' in page and f'data-article="{seed["article"]}"' in page
    assert f'data-article="{theirs}"' not in page
    assert teacher_client.get(f"/teacher/quizzes/new?article={theirs}").status_code == 404
    assert teacher_client.post(f"/teacher/quizzes/new?article={theirs}", data={**SETTINGS, "mode": "all"}) \
        .status_code == 404
    assert teacher_client.get("/teacher/quizzes/new?article=abc").status_code == 404
    assert count(app, Quiz, owner_id=teacher_client.teacher_id) == 0


def test_all_published_seed_questions_make_an_unpublished_quiz_with_a_fresh_code(app, teacher_client, seed):
    quiz_id = new_quiz(teacher_client, seed["article"], mode="all")
    quiz = quiz_row(app, quiz_id)
    assert quiz.owner_id == teacher_client.teacher_id and not quiz.published and not quiz.public
    assert quiz.item_ids == [qid for qid, _ in seed["questions"]]
    assert re.fullmatch(f"[{ALPHABET}]{{6}}", quiz.code)
    assert quiz.title == SETTINGS["title"] and quiz.max_attempts is None
    with app.app_context():  # the seed questions are used, not changed
        assert db.session.scalar(db.select(db.func.max(Question.version))) == 1


def test_one_category(app, teacher_client, seed):
    quiz_id = new_quiz(teacher_client, seed["article"], mode="category", category="sourcing")
    expected = [qid for qid, category in seed["questions"] if category == "sourcing"]
    assert expected and quiz_row(app, quiz_id).item_ids == expected


def test_hand_picked_questions_keep_the_article_order(app, teacher_client, seed):
    picked = [seed["questions"][3][0], seed["questions"][1][0]]
    quiz_id = new_quiz(teacher_client, seed["article"], mode="pick", questions=picked)
    assert quiz_row(app, quiz_id).item_ids == sorted(picked, key=[q for q, _ in seed["questions"]].index)


BAD_INPUT = [
    ({"mode": "pick"}, "Tick at least one question."),
    ({"mode": "pick", "questions": ["999999"]}, "is not a valid choice"),
    ({"mode": "pick", "questions": ["abc"]}, "Invalid choice"),
    ({"mode": "category", "category": "gossip"}, "Choose a category."),
    ({"mode": "everything"}, "Not a valid choice"),
    ({"mode": "all", "title": ""}, "Please give the quiz a title."),
    ({"mode": "all", "max_attempts": "0"}, "Between 1 and 100"),
    ({"mode": "all", "max_attempts": "zwei"}, "Not a valid integer"),
    ({"mode": "all", "opens_at": "2026-05-02T10:00", "closes_at": "2026-05-02T09:00"}, "must close after it opens"),
    ({"mode": "all", "opens_at": "2026-05-02T10:00", "closes_at": "2026-05-02T10:00"}, "must close after it opens"),
    ({"mode": "all", "opens_at": "morgen"}, "Not a valid datetime"),
    ({"mode": "all", "reveal": "after_close"}, "Set a closing time"),
    ({"mode": "all", "reveal": "never"}, "Not a valid choice"),
]


def test_bad_quiz_input_is_400_with_the_reason_and_stores_nothing(app, teacher_client, seed):
    english(teacher_client)
    for data, message in BAD_INPUT:  # one app for all cases keeps this fast
        response = teacher_client.post(f"/teacher/quizzes/new?article={seed['article']}", data={**SETTINGS, **data})
        assert response.status_code == 400, data
        assert message in response.get_data(as_text=True), data
    assert count(app, Quiz, owner_id=teacher_client.teacher_id) == 0


def test_times_are_entered_in_swiss_time_and_stored_in_utc(app, teacher_client, seed):
    quiz_id = new_quiz(teacher_client, seed["article"], mode="all", max_attempts="2", reveal="after_close",
                       opens_at="2026-01-10T08:00", closes_at="2026-07-10T10:30", shuffle_questions="y",
                       public="y")
    quiz = quiz_row(app, quiz_id)
    assert quiz.opens_at == datetime(2026, 1, 10, 7, 0)  # CET = UTC+1
    assert quiz.closes_at == datetime(2026, 7, 10, 8, 30)  # CEST = UTC+2
    assert (quiz.max_attempts, quiz.reveal, quiz.shuffle_questions, quiz.shuffle_options, quiz.public) == \
        (2, "after_close", True, False, True)
    form = teacher_client.get(f"/teacher/quizzes/{quiz_id}/edit").get_data(as_text=True)
    assert 'value="2026-01-10T08:00"' in form and 'value="2026-07-10T10:30"' in form


def test_editing_settings(app, teacher_client, seed):
    quiz_id = new_quiz(teacher_client, seed["article"], mode="all", max_attempts="3")
    response = teacher_client.post(f"/teacher/quizzes/{quiz_id}/edit", data={
        "title": "Neu", "description": "Lies genau.", "reveal": "after_submit", "max_attempts": ""})
    assert response.status_code == 302
    quiz = quiz_row(app, quiz_id)
    assert (quiz.title, quiz.description, quiz.max_attempts) == ("Neu", "Lies genau.", None)
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/edit", data={"title": ""}).status_code == 400


def test_changing_the_questions_keeps_the_order_of_those_that_stay(app, teacher_client, seed):
    ids = [qid for qid, _ in seed["questions"]]
    quiz_id = new_quiz(teacher_client, seed["article"], mode="pick", questions=ids[:3])
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/questions/{ids[2]}/move",
                               data={"direction": "up"}).status_code == 302
    assert quiz_row(app, quiz_id).item_ids == [ids[0], ids[2], ids[1]]
    response = teacher_client.post(f"/teacher/quizzes/{quiz_id}/questions",
                                   data={"mode": "pick", "questions": [ids[1], ids[2], ids[4]]})
    assert response.status_code == 302
    assert quiz_row(app, quiz_id).item_ids == [ids[2], ids[1], ids[4]]
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/questions", data={"mode": "pick"}).status_code == 400


def test_moving_questions(app, teacher_client, seed):
    ids = [qid for qid, _ in seed["questions"]][:3]
    quiz_id = new_quiz(teacher_client, seed["article"], mode="pick", questions=ids)
    move = f"/teacher/quizzes/{quiz_id}/questions/{{}}/move"
    assert teacher_client.post(move.format(ids[0]), data={"direction": "down"}).status_code == 302
    assert teacher_client.post(move.format(ids[0]), data={"direction": "down"}).status_code == 302
    assert teacher_client.post(move.format(ids[0]), data={"direction": "down"}).status_code == 302  # at the end
    assert quiz_row(app, quiz_id).item_ids == [ids[1], ids[2], ids[0]]
    assert teacher_client.post(move.format(ids[0]), data={"direction": "sideways"}).status_code == 400
    outside = seed["questions"][4][0]
    assert teacher_client.post(move.format(outside), data={"direction": "up"}).status_code == 404


# ---------------------------------------------------------------- publishing, sharing, assigning

def test_publishing_opens_the_share_link_and_unpublishing_closes_it(app, teacher_client, seed):
    quiz_id = new_quiz(teacher_client, seed["article"], mode="all")
    code = quiz_row(app, quiz_id).code
    page = teacher_client.get(f"/teacher/quizzes/{quiz_id}").get_data(as_text=True)
    assert f"http://localhost/quiz/{code}" in page and f'id="quiz-code">{code}<' in page
    anonymous = app.test_client()
    assert anonymous.get(f"/quiz/{code}").status_code == 404
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/publish").status_code == 302
    assert anonymous.get(f"/quiz/{code}").status_code == 200
    assert anonymous.get(f"/quiz/{code.lower()}").status_code == 200
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/unpublish").status_code == 302
    assert anonymous.get(f"/quiz/{code}").status_code == 404


def test_a_teacher_opening_the_students_view_gets_the_worksheet_not_a_form_that_bounces(app, teacher_client, seed):
    quiz_id = new_quiz(teacher_client, seed["article"], mode="all")
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/publish").status_code == 302
    code = quiz_row(app, quiz_id).code
    response = teacher_client.get(f"/quiz/{code}")
    page, html = visible(response), response.get_data(as_text=True)
    assert "Du bist als Lehrperson angemeldet: So sehen deine Lernenden diese Seite." in page
    assert 'name="display_name"' not in html and "Quiz starten" not in page.text
    assert f'href="/quiz/{code}/print"' in html and f'href="/teacher/quizzes/{quiz_id}">Zurück zum Quiz<' in html
    shared = visible(teacher_client.get(f"/quiz/{seed['code']}"))
    assert "Du bist als Lehrperson angemeldet" in shared
    assert "Zurück zum Quiz" not in shared.text and "Deiner Klasse beitreten" not in shared.text


def test_the_start_page_promises_a_teacher_only_where_one_will_see_the_results(app, teacher_client, seed):
    # A teacher's own quiz: its owner sees every attempt, in a class or not.
    quiz_id = new_quiz(teacher_client, seed["article"], mode="all")
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/publish").status_code == 302
    anonymous = app.test_client()
    own = visible(anonymous.get(f"/quiz/{quiz_row(app, quiz_id).code}"))
    assert "Deine Lehrperson sieht diesen Namen bei deinen Ergebnissen." in own
    assert "Deiner Klasse beitreten" not in own.text
    # A shared quiz: outside a class no teacher sees the attempt, and the page says so.
    shared = visible(anonymous.get(f"/quiz/{seed['code']}"))
    assert "Deine Lehrperson sieht" not in shared.text
    assert ("Dieser Name steht bei deinen Ergebnissen. Eine Lehrperson sieht sie nur, "
            "wenn du zuerst ihrer Klasse beitrittst.") in shared
    assert "Hat dir deine Lehrperson einen Klassencode gegeben? Deiner Klasse beitreten" in shared
    # Signed in: the start page says the same of the student's own attempts.
    assert anonymous.post(f"/quiz/{seed['code']}/start", data={"display_name": "Ohne Klasse"}).status_code == 302
    alone = visible(anonymous.get(f"/quiz/{seed['code']}"))
    assert "Keine Lehrperson sieht deine Ergebnisse: Du bist keiner Klasse beigetreten." in alone
    assert "Deiner Klasse beitreten" in alone.text
    owned = visible(anonymous.get(f"/quiz/{quiz_row(app, quiz_id).code}"))  # its owner sees every attempt
    assert "Die Lehrperson, die dieses Quiz erstellt hat, sieht deine Ergebnisse." in owned
    _, class_code = make_classroom(app, teacher_client.teacher_id)
    in_class = visible(joined_student(app, class_code, "Mia").get(f"/quiz/{seed['code']}"))
    assert "Du löst dieses Quiz als Mia. Deine Lehrperson sieht deine Ergebnisse." in in_class
    assert "Deiner Klasse beitreten" not in in_class.text


def test_a_quiz_of_drafts_only_cannot_be_published(app, teacher_client, seed):
    draft = seed["questions"][0][0]
    with app.app_context():
        db.session.get(Question, draft).status = "draft"
        db.session.commit()
    english(teacher_client)
    quiz_id = new_quiz(teacher_client, seed["article"], mode="pick", questions=[draft])
    response = teacher_client.post(f"/teacher/quizzes/{quiz_id}/publish")
    assert response.status_code == 400
    assert "at least one published question" in response.get_data(as_text=True)
    assert not quiz_row(app, quiz_id).published


def test_public_quiz_is_listed_on_the_start_page(app, teacher_client, seed):
    quiz_id = new_quiz(teacher_client, seed["article"], mode="all", public="y", title="Für alle")
    teacher_client.post(f"/teacher/quizzes/{quiz_id}/publish")
    assert "Für alle" in app.test_client().get("/").get_data(as_text=True)


def test_assigned_quiz_appears_for_the_class_only(app, teacher_client, seed, make_teacher):
    quiz_id = new_quiz(teacher_client, seed["article"], mode="all", title="Nur für die 3b")
    teacher_client.post(f"/teacher/quizzes/{quiz_id}/publish")
    classroom_id, code = make_classroom(app, teacher_client.teacher_id, "3b")
    other_class_id, other_code = make_classroom(app, teacher_client.teacher_id, "4a")
    colleague = client_for_teacher(app, make_teacher)
    foreign_id, _ = make_classroom(app, colleague.teacher_id, "5c")
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/classes",
                               data={"classrooms": [foreign_id]}).status_code == 400  # not one of mine
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/classes",
                               data={"classrooms": [classroom_id]}).status_code == 302
    assert "Nur für die 3b" in joined_student(app, code, "Mia").get("/").get_data(as_text=True)
    assert "Nur für die 3b" not in joined_student(app, other_code, "Noah").get("/").get_data(as_text=True)
    assert "Nur für die 3b" not in app.test_client().get("/").get_data(as_text=True)
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/classes", data={}).status_code == 302
    assert count(app, QuizClassroom) == 0


def test_assigning_the_seed_quiz_leaves_colleagues_assignments_alone(app, teacher_client, seed, make_teacher):
    colleague = client_for_teacher(app, make_teacher)
    mine, _ = make_classroom(app, teacher_client.teacher_id, "3b")
    theirs, _ = make_classroom(app, colleague.teacher_id, "5c")
    assert colleague.post(f"/teacher/quizzes/{seed['quiz']}/classes", data={"classrooms": [theirs]}).status_code == 302
    assert teacher_client.post(f"/teacher/quizzes/{seed['quiz']}/classes", data={"classrooms": [mine]}).status_code == 302
    assert teacher_client.post(f"/teacher/quizzes/{seed['quiz']}/classes", data={}).status_code == 302
    assert count(app, QuizClassroom, classroom_id=theirs) == 1 and count(app, QuizClassroom) == 1


# ---------------------------------------------------------------- the seed, colleagues, copying, deleting

def test_seed_quiz_is_readable_but_not_changeable(app, teacher_client, seed):
    quiz_id = seed["quiz"]
    page = teacher_client.get(f"/teacher/quizzes/{quiz_id}")
    assert page.status_code == 200
    assert f"/teacher/quizzes/{quiz_id}/edit" not in page.get_data(as_text=True)
    for url in ("edit", "questions", "delete"):
        assert teacher_client.get(f"/teacher/quizzes/{quiz_id}/{url}").status_code == 403
    for url in ("edit", "questions", "publish", "unpublish", "delete", f"questions/{seed['questions'][0][0]}/move"):
        assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/{url}",
                                   data={"title": "Mine!", "mode": "all", "confirm": "y", "direction": "down",
                                         "reveal": "after_submit"}).status_code == 403
    seed_quiz = quiz_row(app, quiz_id)
    assert seed_quiz.published and seed_quiz.title != "Mine!" and seed_quiz.owner_id is None


def test_copying_the_seed_quiz_makes_an_own_unpublished_quiz(app, teacher_client, seed):
    response = teacher_client.post(f"/teacher/quizzes/{seed['quiz']}/copy")
    assert response.status_code == 302
    copy_id = int(response.headers["Location"].split("/")[-1])
    original, copy = quiz_row(app, seed["quiz"]), quiz_row(app, copy_id)
    assert copy.owner_id == teacher_client.teacher_id and not copy.published and not copy.public
    assert copy.item_ids == original.item_ids and copy.code != original.code
    assert copy.article_id == original.article_id
    assert teacher_client.post(f"/teacher/quizzes/{copy_id}/edit", data={**SETTINGS, "title": "Meins"}) \
        .status_code == 302


def test_colleagues_quizzes_are_404_everywhere(app, teacher_client, seed, make_teacher):
    quiz_id = new_quiz(teacher_client, seed["article"], mode="all", title="Privat")
    other = client_for_teacher(app, make_teacher)
    for url in ("", "/edit", "/questions", "/delete"):
        assert other.get(f"/teacher/quizzes/{quiz_id}{url}").status_code == 404, url
    for url in ("/edit", "/questions", "/publish", "/unpublish", "/classes", "/copy", "/delete",
                f"/questions/{seed['questions'][0][0]}/move"):
        assert other.post(f"/teacher/quizzes/{quiz_id}{url}", data={"confirm": "y", "direction": "down"}) \
            .status_code == 404, url
    assert count(app, Quiz) == 2
    assert "Privat" not in other.get("/teacher/quizzes").get_data(as_text=True)


def test_deleting_a_quiz_needs_confirmation_and_warns_about_attempts(app, teacher_client, seed):
    quiz_id = new_quiz(teacher_client, seed["article"], mode="all")
    teacher_client.post(f"/teacher/quizzes/{quiz_id}/publish")
    classroom_id, code = make_classroom(app, teacher_client.teacher_id)
    mia = joined_student(app, code, "Mia")
    submit_for(app, mia.student_id, quiz_row(app, quiz_id).code)
    english(teacher_client)
    assert "Its 1 attempts" in teacher_client.get(f"/teacher/quizzes/{quiz_id}/delete").get_data(as_text=True)
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/delete").status_code == 400
    assert count(app, Quiz, id=quiz_id) == 1
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/delete", data={"confirm": "y"}).status_code == 302
    assert count(app, Quiz, id=quiz_id) == 0 and count(app, Attempt) == 0


# ---------------------------------------------------------------- dashboard

def test_dashboard_counts_attempts_per_quiz_in_a_fixed_number_of_queries(app, teacher_client, seed, count_queries):
    classroom_id, code = make_classroom(app, teacher_client.teacher_id)
    mia = joined_student(app, code, "Mia")
    first = new_quiz(teacher_client, seed["article"], mode="all", title="Erstes")
    teacher_client.post(f"/teacher/quizzes/{first}/publish")
    submit_for(app, mia.student_id, quiz_row(app, first).code, times=2)
    with count_queries() as one_quiz:
        page = teacher_client.get("/teacher/").get_data(as_text=True)
    assert re.search(rf'<tr data-quiz="{first}">.*?<td class="num attempts">(?:<a [^>]*>)?2(?:</a>)?</td>', page, re.S)
    for title in ("Zweites", "Drittes", "Viertes"):
        new_quiz(teacher_client, seed["article"], mode="all", title=title)
    with count_queries() as four_quizzes:
        page = teacher_client.get("/teacher/").get_data(as_text=True)
    assert "Viertes" in page and f'data-classroom="{classroom_id}"' in page
    assert len(four_quizzes) == len(one_quiz)


def test_dashboard_shows_the_shared_quiz_with_only_own_classes_attempts(app, teacher_client, seed, make_attempt):
    make_attempt(seed["code"], {})  # an anonymous taker elsewhere
    page = teacher_client.get("/teacher/").get_data(as_text=True)
    assert re.search(rf'<tr data-quiz="{seed["quiz"]}">.*?<td class="num attempts">0</td>', page, re.S)
