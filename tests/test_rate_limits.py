"""Rate limits hold under parallel guessing, per account and per address, and lock nobody out for long.

Twenty guesses sent at once from threads (each its own client, as from twenty browser tabs)
get at most the limit of "wrong" answers and 429 for the rest, for teacher passwords, student
PINs, class codes and quiz codes; on SQLite and, with QUIZAPP_TEST_DATABASE_URL, PostgreSQL.
"""
import threading
from types import SimpleNamespace

import pytest

from quizapp.services import ratelimits
from quizapp.extensions import db
from quizapp.models import RateCount

from .conftest import TEACHER_PASSWORD
from .teacher_helpers import join, joined_student, make_classroom

PARALLEL = 20
EMAIL = "lehrerin@schule.ch"


def from_address(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def in_parallel(app, send, count: int = PARALLEL) -> list:
    """Run ``send(client)`` from ``count`` threads released at the same moment; their responses."""
    gate = threading.Barrier(count)
    responses = [None] * count

    def run(index):
        client = app.test_client()
        gate.wait()
        responses[index] = send(client)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def statuses(responses) -> list[int]:
    return sorted(response.status_code for response in responses)


def sign_in_from(client, address: str, password: str = "wrong password!", email: str = EMAIL):
    return client.post("/auth/login", data={"email": email, "password": password}, **from_address(address))


def test_parallel_wrong_passwords_get_at_most_the_limit_of_answers(app, make_teacher):
    make_teacher(EMAIL)
    limit = app.config["LOGIN_RATE_LIMIT"]
    responses = in_parallel(app, lambda client: sign_in_from(client, "198.51.100.1"))
    assert statuses(responses) == [401] * limit + [429] * (PARALLEL - limit)
    refused = next(response for response in responses if response.status_code == 429)
    assert 0 < int(refused.headers["Retry-After"]) <= app.config["LOGIN_RATE_WINDOW"]
    assert "Bitte in 15 Minuten erneut versuchen" in refused.get_data(as_text=True)
    # The right password from the same address waits too ...
    assert sign_in_from(app.test_client(), "198.51.100.1", TEACHER_PASSWORD).status_code == 429
    # ... but the real teacher gets in from another address at once: the refused tries counted nowhere.
    assert sign_in_from(app.test_client(), "192.0.2.9", TEACHER_PASSWORD).status_code == 302


def test_many_addresses_lock_the_account_only_for_a_short_window(make_app, make_teacher, monkeypatch):
    clock = [1_800_000_000.0]  # the start of a minute
    monkeypatch.setattr(ratelimits, "time", SimpleNamespace(time=lambda: clock[0]))
    app = make_app(LOGIN_ACCOUNT_LIMIT=6)
    make_teacher(EMAIL)
    for address in ("198.51.100.1", "198.51.100.2"):
        for _ in range(3):
            assert sign_in_from(app.test_client(), address).status_code == 401
    teacher = app.test_client()
    response = sign_in_from(teacher, "192.0.2.9", TEACHER_PASSWORD)
    assert response.status_code == 429 and response.headers["Retry-After"] == "60"
    clock[0] += 60
    assert sign_in_from(teacher, "192.0.2.9", TEACHER_PASSWORD).status_code == 302
    # Tries refused by the account's lock did not count against the teacher's own address.
    with app.app_context():
        assert sum(db.session.scalars(db.select(RateCount.tries))) == 2 * 3 * 2  # pair and address of 6 failures


def test_one_address_is_limited_across_accounts(make_app):
    app = make_app(LOGIN_ADDRESS_LIMIT=8)
    answers = [sign_in_from(app.test_client(), "198.51.100.7", email=f"person{number}@schule.ch").status_code
               for number in range(10)]
    assert answers == [401] * 8 + [429] * 2
    assert sign_in_from(app.test_client(), "198.51.100.8", email="person9@schule.ch").status_code == 401


def test_a_right_password_gives_the_address_its_try_back(make_app, make_teacher):
    app = make_app(LOGIN_ADDRESS_LIMIT=3)
    make_teacher(EMAIL)
    for _ in range(5):  # a whole staff room signs in from one address
        client = app.test_client()
        assert sign_in_from(client, "198.51.100.7", TEACHER_PASSWORD).status_code == 302
        client.post("/auth/logout")
    assert sign_in_from(app.test_client(), "198.51.100.7", TEACHER_PASSWORD).status_code == 302


@pytest.fixture
def classroom(app, make_teacher):
    teacher_id = make_teacher(email="klassenlehrer@schule.ch")
    _, code = make_classroom(app, teacher_id)
    return code


def test_parallel_wrong_pins_get_at_most_the_limit_of_answers(app, classroom):
    joined_student(app, classroom, "Mia", pin="4711")
    limit = app.config["LOGIN_RATE_LIMIT"]
    responses = in_parallel(app, lambda client: client.post(
        "/join", data={"code": classroom, "display_name": "Mia", "pin": "1234"}, **from_address("198.51.100.3")))
    assert statuses(responses) == [400] * limit + [429] * (PARALLEL - limit)
    assert join(app.test_client(), classroom, "Mia", pin="4711").status_code == 429  # locked for every address


def test_pins_are_limited_per_address_across_students(make_app, make_teacher):
    app = make_app(LOGIN_ADDRESS_LIMIT=4)
    teacher_id = make_teacher(email="klassenlehrer@schule.ch")
    _, code = make_classroom(app, teacher_id)
    for name in ("Mia", "Ben", "Noah"):
        joined_student(app, code, name, pin="4711")
    guesses = [app.test_client().post("/join", data={"code": code, "display_name": name, "pin": "0000"},
                                      **from_address("198.51.100.4")).status_code
               for name in ("Mia", "Ben", "Noah", "Mia", "Ben", "Noah")]
    assert guesses == [400] * 4 + [429] * 2


def test_parallel_wrong_class_codes_get_at_most_the_limit_of_answers(make_app, make_teacher):
    app = make_app(CODE_RATE_LIMIT=5)
    teacher_id = make_teacher(email="klassenlehrer@schule.ch")
    _, code = make_classroom(app, teacher_id)
    responses = in_parallel(app, lambda client: client.post(
        "/join", data={"code": "ZZZZZZ", "display_name": "Eve"}, **from_address("198.51.100.5")))
    assert statuses(responses) == [400] * 5 + [429] * (PARALLEL - 5)
    # A locked address learns nothing, not even from a right code; other addresses join.
    locked = app.test_client().post("/join", data={"code": code, "display_name": "Eve"},
                                    **from_address("198.51.100.5"))
    assert locked.status_code == 429
    assert join(app.test_client(), code, "Mia").status_code == 302


def test_parallel_wrong_quiz_codes_get_at_most_the_limit_of_answers(make_app):
    from .conftest import MINI_FILE
    from quizapp.bank import load_path
    from quizapp.models import Quiz
    app = make_app(CODE_RATE_LIMIT=5)
    with app.app_context():
        load_path(MINI_FILE)
        code = db.session.execute(db.select(Quiz.code)).scalar_one()
    responses = in_parallel(app, lambda client: client.get("/quiz/ZZZZZZ", **from_address("198.51.100.6")))
    assert statuses(responses) == [404] * 5 + [429] * (PARALLEL - 5)
    assert app.test_client().get(f"/quiz/{code}", **from_address("198.51.100.6")).status_code == 429
    assert app.test_client().get(f"/quiz/{code}", **from_address("198.51.100.7")).status_code == 200


def test_right_codes_never_count(make_app):
    from .conftest import MINI_FILE
    from quizapp.bank import load_path
    from quizapp.models import Quiz
    app = make_app(CODE_RATE_LIMIT=2)
    with app.app_context():
        load_path(MINI_FILE)
        code = db.session.execute(db.select(Quiz.code)).scalar_one()
    client = app.test_client()
    assert all(client.get(f"/quiz/{code}").status_code == 200 for _ in range(10))  # a whole class, one address
    assert [client.get("/quiz/ZZZZZZ").status_code for _ in range(3)] == [404, 404, 429]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(RateCount)) == 1  # no write for a hit


def test_an_ipv6_network_counts_as_one_address(app, make_teacher):
    make_teacher(EMAIL)
    answers = [sign_in_from(app.test_client(), f"2001:db8:1:2::{number:x}").status_code for number in range(6)]
    assert answers == [401] * 5 + [429]
    assert sign_in_from(app.test_client(), "2001:db8:1:3::1", TEACHER_PASSWORD).status_code == 302


def test_addresses_are_counted_by_network():
    assert ratelimits.network("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert ratelimits.network("::ffff:192.0.2.7") == ratelimits.network("192.0.2.7") == "192.0.2.7"
    assert ratelimits.network("-") == "-"


def test_a_new_pin_from_the_teacher_unlocks_a_locked_out_student(app, make_teacher):
    from .teacher_helpers import client_for_teacher
    teacher = client_for_teacher(app, make_teacher, "klassenlehrerin@schule.ch")
    classroom_id, code = make_classroom(app, teacher.teacher_id)
    student_id = joined_student(app, code, "Mia", pin="4711").student_id
    guesser = app.test_client()
    for _ in range(app.config["LOGIN_RATE_LIMIT"]):
        join(guesser, code, "Mia", pin="0000")
    assert join(app.test_client(), code, "Mia", pin="4711").status_code == 429
    response = teacher.post(f"/teacher/classes/{classroom_id}/students/{student_id}", data={"pin": "2468"})
    assert response.status_code == 302
    assert join(app.test_client(), code, "Mia", pin="2468").status_code == 302
