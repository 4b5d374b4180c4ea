"""The teacher's results pages through the test client: who sees what, filters, sorting, paging,
the drill-down, charts, the student's own history, and a fixed number of queries per page."""
import re

import pytest

from quizapp.extensions import db
from quizapp.models import Attempt, Quiz, Student

from .conftest import sign_in
from .helpers.visible import visible
from .results_helpers import build_fixed_data


@pytest.fixture
def data(app, tmp_path, make_teacher, make_attempt):
    return build_fixed_data(app, tmp_path, make_teacher, make_attempt)


def signed_in(app, email: str):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def owner(app, data):
    return signed_in(app, "owner@schule.ch")


@pytest.fixture
def other(app, data):
    return signed_in(app, "other@schule.ch")


def attempt_rows(html: str) -> list[str]:
    return re.findall(r'<tr data-attempt="(\d+)">', html)


def names_in_order(html: str, data) -> list[str]:
    by_id = {str(attempt_id): name for name, attempt_id in data["attempts"].items()}
    return [by_id[attempt_id] for attempt_id in attempt_rows(html)]


def test_results_page_lists_visible_attempts_with_summary(owner, data):
    response = owner.get(f"/teacher/results/{data['quiz']}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert sorted(names_in_order(html, data)) == ["Anna", "Ben", "Cleo", "Dario"]
    assert '<dd data-stat="count">4</dd>' in html
    assert '<dd data-stat="mean">56%</dd>' in html
    assert '<dd data-stat="median">50%</dd>' in html
    assert '<dt>Standard deviation (percentage points)</dt><dd data-stat="sd">18.5</dd>' in html
    assert "83%" in html and "2.5 / 6" in html
    # The fifth column, the time from start to submit, says its units.
    durations = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[4] for row in html.split("<tr data-attempt=")[1:]]
    assert durations and all(re.fullmatch(r"\d+ s|\d+ min \d\d s|\d+ h \d\d min", d) for d in durations), durations


def test_each_attempts_answers_link_names_its_student(owner, data):
    html = owner.get(f"/teacher/results/{data['quiz']}").get_data(as_text=True)
    names = re.findall(r'>Answers<span class="visually-hidden"> – ([^<]+)</span></a>', html)
    assert sorted(names) == ["Anna", "Ben", "Cleo", "Dario"]


def test_other_teacher_sees_only_attempts_from_their_classes(other, data):
    html = other.get(f"/teacher/results/{data['quiz']}").get_data(as_text=True)
    assert names_in_order(html, data) == ["Cleo"]
    assert 'value="other"' not in html  # "not in my classes" is for the quiz's owner only
    items = other.get(f"/teacher/results/{data['quiz']}/items").get_data(as_text=True)
    assert re.search(r'data-question="\d+"', items)


def test_quiz_without_visible_attempts_is_missing_but_a_shared_quiz_opens_empty(app, data, make_teacher):
    make_teacher("third@schule.ch", "Third")
    third = signed_in(app, "third@schule.ch")
    quiz_id = data["quiz"]
    for path in ("", "/items", "/categories", "/export/attempts.csv", "/export/responses.json"):
        assert third.get(f"/teacher/results/{quiz_id}{path}").status_code == 404, path
    assert third.get("/teacher/results/999999").status_code == 404
    with app.app_context():
        article_id = db.session.get(Quiz, quiz_id).article_id
        shared = Quiz(article_id=article_id, owner_id=None, title="Geteilt", code="SHARED1", published=True)
        db.session.add(shared)
        db.session.commit()
        shared_id = shared.id
    page = third.get(f"/teacher/results/{shared_id}")
    assert page.status_code == 200 and 'id="no-attempts"' in page.get_data(as_text=True)
    listed = third.get("/teacher/results").get_data(as_text=True)
    assert f'data-quiz="{shared_id}"' in listed and f'data-quiz="{quiz_id}"' not in listed


def test_drill_down_shows_answers_against_the_correct_ones_with_passage_links(app, owner, other, data):
    with app.app_context():
        quiz = db.session.get(Quiz, data["quiz"])
        quiz.reveal = "after_close"  # students may not see the answers yet; the teacher may
        db.session.commit()
    html = owner.get(f"/teacher/results/attempts/{data['attempts']['Cleo']}").get_data(as_text=True)
    assert "Cleo" in html and "3 / 6" in html
    assert html.count('class="review-item') == 5
    assert "Correct answer:" in html and "<strong>12 Brücken</strong>" in html
    assert "your answer" not in html and "Your answer:" not in html  # speaks about the student
    assert '<span class="marker">chosen</span>' in html
    assert len(re.findall(r'class="passage-link" href="/articles/mini-artikel\?', html)) == 5
    assert other.get(f"/teacher/results/attempts/{data['attempts']['Cleo']}").status_code == 200
    for name in ("Anna", "Dario"):
        assert other.get(f"/teacher/results/attempts/{data['attempts'][name]}").status_code == 404
    assert owner.get("/teacher/results/attempts/999999").status_code == 404


def test_unsubmitted_attempt_has_no_drill_down(app, owner, data):
    from quizapp.services.attempts import start_attempt
    with app.test_request_context():
        student = Student(display_name="Offen")
        db.session.add(student)
        db.session.commit()
        attempt = start_attempt(student, db.session.get(Quiz, data["quiz"]))
        attempt_id = attempt.id
    assert owner.get(f"/teacher/results/attempts/{attempt_id}").status_code == 404
    assert str(attempt_id) not in attempt_rows(owner.get(f"/teacher/results/{data['quiz']}").get_data(as_text=True))


def test_students_and_visitors_never_reach_teacher_results(app, client, student, data):
    quiz_id, attempt_id = data["quiz"], data["attempts"]["Anna"]
    paths = ["/teacher/results", f"/teacher/results/{quiz_id}", f"/teacher/results/{quiz_id}/items",
             f"/teacher/results/{quiz_id}/categories", f"/teacher/results/{quiz_id}/export/attempts.csv",
             f"/teacher/results/{quiz_id}/export/responses.json", f"/teacher/results/attempts/{attempt_id}"]
    for path in paths:
        assert app.test_client().get(path).status_code == 302, path  # to the sign-in page
    own = student.start("MINI01", name="Zora")
    for path in paths:
        assert client.get(path).status_code == 403, path
    assert client.get(f"/attempts/{attempt_id}/result").status_code == 404  # Anna's, not Zora's
    assert client.get(f"/attempts/{attempt_id}").status_code == 404
    assert client.get(f"/attempts/{own}").status_code == 200


def test_student_history_lists_only_their_own_attempts_with_percent_and_review_link(app, client, student, data):
    first = student.start("MINI01", name="Zora")
    student.submit(first, {})
    second = student.start("MINI01", name="Zora")
    client.set_cookie("lang", "en")
    html = client.get("/me/attempts").get_data(as_text=True)
    assert f'href="/attempts/{first}/result"' in html
    assert f'href="/attempts/{second}"' in html  # still open: continue it
    for name, attempt_id in data["attempts"].items():
        assert f"/attempts/{attempt_id}/" not in html, name
    assert html.count('data-quiz="MINI01"') == 1  # both attempts under one quiz heading
    assert "0 / 7" in html and "best result: 0" in html  # the six questions now in the quiz


def test_class_and_local_date_filters(owner, data):
    base = f"/teacher/results/{data['quiz']}"
    by_class = owner.get(f"{base}?classroom={data['classes']['owner']}").get_data(as_text=True)
    assert sorted(names_in_order(by_class, data)) == ["Anna", "Ben"]
    outside = owner.get(f"{base}?classroom=other").get_data(as_text=True)
    assert sorted(names_in_order(outside, data)) == ["Cleo", "Dario"]
    # Ben submitted on 1 June 22:30 UTC, which is 2 June 00:30 in Zurich: dates are local.
    june_first = owner.get(f"{base}?until=2025-06-01").get_data(as_text=True)
    assert names_in_order(june_first, data) == ["Anna"]
    from_second = owner.get(f"{base}?since=2025-06-02&until=2025-06-03").get_data(as_text=True)
    assert sorted(names_in_order(from_second, data)) == ["Ben", "Cleo"]
    first_only = owner.get(f"{base}?first_only=y").get_data(as_text=True)
    assert len(attempt_rows(first_only)) == 4


def test_bad_filters_are_a_clear_400_not_a_500(owner, data):
    base = f"/teacher/results/{data['quiz']}"
    reversed_range = owner.get(f"{base}?since=2025-06-05&until=2025-06-01")
    assert reversed_range.status_code == 400
    assert "The end date must not be before the start date." in reversed_range.get_data(as_text=True)
    assert owner.get(f"{base}?since=not-a-date").status_code == 400
    assert owner.get(f"{base}?since=0001-01-01").status_code == 400  # would overflow in UTC
    assert owner.get(f"{base}/items?until=9999-12-31").status_code == 400
    assert owner.get(f"{base}?classroom={data['classes']['other']}").status_code == 400  # a colleague's class
    assert owner.get(f"{base}/export/attempts.csv?since=nope").status_code == 400
    assert owner.get(f"{base}?sort=nope&dir=sideways&page=abc").status_code == 200
    assert owner.get(f"{base}?quiz_id=1&_scheme=javascript&_external=0&page=2").status_code == 200


def test_a_page_with_a_bad_filter_shows_no_figures_that_would_look_filtered(owner, data):
    base = f"/teacher/results/{data['quiz']}"
    for path in ("", "/items", "/categories", "/print"):
        response = owner.get(f"{base}{path}?since=2025-06-05&until=2025-06-01")
        assert response.status_code == 400, path
        shown = visible(response)
        html = response.get_data(as_text=True)
        assert "The end date must not be before the start date." in shown or path == "/print", path
        assert 'id="filters-refused"' in html, path
        assert "<tr data-attempt=" not in html and "<tr data-question=" not in html, path
        assert "<tr data-student=" not in html and "/export/" not in html, path
    page = visible(owner.get(f"{base}?until=2025-06-01&since=2025-06-05"))
    assert "A filter above is not valid, so no figures are shown. Correct it, or choose “Show all”." in page
    assert "Show all" in page


def test_sort_links_and_pages(owner, data, monkeypatch):
    from quizapp.results import routes
    monkeypatch.setattr(routes, "PER_PAGE", 3)
    base = f"/teacher/results/{data['quiz']}"
    first = owner.get(f"{base}?sort=percent&dir=asc").get_data(as_text=True)
    assert names_in_order(first, data) == ["Ben", "Cleo", "Dario"]
    assert 'aria-sort="ascending"' in first
    assert 'href="/teacher/results/%d?sort=percent&amp;dir=asc&amp;page=2"' % data["quiz"] in first
    second = owner.get(f"{base}?sort=percent&dir=asc&page=2").get_data(as_text=True)
    assert names_in_order(second, data) == ["Anna"]
    assert names_in_order(owner.get(f"{base}?sort=percent&dir=asc&page=99").get_data(as_text=True), data) == ["Anna"]
    by_name = owner.get(f"{base}?sort=student&dir=desc").get_data(as_text=True)
    assert names_in_order(by_name, data) == ["Dario", "Cleo", "Ben"]
    students = owner.get(f"{base}/categories?classroom=other").get_data(as_text=True)  # Cleo, Dario
    assert students.count("<tr data-student=") == 2 and 'rel="next"' not in students
    students = owner.get(f"{base}/categories").get_data(as_text=True)
    assert students.count("<tr data-student=") == 3
    assert 'href="/teacher/results/%d/categories?page=2" rel="next"' % data["quiz"] in students
    last = owner.get(f"{base}/categories?page=2").get_data(as_text=True)
    assert last.count("<tr data-student=") == 1 and "Dario" in last


def test_item_and_category_pages_show_flags_distractors_tags_and_students(owner, data):
    items = owner.get(f"/teacher/results/{data['quiz']}/items").get_data(as_text=True)
    assert 'class="flag flag-too_easy"' in items and 'class="flag flag-too_hard"' in items
    assert 'class="flag flag-negative_discrimination"' in items
    assert items.count("most tempting distractor") == 2  # multiple select "c", evidence "b"
    assert ("Facility index of every question; dashed lines at 20% and 90%, hatched bars outside them "
            "(too hard or too easy).") in visible(owner.get(f"/teacher/results/{data['quiz']}/items"))
    rows = {int(chunk.split('"', 1)[0]): chunk for chunk in items.split('<tr data-question="')[1:]}
    tempting = {key: re.findall(r'<tr class="[^"]*is-distractor[^"]*" data-option="(\w+)">', rows[question_id])
                for key, question_id in data["questions"].items()}
    assert tempting["was-ist-vermutung"] == ["c"] and tempting["beleg-datum"] == ["b"]
    assert tempting["wer-sagt-kosten"] == [] and tempting["beginn-april"] == []
    categories = owner.get(f"/teacher/results/{data['quiz']}/categories").get_data(as_text=True)
    assert '<tr data-tag="zahl">' in categories and '<tr data-tag="spaet">' in categories
    assert categories.count("<tr data-student=") == 4


def test_charts_are_accessible_svg_with_the_numbers_as_a_table(owner, data):
    pages = {"chart-scores": "", "chart-facility": "/items", "chart-categories": "/categories"}
    for chart_id, path in pages.items():
        html = owner.get(f"/teacher/results/{data['quiz']}{path}").get_data(as_text=True)
        svg = re.search(rf'<svg [^>]*id="{chart_id}"[^>]*>.*?</svg>', html, re.S).group(0)
        assert 'role="img"' in svg and f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
        assert f'<title id="{chart_id}-title">' in svg and f'<desc id="{chart_id}-desc">' in svg
        assert 'class="bar' in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert re.search(r'<table class="data chart-table">', html)
    scores = owner.get(f"/teacher/results/{data['quiz']}").get_data(as_text=True)
    assert "<th scope=\"row\">50–60%</th><td class=\"num\">2</td>" in scores


# ---------------------------------------------------------------- scale: queries per page

@pytest.fixture
def demo_client(app):
    """The demo teacher, signed in, with 10 attempts on a generated 5-question quiz."""
    from quizapp.demo import DEMO_EMAIL, DEMO_PASSWORD, generate
    with app.app_context():
        code = generate(10, seed=7, questions=5).quiz_codes[0]
        quiz_id = db.session.execute(db.select(Quiz.id).filter_by(code=code)).scalar_one()
    client = app.test_client()
    assert sign_in(client, DEMO_EMAIL, DEMO_PASSWORD).status_code == 302
    client.quiz_id, client.code = quiz_id, code
    return client


def measure(count_queries, client, path: str) -> int:
    client.get(path)  # warm the per-app caches of immutable question versions
    with count_queries() as statements:
        response = client.get(path)
        body = response.get_data()
    assert response.status_code == 200 and body
    return len(statements)


RESULT_PATHS = ["", "?sort=duration&dir=asc&page=2", "/items", "/categories?page=2",
                "/export/attempts.csv", "/export/responses.csv", "/export/items.json", "/export/responses.json"]


def test_pages_and_exports_issue_the_same_queries_for_10_and_1000_attempts(app, demo_client, count_queries):
    from quizapp.demo import generate
    paths = [f"/teacher/results/{demo_client.quiz_id}{suffix}" for suffix in RESULT_PATHS]
    few = [measure(count_queries, demo_client, path) for path in paths]
    with app.app_context():
        generate(990, seed=8, quiz_code=demo_client.code)
        assert db.session.scalar(db.select(db.func.count()).select_from(Attempt)
                                 .filter_by(quiz_id=demo_client.quiz_id)) == 1000
    many = [measure(count_queries, demo_client, path) for path in paths]
    assert few == many, dict(zip(RESULT_PATHS, zip(few, many)))
    assert max(many) <= 12, dict(zip(RESULT_PATHS, many))


def test_the_drill_down_leads_back_to_the_list_with_its_filters(owner, data):
    from html import unescape
    classroom = data["classes"]["owner"]
    listed = owner.get(f"/teacher/results/{data['quiz']}?classroom={classroom}&sort=name").get_data(as_text=True)
    links = [unescape(link) for link in re.findall(r'href="(/teacher/results/attempts/\d+[^"]*)"', listed)]
    assert links and all(f"classroom={classroom}" in link and "sort=name" in link for link in links)
    drill_down = owner.get(links[0]).get_data(as_text=True)
    back = unescape(re.search(r'class="breadcrumbs">.*?<a href="[^"]+">.*?<a href="([^"]+)">', drill_down, re.S).group(1))
    assert back.startswith(f"/teacher/results/{data['quiz']}?") and f"classroom={classroom}" in back \
        and "sort=name" in back
    assert sorted(names_in_order(owner.get(back).get_data(as_text=True), data)) == ["Anna", "Ben"]
    plain = owner.get(re.sub(r"\?.*$", "", links[0])).get_data(as_text=True)  # opened without filters
    assert f'<a href="/teacher/results/{data["quiz"]}">' in plain
