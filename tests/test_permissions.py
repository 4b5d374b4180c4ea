"""The permissions matrix: every route of the URL map, for four roles, gets the documented status.

Roles: an anonymous visitor, a student (in the owner's class, with a submitted attempt), the
teacher who owns every object the URLs point at (an administrator), and another teacher (not one,
and the one the account pages' URLs point at). URLs are built with real
ids of the owner's objects. POST checks send no form data (CSRF is off here, as in the other
tests; tests/test_csrf.py proves the tokens), so the owner's outcome is the route's answer to an
empty form: destructive routes need a confirmation tick and answer 400.

A route without a rule here fails `test_every_route_has_a_rule`: add one line to RULES.
"""
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from flask import url_for

from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import Article, Question, Quiz, QuizClassroom, Student, Teacher

from .conftest import POSTGRES_URL, _empty_all_tables, base_config
from .teacher_helpers import own_article

ROLES = ("anonymous", "student", "owner", "other")


@dataclass(frozen=True)
class Check:
    method: str
    expect: tuple[int, int, int, int]  # anonymous, student, owner, other teacher
    query: str = ""  # appended to the URL; {names} are filled from the world's ids
    fresh: bool = False  # run on a new client (the request signs the client out)


def GET(anonymous, student, owner, other, query=""):  # noqa: N802  (reads like the table it builds)
    return Check("GET", (anonymous, student, owner, other), query)


def POST(anonymous, student, owner, other, query="", fresh=False):  # noqa: N802
    return Check("POST", (anonymous, student, owner, other), query, fresh)


PUBLIC = GET(200, 200, 200, 200)
TEACHER_PAGE = GET(302, 403, 200, 200)  # a teacher page about no particular object
OWNED_PAGE = GET(302, 403, 200, 404)  # a page about one of the owner's objects
OWNED_ACTION = POST(302, 403, 302, 404)  # a button on one of the owner's objects, done and redirected
OWNED_FORM = POST(302, 403, 400, 404)  # a form about one of the owner's objects, sent empty
TEACHER_FORM = POST(302, 403, 400, 400)  # a teacher form about no particular object, sent empty
ADMIN_FORM = POST(302, 403, 400, 403)  # an administrator's button about another account, sent empty

# One line per endpoint: the checks that run for it. Keep it sorted by blueprint.
RULES: dict[str, list[Check]] = {
    "static": [PUBLIC],
    "health.healthz": [PUBLIC],
    # sign-in
    "auth.login": [GET(200, 200, 302, 302), POST(400, 400, 302, 302)],
    "auth.confirm_logout": [GET(302, 200, 200, 200)],  # anonymous: nothing to sign out of, sent home
    "auth.logout": [POST(302, 302, 302, 302, fresh=True)],
    "auth.reset_password": [GET(410, 410, 410, 410, query="token=forged"), POST(410, 410, 410, 410)],  # no valid link
    # students
    "student.home": [PUBLIC],
    "student.join": [PUBLIC, POST(400, 400, 400, 400)],
    "student.quiz": [PUBLIC],
    "student.worksheet": [PUBLIC],  # the worksheet of a published quiz
    "student.start": [POST(400, 302, 302, 302)],  # anonymous must give a name; teachers are sent back
    "student.attempt": [GET(404, 302, 404, 404)],  # the student's attempt is submitted: on to its result
    "student.submit": [POST(404, 302, 404, 404)],
    "student.draft": [POST(404, 409, 404, 404)],  # the student's attempt is submitted: no more drafts
    "student.result": [GET(404, 200, 404, 404)],
    "student.history": [GET(302, 200, 302, 302)],
    "student.article": [PUBLIC],  # the article of a published quiz
    # teacher: dashboard, accounts
    "teacher.dashboard": [TEACHER_PAGE],
    "teacher.teachers": [GET(302, 403, 200, 403), POST(302, 403, 400, 403)],  # administrators only
    "teacher.teacher_active": [ADMIN_FORM],
    "teacher.teacher_admin": [ADMIN_FORM],
    "teacher.teacher_reset_link": [ADMIN_FORM],
    "teacher.password": [TEACHER_PAGE, TEACHER_FORM],
    # teacher: classes
    "teacher.classes": [TEACHER_PAGE, TEACHER_FORM],
    "teacher.classroom": [OWNED_PAGE],
    "teacher.classroom_rename": [OWNED_FORM],
    "teacher.classroom_code": [OWNED_ACTION],
    "teacher.classroom_delete": [OWNED_PAGE, OWNED_FORM],
    "teacher.student": [OWNED_PAGE, OWNED_FORM],
    "teacher.student_pin_clear": [OWNED_ACTION],
    "teacher.student_remove": [OWNED_PAGE, OWNED_FORM],
    # teacher: quizzes
    "teacher.quizzes": [TEACHER_PAGE],
    "teacher.quiz_new": [TEACHER_PAGE, GET(302, 403, 200, 404, query="article={article_id}"), TEACHER_FORM],
    "teacher.quiz": [OWNED_PAGE],
    "teacher.quiz_edit": [OWNED_PAGE, OWNED_FORM],
    "teacher.quiz_questions": [OWNED_PAGE, OWNED_FORM],
    "teacher.quiz_move": [OWNED_FORM],
    "teacher.quiz_publish": [OWNED_ACTION],
    "teacher.quiz_unpublish": [OWNED_ACTION],
    "teacher.quiz_assign": [OWNED_ACTION],  # an empty form assigns to no class
    "teacher.quiz_copy": [OWNED_ACTION],
    "teacher.quiz_delete": [OWNED_PAGE, OWNED_FORM],
    # authoring (articles and questions)
    "authoring.articles": [TEACHER_PAGE],
    "authoring.new_article": [TEACHER_PAGE, TEACHER_FORM],
    "authoring.article": [OWNED_PAGE],
    "authoring.edit_article": [OWNED_PAGE, OWNED_FORM],
    "authoring.edit_text": [OWNED_PAGE, OWNED_FORM],
    "authoring.copy": [OWNED_ACTION],
    "authoring.export": [OWNED_PAGE],
    "authoring.article_delete": [OWNED_PAGE, POST(302, 403, 409, 404)],  # students took its quiz: kept
    "authoring.import_questions": [TEACHER_PAGE, TEACHER_FORM],
    "authoring.new_question": [GET(302, 403, 200, 404, query="kind=single_choice"),
                               POST(302, 403, 400, 404, query="kind=single_choice")],
    "authoring.edit_question": [OWNED_PAGE, OWNED_FORM],
    "authoring.preview_question": [OWNED_PAGE, POST(302, 403, 200, 404)],  # an empty trial answer is graded
    "authoring.question_history": [OWNED_PAGE],
    "authoring.duplicate": [OWNED_ACTION],
    "authoring.delete": [OWNED_PAGE, POST(302, 403, 409, 404)],  # answered questions are kept
    "authoring.move": [OWNED_FORM],
    "authoring.status": [OWNED_FORM],
    # results
    "results.index": [TEACHER_PAGE],
    "results.quiz": [OWNED_PAGE],
    "results.items": [OWNED_PAGE],
    "results.categories": [OWNED_PAGE],
    "results.print_sheet": [OWNED_PAGE],
    "results.export": [OWNED_PAGE],
    "results.attempt": [OWNED_PAGE],
}


class World:
    """The objects the URLs point at, all the owner teacher's, built once for the module."""

    def __init__(self, app):
        from quizapp.services.attempts import start_attempt, submit_attempt
        from quizapp.services.classrooms import create_classroom
        from quizapp.services.joining import join_classroom
        from quizapp.services.quizzes import QuizSettings, article_questions, create_quiz, set_published

        self.app = app
        with app.app_context():
            owner = Teacher(email="owner@schule.ch", name="Owner", password_hash="-", is_admin=True)
            other = Teacher(email="other@schule.ch", name="Other", password_hash="-")
            db.session.add_all([owner, other])
            db.session.commit()
            self.owner_id, self.other_id = owner.id, other.id
        article_id = own_article(app, self.owner_id, "owners-article")
        with app.test_request_context():
            owner, article = db.session.get(Teacher, self.owner_id), db.session.get(Article, article_id)
            questions = article_questions(article)
            quiz = create_quiz(owner, article, QuizSettings(title="Owner's quiz"), questions)
            set_published(quiz, True)
            classroom = create_classroom(owner, "3b")
            db.session.add(QuizClassroom(quiz_id=quiz.id, classroom_id=classroom.id))
            db.session.commit()
            student = join_classroom(classroom.join_code, "Mia", "4711", None).student
            attempt = start_attempt(student, quiz)
            submit_attempt(attempt, {})  # every question now has an answer
            self.quiz_id, self.classroom_id, self.student_id = quiz.id, classroom.id, student.id
            self.params = {
                "article_id": article.id, "slug": article.slug, "question_id": questions[0].id,
                "quiz_id": quiz.id, "code": quiz.code, "classroom_id": classroom.id, "student_id": student.id,
                "attempt_id": attempt.id, "filename": "css/app.css", "table": "attempts", "fmt": "csv",
                "teacher_id": self.other_id,
            }

    def restore(self) -> None:
        """Undo what an earlier role's harmless POSTs changed (unpublish, remove, new code …)."""
        with self.app.app_context():
            db.session.get(Quiz, self.quiz_id).published = True
            student = db.session.get(Student, self.student_id)
            student.classroom_id = self.classroom_id
            db.session.commit()

    def user_id(self, role: str) -> str | None:
        if role in ("owner", "other"):
            from quizapp.services import sign_ins
            with self.app.test_request_context():
                teacher = db.session.get(Teacher, self.owner_id if role == "owner" else self.other_id)
                sign_ins.begin(teacher)  # as signing in does
                return teacher.get_id()
        if role == "student":
            with self.app.app_context():
                return db.session.get(Student, self.student_id).get_id()  # with the current sign-in key
        return None

    def client(self, role: str):
        """A client signed in as the role, the way Flask-Login remembers it in the session."""
        client = self.app.test_client()
        user_id = self.user_id(role)
        if user_id:
            with client.session_transaction() as session:
                session["_user_id"] = user_id
                session["_fresh"] = True
        return client

    def url(self, rule, check: Check) -> str:
        with self.app.test_request_context():
            url = url_for(rule.endpoint, **{name: self.params[name] for name in rule.arguments})
        return f"{url}?{check.query.format(**self.params)}" if check.query else url


@contextmanager
def built_world(folder, **config):
    """A World on a fresh database (an app of its own, with extra config), emptied afterwards."""
    app = create_app({**base_config(folder), **config})
    with app.app_context():
        if not POSTGRES_URL:
            db.create_all()
    yield World(app)
    with app.app_context():
        db.session.remove()
        if POSTGRES_URL:
            _empty_all_tables()
        db.engine.dispose()


@pytest.fixture(scope="module")
def world(tmp_path_factory, _postgres_schema):
    with built_world(tmp_path_factory.mktemp("permissions")) as built:
        yield built


def _methods(rule) -> set[str]:
    return set(rule.methods) - {"HEAD", "OPTIONS"}


def test_every_route_has_a_rule(world):
    problems = []
    endpoints = {}
    for rule in world.app.url_map.iter_rules():
        endpoints.setdefault(rule.endpoint, set()).update(_methods(rule))
    for endpoint, methods in sorted(endpoints.items()):
        checked = {check.method for check in RULES.get(endpoint, [])}
        for method in sorted(methods - checked):
            problems.append(f"add a permissions rule for endpoint {endpoint} ({method}) to RULES in {__name__}")
        for method in sorted(checked - methods):
            problems.append(f"endpoint {endpoint} does not accept {method}: fix its rule")
    for endpoint in sorted(set(RULES) - set(endpoints)):
        problems.append(f"endpoint {endpoint} no longer exists: remove its rule")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_documented_status_everywhere(world, role):
    world.restore()
    index = ROLES.index(role)
    client = world.client(role)
    wrong, checked = [], 0
    for rule in sorted(world.app.url_map.iter_rules(), key=lambda r: r.rule):
        for check in RULES.get(rule.endpoint, []):
            if check.method not in _methods(rule):
                continue
            url = world.url(rule, check)
            response = (world.client(role) if check.fresh else client).open(url, method=check.method)
            if check.fresh:  # a student's sign-out ends every session of theirs: sign in again
                client = world.client(role)
            checked += 1
            if response.status_code != check.expect[index]:
                wrong.append(f"{check.method} {url} ({rule.endpoint}): expected {check.expect[index]}, "
                             f"got {response.status_code}")
    assert not wrong, f"as {role}:\n" + "\n".join(wrong)
    assert checked >= len(RULES)


def test_teacher_pages_send_anonymous_visitors_to_sign_in(world):
    client = world.client("anonymous")
    for rule in world.app.url_map.iter_rules():
        if rule.endpoint.startswith(("teacher.", "authoring.", "results.")) and "GET" in rule.methods:
            response = client.get(world.url(rule, Check("GET", (0, 0, 0, 0))))
            assert response.status_code == 302 and "/auth/login" in response.headers["Location"], rule.endpoint


def test_post_only_routes_refuse_get(world):
    client = world.client("owner")
    readable = {rule.rule for rule in world.app.url_map.iter_rules() if "GET" in rule.methods}
    for rule in world.app.url_map.iter_rules():
        if _methods(rule) == {"POST"} and rule.rule not in readable:  # /attempts/<id> has a GET twin
            assert client.get(world.url(rule, Check("GET", (0, 0, 0, 0)))).status_code == 405, rule.endpoint


def test_the_seed_is_readable_but_not_changeable_by_any_teacher(world):
    """Shared objects (owner NULL) answer 200 to reading and 403 to changing."""
    from quizapp.bank import load_path

    from .conftest import MINI_FILE
    with world.app.app_context():
        if db.session.execute(db.select(Quiz.id).filter_by(owner_id=None)).first() is None:
            load_path(MINI_FILE)
        quiz_id = db.session.execute(db.select(Quiz.id).filter_by(owner_id=None)).scalar_one()
        article_id = db.session.execute(db.select(Article.id).filter_by(owner_id=None)).scalar_one()
        question_id = db.session.execute(db.select(Question.id).filter_by(article_id=article_id)).scalars().first()
    client = world.client("other")
    for url in (f"/teacher/quizzes/{quiz_id}", f"/teacher/articles/{article_id}",
                f"/teacher/questions/{question_id}/preview"):
        assert client.get(url).status_code == 200, url
    for url in (f"/teacher/quizzes/{quiz_id}/edit", f"/teacher/quizzes/{quiz_id}/questions",
                f"/teacher/quizzes/{quiz_id}/delete", f"/teacher/articles/{article_id}/edit",
                f"/teacher/questions/{question_id}/edit"):
        assert client.get(url).status_code == 403, url
    for url in (f"/teacher/quizzes/{quiz_id}/publish", f"/teacher/quizzes/{quiz_id}/unpublish",
                f"/teacher/questions/{question_id}/delete"):
        assert client.post(url).status_code == 403, url
