"""New quizzes shuffle their options unless the teacher turns it off; an attempt keeps its order."""
import re

from quizapp.extensions import db
from quizapp.models import Attempt, Quiz

from .test_teacher_quizzes import SETTINGS, quiz_row, seed  # noqa: F401  (seed is a fixture)

OPTION = re.compile(r'name="(q\d+)" value="([^"]+)"')


def shuffle_box(page: str) -> str:
    return re.search(r'<input[^>]*name="shuffle_options"[^>]*>', page).group(0)


def create_as_a_browser_would(client, article_id: int, **changes) -> int:
    """Post the new-quiz form with the boxes its page ticks, as a browser submits it."""
    page = client.get(f"/teacher/quizzes/new?article={article_id}").get_data(as_text=True)
    data = {**SETTINGS, "mode": "all"}
    if "checked" in shuffle_box(page):
        data["shuffle_options"] = "y"
    data.update(changes)
    data = {name: value for name, value in data.items() if value is not None}
    response = client.post(f"/teacher/quizzes/new?article={article_id}", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def option_order(page: str) -> list[tuple[str, str]]:
    return OPTION.findall(page)


def test_the_new_quiz_form_ticks_shuffle_options(teacher_client, seed):  # noqa: F811
    page = teacher_client.get(f"/teacher/quizzes/new?article={seed['article']}").get_data(as_text=True)
    assert "checked" in shuffle_box(page)


def test_a_new_quiz_from_the_web_form_shuffles_options(app, teacher_client, seed):  # noqa: F811
    quiz_id = create_as_a_browser_would(teacher_client, seed["article"])
    assert quiz_row(app, quiz_id).shuffle_options is True
    page = teacher_client.get(f"/teacher/quizzes/{quiz_id}").get_data(as_text=True)
    assert "Antwortmöglichkeiten gemischt</dt><dd>ja<" in page


def test_the_teacher_may_turn_shuffling_off(app, teacher_client, seed):  # noqa: F811
    quiz_id = create_as_a_browser_would(teacher_client, seed["article"], shuffle_options=None)
    assert quiz_row(app, quiz_id).shuffle_options is False


def test_the_database_default_shuffles_too(app):
    with app.app_context():
        default = Quiz.__table__.c.shuffle_options.server_default.arg
        assert str(getattr(default, "text", default)).lower() in ("true", "1")


def test_two_attempts_can_get_different_option_orders_and_a_reload_keeps_each(app, teacher_client, seed):  # noqa: F811
    quiz_id = create_as_a_browser_would(teacher_client, seed["article"])
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/publish").status_code == 302
    code = quiz_row(app, quiz_id).code
    orders = []
    for number in range(6):  # six students: all six orders alike by chance is below one in 10^14
        client = app.test_client()
        response = client.post(f"/quiz/{code}/start", data={"display_name": f"Kind {number}"})
        assert response.status_code == 302, response.get_data(as_text=True)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        order = option_order(page)
        assert order, "the quiz page shows options"
        assert option_order(client.get(response.headers["Location"]).get_data(as_text=True)) == order
        orders.append(order)
    assert len({tuple(order) for order in orders}) > 1
    with app.app_context():
        layouts = db.session.execute(db.select(Attempt.layout).filter_by(quiz_id=quiz_id)).scalars().all()
        assert len(layouts) == 6 and len({repr(layout) for layout in layouts}) > 1
