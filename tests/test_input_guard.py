"""Input the database cannot hold gets a 4xx and a message, never a 500."""
import pytest

from quizapp.extensions import db
from quizapp.models import Student


@pytest.mark.parametrize("path", [
    "/attempts/99999999999999999999",
    "/attempts/2147483648",
    "/attempts/99999999999999999999/result",
    "/teacher/quizzes/99999999999999999999",
])
def test_ids_beyond_the_database_integer_are_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404


def test_largest_storable_id_is_still_routed(client):
    # 2³¹−1 fits the column: the route matches and the attempt is simply not there (or not theirs).
    response = client.get("/attempts/2147483647")
    assert response.status_code in (302, 403, 404)
    assert response.status_code != 500


@pytest.mark.parametrize("name", ["Anna\x00", "Anna\u202eanoS", "Ann\x07a", "Anna\x1b[31m"])
def test_control_characters_in_a_student_name_are_refused_with_a_message(app, client, mini_quiz, name):
    response = client.post(f"/quiz/{mini_quiz}/start", data={"display_name": name})
    assert response.status_code == 400
    assert "unsichtbares Steuerzeichen" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Student)) == 0


def test_control_characters_in_a_query_string_are_refused(client):
    response = client.get("/articles/x?passage=a%00b")
    assert response.status_code == 400


def test_ordinary_names_with_umlauts_pass(client, mini_quiz):
    response = client.post(f"/quiz/{mini_quiz}/start", data={"display_name": "Zoë Müller-Étienne"})
    assert response.status_code in (302, 303)
