"""Quiz pages (per layout) and result frames (per quiz) are rendered once and filled in per student."""
import re

from flask_wtf.csrf import generate_csrf

from quizapp import holes
from quizapp.extensions import db
from quizapp.models import Attempt, Quiz

from .test_chrome import start
from .test_student_flow import perfect_answers

FORM = re.compile(r'<form method="post" action="(/attempts/\d+)" class="quiz-form">\s*'
                  r'<input type="hidden" name="csrf_token" value="([^"]+)">')


def test_students_with_one_layout_get_their_own_name_attempt_and_token(csrf_app):
    pages = {}
    for name in ("Mia", "Noah"):
        client, attempt_url = start(csrf_app, name)
        pages[name] = (client, attempt_url, client.get(attempt_url).get_data(as_text=True))
    with csrf_app.app_context():
        layouts = [a.layout for a in db.session.execute(db.select(Attempt)).scalars()]
    assert layouts[0] == layouts[1]  # the mini quiz does not shuffle: one shared page
    for name, other in (("Mia", "Noah"), ("Noah", "Mia")):
        client, attempt_url, page = pages[name]
        action, token = FORM.search(page).groups()
        assert action == attempt_url
        assert f'<li class="who">{name}</li>' in page and other not in page
        assert page.count(token) == 2  # the quiz form and the sign-out form
        submitted = client.post(action, data={"csrf_token": token})
        assert submitted.status_code == 302 and submitted.headers["Location"].endswith("/result")


def test_a_flashed_message_shows_once_on_the_quiz_page(csrf_app):
    client, attempt_url = start(csrf_app, "Lea")
    client.get(attempt_url)  # the shared page is cached now
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Nur für Lea")]
    assert "Nur für Lea" in client.get(attempt_url).get_data(as_text=True)
    assert "Nur für Lea" not in client.get(attempt_url).get_data(as_text=True)


def test_a_changed_quiz_title_shows_at_once(csrf_app):
    client, attempt_url = start(csrf_app, "Ben")
    assert "Mini-Quiz" in client.get(attempt_url).get_data(as_text=True)
    with csrf_app.app_context():
        db.session.execute(db.update(Quiz).values(title="Neuer Titel"))
        db.session.commit()
    page = client.get(attempt_url).get_data(as_text=True)
    assert "<h1>Neuer Titel</h1>" in page and "Mini-Quiz" not in page


def test_no_token_of_the_first_visitor_is_kept_in_the_shared_page(csrf_app):
    with csrf_app.test_request_context("/"):
        real = generate_csrf()
        with holes.shared_rendering():
            assert generate_csrf() == holes.TOKEN  # what WTForms' hidden_tag would write
        assert generate_csrf() == real


RETRY = re.compile(r'<form method="post" action="/quiz/MINI01/start" class="inline">\s*'
                   r'<input type="hidden" name="csrf_token" value="([^"]+)">')


def test_result_pages_share_a_frame_but_show_each_students_own_score_and_answers(csrf_app):
    results = {}
    for name, answers in (("Mia", perfect_answers(csrf_app)), ("Noah", {})):
        client, attempt_url = start(csrf_app, name)
        token = FORM.search(client.get(attempt_url).get_data(as_text=True)).group(2)
        client.post(attempt_url, data={**answers, "csrf_token": token})
        results[name] = (client, client.get(attempt_url + "/result").get_data(as_text=True))
    mia_client, mia = results["Mia"]
    noah_client, noah = results["Noah"]
    assert "6 / 6" in mia and "(100&nbsp;%)" in mia and '<li class="who">Mia</li>' in mia and "Noah" not in mia
    assert "0 / 6" in noah and "(0&nbsp;%)" in noah and '<li class="who">Noah</li>' in noah and "Mia" not in noah
    assert mia.count("deine Antwort") > noah.count("deine Antwort")  # Noah left everything blank
    assert mia.count("Versuch 1") == noah.count("Versuch 1") == 1
    retry = noah_client.post("/quiz/MINI01/start", data={"csrf_token": RETRY.search(noah).group(1)})
    assert retry.status_code == 302 and "/attempts/" in retry.headers["Location"]
    assert RETRY.search(mia).group(1) != RETRY.search(noah).group(1)


def _submit(app, name: str, answers: dict) -> str:
    client, attempt_url = start(app, name)
    token = FORM.search(client.get(attempt_url).get_data(as_text=True)).group(2)
    assert client.post(attempt_url, data={**answers, "csrf_token": token}).status_code == 302
    return client.get(attempt_url + "/result").get_data(as_text=True)


def test_answers_graded_once_are_remembered_by_what_was_posted_not_by_question(csrf_app):
    perfect = perfect_answers(csrf_app)
    wrong = {field: ("9" if value == "12" else "true" if value == "false" else "c") for field, value in perfect.items()}
    long_forged = {field: ["a", "b", "x" * 300] if isinstance(value, list) else value for field, value in perfect.items()}
    pages = {name: _submit(csrf_app, name, answers) for name, answers in
             (("Mia", perfect), ("Noah", wrong), ("Lea", perfect), ("Ben", long_forged))}
    assert "6 / 6" in pages["Mia"] and "6 / 6" in pages["Lea"]
    assert "0 / 6" in pages["Noah"]
    assert "5 / 6" in pages["Ben"]  # the forged multiple-select answer scores nothing, the rest counts
    with csrf_app.app_context():
        stored = {a.student.display_name: a.answers for a in db.session.execute(db.select(Attempt)).scalars()}
    assert stored["Mia"] == stored["Lea"] != stored["Noah"]
    assert any(raw.startswith("a; b; xxx") and points == 0 for _answer, raw, points, *_ in stored["Ben"])


def test_students_with_the_same_answers_share_reviews_but_each_sees_only_their_own_name(csrf_app):
    perfect = perfect_answers(csrf_app)
    mia, lea = _submit(csrf_app, "Mia", perfect), _submit(csrf_app, "Lea", perfect)
    assert '<li class="who">Mia</li>' in mia and "Lea" not in mia
    assert '<li class="who">Lea</li>' in lea and "Mia" not in lea
    reviews = re.compile(r'<section class="review-item.*</section>', re.S)
    assert reviews.search(mia).group(0) == reviews.search(lea).group(0)
    assert reviews.search(mia).group(0).count('class="review-item is-correct"') == 5


def test_the_cached_score_line_follows_the_language_and_the_quiz_title(csrf_app):
    client, attempt_url = start(csrf_app, "Mia")
    token = FORM.search(client.get(attempt_url).get_data(as_text=True)).group(2)
    client.post(attempt_url, data={"csrf_token": token})
    german = client.get(attempt_url + "/result").get_data(as_text=True)
    english = client.get(attempt_url + "/result?lang=en").get_data(as_text=True)
    assert "Mini-Quiz · Versuch 1" in german and "Attempt 1" not in german
    assert "Mini-Quiz · Attempt 1" in english and "Versuch 1" not in english
    with csrf_app.app_context():
        db.session.execute(db.update(Quiz).values(title="Neuer Titel"))
        db.session.commit()
    assert "Neuer Titel · Attempt 1" in client.get(attempt_url + "/result").get_data(as_text=True)


def test_cached_reviews_link_to_the_article_under_the_mount_point_of_each_request(csrf_app):
    client, attempt_url = start(csrf_app, "Mia")
    token = FORM.search(client.get(attempt_url).get_data(as_text=True)).group(2)
    client.post(attempt_url, data={**perfect_answers(csrf_app), "csrf_token": token})
    at_root = client.get(attempt_url + "/result").get_data(as_text=True)
    mounted = client.get(attempt_url + "/result", base_url="http://localhost/schule").get_data(as_text=True)
    assert 'href="/articles/mini-artikel?' in at_root
    assert 'href="/schule/articles/mini-artikel?' in mounted and 'href="/articles/' not in mounted
