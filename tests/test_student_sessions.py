"""Student sessions end on the server at sign-out: the student's sign-in key is replaced, so a
copied session or remember-me cookie, or one on another device, signs nobody in afterwards."""
from quizapp.extensions import db
from quizapp.models import Student

from .teacher_helpers import join, joined_student, make_classroom
from .test_teacher_sessions import _cookies, _replay


def _signed_in(client) -> bool:
    """The history page answers a signed-in student; anyone else is sent to the home page."""
    response = client.get("/me/attempts")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def test_a_copied_student_cookie_is_useless_after_sign_out(app, mini_quiz, student):
    attempt_id = student.start(mini_quiz, "Lea")
    saved = _cookies(student.client)
    assert set(saved) == {"session", "remember_token"}
    for copy in (saved, {"remember_token": saved["remember_token"]}):
        assert _signed_in(_replay(app, copy))  # the copies work while she is signed in
    assert student.client.post("/auth/logout").status_code == 302
    for copy in (saved, {"remember_token": saved["remember_token"]}):
        replayed = _replay(app, copy)
        assert not _signed_in(replayed)
        assert replayed.get(f"/attempts/{attempt_id}").status_code == 404


def test_signing_out_ends_every_device_and_the_pin_brings_the_student_back(app, make_teacher):
    _, code = make_classroom(app, make_teacher())
    school = joined_student(app, code, "Mia", pin="4711")
    home = app.test_client()
    assert join(home, code, "Mia", pin="4711").status_code == 302
    assert _signed_in(school) and _signed_in(home)
    assert school.post("/auth/logout").status_code == 302
    assert not _signed_in(school) and not _signed_in(home)
    assert join(home, code, "Mia", pin="4711").status_code == 302  # a new sign-in, with the new key
    assert _signed_in(home)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Student)) == 1


def test_a_cookie_from_before_sign_in_keys_works_until_the_student_signs_out(app, mini_quiz, student):
    student.start(mini_quiz, "Lea")
    with app.app_context():
        lea = db.session.execute(db.select(Student)).scalar_one()
        lea.sign_in_key = None  # as every student had before keys existed
        db.session.commit()
        legacy_identity = f"s:{lea.id}"
    old_browser = app.test_client()
    with old_browser.session_transaction() as session:
        session["_user_id"], session["_fresh"] = legacy_identity, True
    assert _signed_in(old_browser)
    assert not _signed_in(student.client)  # a cookie naming a key the student no longer has
    assert old_browser.post("/auth/logout").status_code == 302
    with app.app_context():
        assert db.session.execute(db.select(Student.sign_in_key)).scalar_one()
    replayed = app.test_client()
    with replayed.session_transaction() as session:
        session["_user_id"], session["_fresh"] = legacy_identity, True
    assert not _signed_in(replayed)


def test_a_device_signed_out_elsewhere_is_told_why_and_loses_no_stored_answers(app, mini_quiz, student):
    """The student signs out on one device while the quiz is open on another: that device's
    pages, draft saves and submit say they are not signed in any more and how to come back,
    and nothing stored changes."""
    from quizapp.models import Attempt
    from .helpers.visible import visible
    attempt_id = student.start(mini_quiz, "Lea")
    assert student.client.post(f"/attempts/{attempt_id}/draft", data={"q1": "7"}).status_code == 302
    other_device = _replay(app, _cookies(student.client))
    assert student.client.post("/auth/logout").status_code == 302

    page = other_device.get(f"/attempts/{attempt_id}")
    assert page.status_code == 404
    text = visible(page)
    assert "Du bist auf diesem Gerät nicht angemeldet. Wenn dieser Versuch deiner ist, tritt deiner Klasse wieder " \
           "bei" in text
    assert "Deiner Klasse beitreten" in text.text and "Nicht angemeldet" in text.text and "Fehler" not in text.text

    saved = other_device.post(f"/attempts/{attempt_id}/draft", data={"q1": "8"},
                              headers={"Accept": "application/json"})
    assert saved.status_code == 404 and saved.is_json
    assert saved.get_json()["message"].startswith("Nicht gespeichert: Du bist auf diesem Gerät nicht mehr angemeldet.")
    assert saved.get_json()["join_url"] == f"/join?next=/attempts/{attempt_id}"
    assert saved.get_json()["join_label"] == "Deiner Klasse beitreten (öffnet einen neuen Tab)"

    submitted = other_device.post(f"/attempts/{attempt_id}", data={"q1": "8"})
    assert submitted.status_code == 404
    assert "darum wurden diese Antworten nicht gespeichert. Tritt deiner Klasse wieder bei" in visible(submitted)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.submitted_at is None and attempt.draft is not None and "8" not in str(attempt.draft)

    history = other_device.get("/me/attempts", follow_redirects=True)
    assert "Auf diesem Gerät ist niemand angemeldet." in visible(history)


def test_a_replaced_pin_signs_the_student_out_a_first_or_removed_pin_does_not(app, teacher_client):
    from .helpers.visible import visible
    classroom_id, code = make_classroom(app, teacher_client.teacher_id)
    mia = joined_student(app, code, "Mia")  # no PIN yet
    url = f"/teacher/classes/{classroom_id}/students/{mia.student_id}"
    first = teacher_client.post(url, data={"pin": "2468"}, follow_redirects=True)
    assert "Die PIN für Mia ist festgelegt." in visible(first)
    assert _signed_in(mia)  # a first PIN gives a way back; it takes nothing away
    replaced = teacher_client.post(url, data={"pin": "1357"}, follow_redirects=True)
    assert "Die PIN für Mia ist ersetzt, und Mia ist auf allen Geräten abgemeldet." in visible(replaced)
    assert not _signed_in(mia)
    assert join(mia, code, "Mia", pin="2468").status_code == 400
    assert join(mia, code, "Mia", pin="1357").status_code == 302 and _signed_in(mia)
    assert teacher_client.post(f"{url}/pin/clear").status_code == 302
    assert _signed_in(mia)  # without a PIN the name could not be taken again: she stays signed in


def test_the_not_signed_in_page_leads_back_to_the_attempt_after_joining_again(app, make_teacher, mini_quiz):
    import re
    from html import unescape
    from .helpers.visible import visible
    _, code = make_classroom(app, make_teacher())
    school = joined_student(app, code, "Mia", pin="4711")
    started = school.post(f"/quiz/{mini_quiz}/start")
    attempt_url = started.headers["Location"]
    with app.app_context():
        from quizapp.models import Question
        question_id = db.session.execute(db.select(Question.id).filter_by(key="anzahl-bruecken")).scalar_one()
    assert school.post(f"{attempt_url}/draft", data={f"q{question_id}": "4321"}).status_code == 302
    home = _replay(app, _cookies(school))
    assert school.post("/auth/logout").status_code == 302

    page = home.get(attempt_url)
    assert page.status_code == 404
    (join_link,) = [unescape(href) for href in re.findall(r'href="([^"]*/join[^"]*)"', page.get_data(as_text=True))]
    assert join_link == f"/join?next={attempt_url}"
    back = home.post(join_link, data={"code": code, "display_name": "Mia", "pin": "4711"})
    assert back.status_code == 302 and back.headers["Location"] == attempt_url
    again = home.get(attempt_url)
    assert again.status_code == 200 and 'value="4321"' in again.get_data(as_text=True)
    assert "Willkommen zurück, Mia!" in visible(again)
    # Only a path of this site is followed.
    elsewhere = app.test_client()
    outside = elsewhere.post("/join?next=https://evil.example/", data={"code": code, "display_name": "Mia",
                                                                      "pin": "4711"})
    assert outside.status_code == 302 and outside.headers["Location"] == "/"


def test_the_teacher_sign_in_page_says_a_student_here_will_be_signed_out(app, mini_quiz, student):
    from .helpers.visible import visible
    student.start(mini_quiz, "Lea")
    page = visible(student.client.get("/auth/login"))
    assert "Auf diesem Gerät ist Lea als Schülerin oder Schüler angemeldet. Meldest du dich als Lehrperson an, " \
           "wird Lea hier abgemeldet." in page
    assert "als Schülerin oder Schüler angemeldet" not in visible(app.test_client().get("/auth/login"))


def test_the_sign_out_page_names_the_quizzes_that_would_stop_saving(app, mini_quiz, student, make_teacher):
    from .helpers.visible import visible
    from .test_student_flow import perfect_answers
    attempt_id = student.start(mini_quiz, "Lea")
    page = visible(student.client.get("/auth/logout"))
    assert "Du hast dieses Quiz noch nicht abgegeben." in page
    assert "Gib zuerst ab: Ohne PIN kannst du nicht zu einem nicht abgegebenen Quiz zurückkehren." in page
    assert "Mini-Quiz" in page and not page.leaked_markup()
    assert f'href="/attempts/{attempt_id}"' in student.client.get("/auth/logout").get_data(as_text=True)
    english = visible(student.client.get("/auth/logout?lang=en"))
    assert "You have not submitted this quiz yet." in english
    assert student.submit(attempt_id, perfect_answers(app)).status_code == 302
    assert "noch nicht abgegeben" not in visible(student.client.get("/auth/logout?lang=de"))

    # With a PIN the student can come back to it: the page says so.
    _, code = make_classroom(app, make_teacher())
    mia = joined_student(app, code, "Mia", pin="4711")
    assert mia.post(f"/quiz/{mini_quiz}/start", data={}).status_code == 302
    page = visible(mia.get("/auth/logout"))
    assert "Gib zuerst ab, oder melde dich später wieder an, um dort weiterzumachen, wo du aufgehört hast." in page
