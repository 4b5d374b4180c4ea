"""Classes: create, rename, new code, delete with confirmation, roster with attempts, PINs, removal."""
import re

import pytest

from quizapp.services.codes import ALPHABET
from quizapp.extensions import db
from quizapp.models import Attempt, Classroom, Quiz, QuizClassroom, Student

from .teacher_helpers import client_for_teacher, count, join, joined_student, make_classroom, submit_for


def english(client):
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def classroom(app, teacher_client):
    classroom_id, code = make_classroom(app, teacher_client.teacher_id)
    return {"id": classroom_id, "code": code}


def test_creating_a_class_gives_it_a_join_code(app, teacher_client):
    response = teacher_client.post("/teacher/classes", data={"name": "  3b   2025/26 "})
    assert response.status_code == 302
    with app.app_context():
        classroom = db.session.execute(db.select(Classroom)).scalar_one()
        assert classroom.name == "3b 2025/26" and classroom.teacher_id == teacher_client.teacher_id
        assert re.fullmatch(f"[{ALPHABET}]{{6}}", classroom.join_code)
    assert response.headers["Location"] == f"/teacher/classes/{classroom.id}"
    page = teacher_client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'id="join-code">{classroom.join_code}<' in page
    assert f"/join?code={classroom.join_code}" in page


@pytest.mark.parametrize("name, message", [("", "Please name the class."), ("x" * 121, "At most 120"),
                                           ("3B", "You already have a class called 3B.")])
def test_bad_class_names_are_400_with_the_reason(app, teacher_client, classroom, name, message):
    english(teacher_client)
    response = teacher_client.post("/teacher/classes", data={"name": name})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(app, Classroom) == 1


def test_two_teachers_may_use_the_same_class_name(app, teacher_client, classroom, make_teacher):
    other = client_for_teacher(app, make_teacher)
    assert other.post("/teacher/classes", data={"name": "3b"}).status_code == 302
    assert count(app, Classroom) == 2


def test_rename(app, teacher_client, classroom):
    response = teacher_client.post(f"/teacher/classes/{classroom['id']}/rename", data={"name": "4b"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Classroom, classroom["id"]).name == "4b"
    assert teacher_client.post(f"/teacher/classes/{classroom['id']}/rename", data={"name": ""}).status_code == 400


def test_new_code_replaces_the_old_one(app, teacher_client, classroom):
    joined_student(app, classroom["code"], "Mia")
    assert teacher_client.post(f"/teacher/classes/{classroom['id']}/code").status_code == 302
    with app.app_context():
        new_code = db.session.get(Classroom, classroom["id"]).join_code
    assert new_code != classroom["code"]
    assert join(app.test_client(), classroom["code"], "Noah").status_code == 400
    assert join(app.test_client(), new_code, "Noah").status_code == 302
    assert count(app, Student, classroom_id=classroom["id"]) == 2  # Mia stayed in


def test_roster_lists_students_with_their_submitted_attempts(app, teacher_client, classroom, mini_quiz):
    mia = joined_student(app, classroom["code"], "Mia")
    joined_student(app, classroom["code"], "Noah")
    submit_for(app, mia.student_id, mini_quiz, times=2)
    page = teacher_client.get(f"/teacher/classes/{classroom['id']}").get_data(as_text=True)
    rows = dict(re.findall(r'<tr data-student="\d+">\s*<td><a [^>]*>([^<]+)</a></td>.*?'
                           r'<td class="num attempts">(\d+)</td>', page, re.S))
    assert rows == {"Mia": "2", "Noah": "0"}


def test_roster_query_count_does_not_grow_with_students(app, teacher_client, classroom, count_queries):
    url = f"/teacher/classes/{classroom['id']}"
    joined_student(app, classroom["code"], "Mia")
    with count_queries() as few:
        teacher_client.get(url)
    for name in ("Noah", "Lea", "Ben"):
        joined_student(app, classroom["code"], name)
    with count_queries() as many:
        teacher_client.get(url)
    assert len(many) == len(few)


def test_teacher_sets_and_clears_a_students_pin(app, teacher_client, classroom):
    mia = joined_student(app, classroom["code"], "Mia")
    url = f"/teacher/classes/{classroom['id']}/students/{mia.student_id}"
    assert teacher_client.post(url, data={"pin": "12"}).status_code == 400
    assert teacher_client.post(url, data={"pin": "2468"}).status_code == 302
    assert join(app.test_client(), classroom["code"], "Mia", pin="2468").status_code == 302
    assert teacher_client.post(f"{url}/pin/clear").status_code == 302
    with app.app_context():
        assert db.session.get(Student, mia.student_id).pin_hash is None
    assert join(app.test_client(), classroom["code"], "Mia", pin="2468").status_code == 400


def test_removing_a_student_needs_the_confirmation_and_keeps_their_attempts(app, teacher_client, classroom,
                                                                             mini_quiz):
    mia = joined_student(app, classroom["code"], "Mia")
    submit_for(app, mia.student_id, mini_quiz)
    url = f"/teacher/classes/{classroom['id']}/students/{mia.student_id}/remove"
    assert teacher_client.get(url).status_code == 200
    assert teacher_client.post(url).status_code == 400  # no tick, nothing happens
    assert count(app, Student, classroom_id=classroom["id"]) == 1
    assert teacher_client.post(url, data={"confirm": "y"}).status_code == 302
    assert count(app, Student, classroom_id=classroom["id"]) == 0
    assert count(app, Attempt, student_id=mia.student_id, classroom_id=classroom["id"]) == 1
    # Back as an anonymous taker, the same device can join again and keeps everything.
    assert join(mia, classroom["code"], "Mia").status_code == 302
    assert count(app, Student) == 1


def test_deleting_a_class_needs_the_confirmation_and_keeps_students(app, teacher_client, classroom, mini_quiz):
    joined_student(app, classroom["code"], "Mia")
    with app.app_context():
        quiz_id = db.session.execute(db.select(Quiz.id)).scalar_one()
        db.session.add(QuizClassroom(quiz_id=quiz_id, classroom_id=classroom["id"]))
        db.session.commit()
    url = f"/teacher/classes/{classroom['id']}/delete"
    english(teacher_client)
    confirm_page = teacher_client.get(url).get_data(as_text=True)
    assert "Its 1 students leave the class" in confirm_page
    assert teacher_client.post(url).status_code == 400
    assert count(app, Classroom) == 1
    assert teacher_client.post(url, data={"confirm": "y"}).status_code == 302
    assert count(app, Classroom) == 0
    assert count(app, QuizClassroom) == 0
    assert count(app, Student, display_name="Mia") == 1


def test_other_teachers_classes_and_students_are_404(app, teacher_client, classroom, make_teacher):
    mia = joined_student(app, classroom["code"], "Mia")
    other = client_for_teacher(app, make_teacher)
    base = f"/teacher/classes/{classroom['id']}"
    for url in (base, f"{base}/delete", f"{base}/students/{mia.student_id}", f"{base}/students/{mia.student_id}/remove"):
        assert other.get(url).status_code == 404, url
    for url in (f"{base}/rename", f"{base}/code", f"{base}/delete", f"{base}/students/{mia.student_id}",
                f"{base}/students/{mia.student_id}/pin/clear", f"{base}/students/{mia.student_id}/remove"):
        assert other.post(url, data={"name": "x", "confirm": "y", "pin": "1234"}).status_code == 404, url
    assert count(app, Classroom, name="3b") == 1
    assert count(app, Student, classroom_id=classroom["id"]) == 1
    assert f'data-classroom="{classroom["id"]}"' not in other.get("/teacher/classes").get_data(as_text=True)


def test_a_student_of_another_class_is_404_under_this_class(app, teacher_client, classroom):
    other_id, other_code = make_classroom(app, teacher_client.teacher_id, "4a")
    noah = joined_student(app, other_code, "Noah")
    assert teacher_client.get(f"/teacher/classes/{classroom['id']}/students/{noah.student_id}").status_code == 404


def test_the_class_page_lists_its_quizzes_with_the_class_results(app, teacher_client, classroom, mini_quiz):
    from .helpers.visible import visible
    page = visible(teacher_client.get(f"/teacher/classes/{classroom['id']}"))
    assert "Quizze (0)" in page and "Dieser Klasse ist noch kein Quiz zugewiesen" in page
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz)).scalar_one()
        quiz_id, title = quiz.id, quiz.title
        quiz.published = False
        db.session.add(QuizClassroom(quiz_id=quiz_id, classroom_id=classroom["id"]))
        db.session.commit()
    response = teacher_client.get(f"/teacher/classes/{classroom['id']}")
    page = visible(response)
    assert "Quizze (1)" in page and f"{title} (nicht veröffentlicht) · Ergebnisse dieser Klasse" in page
    html = response.get_data(as_text=True)
    assert f'href="/teacher/quizzes/{quiz_id}"' in html
    results = f"/teacher/results/{quiz_id}?classroom={classroom['id']}"
    assert f'href="{results}"' in html
    assert teacher_client.get(results).status_code == 200


def test_attempts_made_outside_the_class_stay_hidden_from_its_teacher(app, teacher_client, classroom, mini_quiz,
                                                                      student, make_teacher):
    """The shipped quiz taken before joining reaches no teacher (as the start page told the
    student); the roster, the student page and the drill-down follow the results' rule."""
    from .helpers.visible import visible
    before = student.start(mini_quiz, "Mia")
    assert student.submit(before, {}).status_code == 302
    assert join(student.client, classroom["code"], "Mia").status_code == 302  # "your earlier results are kept"
    with app.app_context():
        mia_id = db.session.execute(db.select(Student.id)).scalar_one()
    roster = teacher_client.get(f"/teacher/classes/{classroom['id']}").get_data(as_text=True)
    assert re.search(rf'data-student="{mia_id}">.*?<td class="num attempts">0</td>', roster, re.S)
    page = f"/teacher/classes/{classroom['id']}/students/{mia_id}"
    assert "Noch keine Versuche." in visible(teacher_client.get(page))
    assert teacher_client.get(f"/teacher/results/attempts/{before}").status_code == 404

    (in_class,) = submit_for(app, mia_id, mini_quiz)
    start_page = visible(student.client.get(f"/quiz/{mini_quiz}"))
    assert "Deine Lehrperson sieht deine Ergebnisse." in start_page
    assert start_page.text.count("nur du siehst diesen Versuch (ohne Klasse gelöst)") == 1
    assert "Versuch 1:\n0 / 6 (0 %) · nur du siehst diesen Versuch (ohne Klasse gelöst)\nVersuch 2:\n0 / 6 (0 %)\n" \
        in start_page.text
    roster = teacher_client.get(f"/teacher/classes/{classroom['id']}").get_data(as_text=True)
    assert re.search(rf'data-student="{mia_id}">.*?<td class="num attempts">1</td>', roster, re.S)
    listed = teacher_client.get(page).get_data(as_text=True)
    assert f'href="/teacher/results/attempts/{in_class}"' in listed and f"/attempts/{before}" not in listed
    assert teacher_client.get(f"/teacher/results/attempts/{in_class}").status_code == 200
    # Moved to a colleague's class, Mia's attempts from this class stay with this teacher.
    colleague = client_for_teacher(app, make_teacher)
    other_id, other_code = make_classroom(app, colleague.teacher_id, "4a")
    with app.app_context():
        db.session.get(Student, mia_id).classroom_id = other_id
        db.session.commit()
    other_page = visible(colleague.get(f"/teacher/classes/{other_id}/students/{mia_id}"))
    assert "Noch keine Versuche." in other_page


def test_first_attempt_only_means_the_first_the_teacher_can_see(app, teacher_client, classroom, mini_quiz, student):
    before = student.start(mini_quiz, "Lena")
    assert student.submit(before, {}).status_code == 302  # outside any class: no teacher sees it
    assert join(student.client, classroom["code"], "Lena").status_code == 302
    with app.app_context():
        lena_id = db.session.execute(db.select(Student.id)).scalar_one()
        quiz_id = db.session.execute(db.select(Quiz.id)).scalar_one()
    first, second = submit_for(app, lena_id, mini_quiz, times=2)
    base = f"/teacher/results/{quiz_id}"
    listed = re.findall(r'<tr data-attempt="(\d+)">', teacher_client.get(base).get_data(as_text=True))
    assert sorted(listed) == sorted([str(first), str(second)])  # not the one from before the class
    first_only = teacher_client.get(f"{base}?first_only=y").get_data(as_text=True)
    assert re.findall(r'<tr data-attempt="(\d+)">', first_only) == [str(first)]
