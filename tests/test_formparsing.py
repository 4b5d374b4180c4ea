"""Form bodies: quizapp's urlencoded parser gives exactly what Werkzeug's would."""
import random
from urllib.parse import parse_qsl

from quizapp.extensions import db
from quizapp.formparsing import parse_urlencoded
from quizapp.models import Student

TRICKY = ["a", "q1", "=", "&", "+", " ", "%", "%2", "%20", "%2B", "%26", "%3D", "%C3%BC", "%c3", "%FF", "%zz",
          "ü", "é", "\u2028", ";", "b"]


def test_the_parser_gives_the_pairs_werkzeug_would(app):
    rng = random.Random(20261125)
    for _ in range(5000):
        body = "".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 12)))
        assert parse_urlencoded(body) == parse_qsl(body, keep_blank_values=True, errors="werkzeug.url_quote"), body


def post_raw(client, path: str, body: bytes):
    return client.post(path, data=body, content_type="application/x-www-form-urlencoded")


def test_a_posted_name_is_unquoted(app, client, mini_quiz):
    response = post_raw(client, f"/quiz/{mini_quiz}/start", b"display_name=Zo%C3%AB+M%C3%BCller&x=1%2B1")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.execute(db.select(Student.display_name)).scalar_one() == "Zoë Müller"


def test_a_body_that_is_not_utf8_is_an_empty_form_not_an_error(app, client, mini_quiz):
    response = post_raw(client, f"/quiz/{mini_quiz}/start", b"display_name=\xff\xfe")
    assert response.status_code == 400  # the name is missing, as the page says
    with app.app_context():
        assert db.session.execute(db.select(Student)).first() is None
