"""The site header: each student sees their own name and a way to sign out whose token works; before
signing out, a student learns whether they can come back to their results."""
import re

from quizapp.extensions import db
from quizapp.models import Student

from .helpers.visible import visible

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def start(app, name: str):
    client = app.test_client()
    token = TOKEN.search(client.get("/quiz/MINI01").get_data(as_text=True)).group(1)
    started = client.post("/quiz/MINI01/start", data={"display_name": name, "csrf_token": token})
    assert started.status_code == 302, started.get_data(as_text=True)[-1500:]
    return client, started.headers["Location"]


def test_each_student_sees_their_own_name_and_a_working_sign_out(csrf_app):
    mia, mia_attempt = start(csrf_app, "Mia-Lou")
    noah, noah_attempt = start(csrf_app, "Noah")
    mia_page = mia.get(mia_attempt).get_data(as_text=True)
    noah_page = noah.get(noah_attempt).get_data(as_text=True)
    assert '<li class="who">Mia-Lou</li>' in mia_page and "Noah" not in mia_page
    assert '<li class="who">Noah</li>' in noah_page and "Mia" not in noah_page
    assert '<a href="/auth/logout">Abmelden</a>' in mia_page  # a page first, which says what signing out means
    mia_token = TOKEN.search(mia.get("/auth/logout").get_data(as_text=True)).group(1)
    noah_token = TOKEN.search(noah.get("/auth/logout").get_data(as_text=True)).group(1)
    assert mia_token != noah_token
    assert "Mia-Lou" in mia.get("/").get_data(as_text=True)  # asking signed nothing out
    assert mia.post("/auth/logout", data={"csrf_token": noah_token}).status_code == 400  # not her session's
    assert mia.post("/auth/logout", data={"csrf_token": mia_token}).status_code == 302
    assert "Mia" not in mia.get("/").get_data(as_text=True)  # signed out: the anonymous header


def test_the_token_stays_valid_across_pages_and_the_language_switch(csrf_app):
    client, attempt_url = start(csrf_app, "Lea")
    first = TOKEN.search(client.get(attempt_url).get_data(as_text=True)).group(1)  # the quiz form's
    english = client.get(attempt_url + "?lang=en").get_data(as_text=True)
    assert "Sign out" in english and "My results" in english
    # Each page signs the session's token anew (its timestamp may differ); both are accepted.
    saved = client.post(attempt_url + "/draft", data={"csrf_token": first})
    assert saved.status_code == 302 and saved.headers["Location"].endswith(attempt_url)
    assert client.post("/auth/logout", data={"csrf_token": TOKEN.search(english).group(1)}).status_code == 302


def test_a_name_with_markup_characters_is_escaped(csrf_app):
    client, attempt_url = start(csrf_app, "Tom")
    with csrf_app.app_context():  # names from forms cannot hold these; older data or imports might
        db.session.execute(db.update(Student).values(display_name="Tom <&> Jerry"))
        db.session.commit()
    assert '<li class="who">Tom &lt;&amp;&gt; Jerry</li>' in client.get(attempt_url).get_data(as_text=True)


def test_before_signing_out_a_student_learns_whether_they_can_come_back(csrf_app, make_teacher):
    from .teacher_helpers import join, make_classroom
    alone, _ = start(csrf_app, "Lea")
    page = visible(alone.get("/auth/logout"))
    assert "Du bist keiner Klasse beigetreten und hast darum keine PIN: Nach dem Abmelden kannst du deine " \
           "Ergebnisse nicht mehr öffnen." in page
    assert "Deiner Klasse beitreten" in page.text and "Angemeldet bleiben" in page.text
    assert "Damit meldest du dich auf allen deinen Geräten ab, nicht nur auf diesem." in page
    _, code = make_classroom(csrf_app, make_teacher())
    for name, pin, expected in (
            ("Ben", None, "Du hast keine PIN: Nach dem Abmelden kannst du deine Ergebnisse erst wieder öffnen, "
                          "wenn deine Lehrperson dir eine PIN gibt. Deine Lehrperson sieht deine Ergebnisse weiterhin."),
            ("Cleo", "4711", f"Um als Cleo zurückzukommen, tritt deiner Klasse 3b wieder bei: mit dem Code {code}, "
                             "deinem Namen und deiner PIN.")):
        client = csrf_app.test_client()
        token = TOKEN.search(client.get("/join").get_data(as_text=True)).group(1)
        data = {"code": code, "display_name": name, "csrf_token": token, **({"pin": pin} if pin else {})}
        assert client.post("/join", data=data).status_code == 302
        page = visible(client.get("/auth/logout"))
        assert expected in page, page.text
        assert "Deiner Klasse beitreten" not in page.text
