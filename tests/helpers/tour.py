"""A tour of every page a student or teacher reaches, on the shipped question bank.

`build_world` seeds what the pages need (the bank, a teacher with a class, a student of that
class with one submitted attempt scoring a fraction of a point and one open attempt, a
classmate's blank attempt, the teacher's own copies of the article and the quiz);
`student_pages` and `teacher_pages` give one URL per page type (Flask endpoint). `page_endpoints` walks the app's URL map, so a new
GET page that the tour misses fails the tour's completeness test.

Nothing here knows the seed's question texts: answers are chosen from the loaded data.
"""
from dataclasses import dataclass
from pathlib import Path

from quizapp.extensions import db
from quizapp.models import Question, Quiz, Student, Teacher

SEED_DIR = Path(__file__).resolve().parents[2] / "questions"
STUDENT_NAME = "Mia Muster"
CLASSMATE_NAME = "Noah Beispiel"
STUDENT_PIN = "4711"  # to join the class again under the same name, as on a second device
TEACHER_EMAIL = "lehrerin@schule.ch"
TEACHER_NAME = "Frau Keller"
CLASS_NAME = "3b"
# GET routes that answer with a file or a probe, not a page a person reads.
NOT_PAGES = {"static", "health.healthz", "authoring.export", "results.export"}
# Pages a visitor sees before joining or signing in (the quiz page then asks for a name).
BEFORE_SIGN_IN = ("student.home", "student.join", "auth.login")


@dataclass
class World:
    quiz_code: str
    quiz_id: int
    article_slug: str
    published: str  # the article's ISO date as stored (may be partial: 2025-06)
    passages: list[dict]  # anchor and text of every passage of the article
    passage: dict  # anchor and exact quote of a question's answering passage
    class_code: str
    classroom_id: int
    student_id: int
    attempt_id: int  # submitted
    open_attempt_id: int  # started, not submitted
    score: float
    max_score: float
    own_quiz_id: int
    own_article_id: int
    own_question_id: int
    reset_path: str  # a password-reset link an administrator issued for a colleague


def _fraction_answers(questions: list[Question]) -> dict[str, list[str]]:
    """One correct option of each multiple-select question with several: partial credit, a fraction."""
    answers = {}
    for question in questions:
        correct = [option["key"] for option in question.spec.get("options", []) if option.get("correct")]
        if question.kind == "multiple_select" and len(correct) > 1:
            answers[f"q{question.id}"] = correct[:1]
        elif question.kind in {"single_choice", "evidence"} and correct:
            answers[f"q{question.id}"] = correct
    return answers


def build_world(app, teacher_id: int) -> World:
    """Seed the bank and everything the tour's pages show, through the app's services."""
    from quizapp.services.attempts import start_attempt, submit_attempt
    from quizapp.services.articles import copy_article
    from quizapp.bank import load_path
    from quizapp.services.classrooms import create_classroom, set_pin
    from quizapp.services.quizzes import copy_quiz
    with app.test_request_context():
        load_path(SEED_DIR)
        teacher = db.session.get(Teacher, teacher_id)
        quiz = db.session.execute(db.select(Quiz).where(Quiz.public.is_(True)).order_by(Quiz.id)).scalars().first()
        classroom = create_classroom(teacher, CLASS_NAME)
        student = Student(display_name=STUDENT_NAME, classroom_id=classroom.id)
        db.session.add(student)
        db.session.commit()
        set_pin(student, STUDENT_PIN)
        questions = db.session.execute(db.select(Question).filter_by(article_id=quiz.article_id, status="published")
                                       .order_by(Question.position)).scalars().all()
        attempt = start_attempt(student, quiz)
        submit_attempt(attempt, _fraction_answers(questions))
        classmate = Student(display_name=CLASSMATE_NAME, classroom_id=classroom.id)
        db.session.add(classmate)
        db.session.commit()
        submit_attempt(start_attempt(classmate, quiz), {})  # two scores: a spread, a median
        from quizapp.services.content import article_passages
        passages = [{"anchor": p["anchor"], "text": p["text"]} for p in article_passages(quiz.article)]
        quoted = next(q for q in questions if q.passage is not None)
        passage = {"anchor": quoted.passage.anchor, "quote": quoted.quote_exact}
        own_quiz = copy_quiz(quiz, teacher)
        own_article = copy_article(quiz.article, teacher.id)
        own_question = db.session.execute(db.select(Question.id).filter_by(article_id=own_article.id)
                                          .order_by(Question.position)).scalars().first()
        quiz.max_attempts = None  # a second, open attempt for the quiz page
        db.session.commit()
        second = start_attempt(student, quiz)
        return World(quiz_code=quiz.code, quiz_id=quiz.id, article_slug=quiz.article.slug, passage=passage,
                     published=quiz.article.published or "", passages=passages,
                     class_code=classroom.join_code, classroom_id=classroom.id, student_id=student.id,
                     attempt_id=attempt.id, open_attempt_id=second.id, score=attempt.score,
                     max_score=attempt.max_score, own_quiz_id=own_quiz.id, own_article_id=own_article.id,
                     own_question_id=own_question, reset_path=_reset_path(teacher_id))


def _reset_path(admin_id: int) -> str:
    """A reset link for a colleague, issued by the (administrator) teacher, as a path."""
    from urllib.parse import urlsplit

    from quizapp.services.accounts import create_teacher
    from quizapp.services.password_reset import issue_link
    colleague = create_teacher("kollege@schule.ch", "Herr Kollege", "ein langes Kollegenpasswort")
    db.session.commit()
    url = urlsplit(issue_link(db.session.get(Teacher, admin_id), colleague))
    return f"{url.path}?{url.query}"


def student_pages(world: World) -> dict[str, str]:
    """Endpoint -> URL of every page an anonymous visitor or a student reaches."""
    from urllib.parse import urlencode
    highlight = urlencode({"passage": world.passage["anchor"], "quote": world.passage["quote"]})
    return {
        "student.home": "/",
        "student.join": "/join",
        "auth.login": "/auth/login",
        "student.quiz": f"/quiz/{world.quiz_code}",
        "student.worksheet": f"/quiz/{world.quiz_code}/print",
        "student.attempt": f"/attempts/{world.open_attempt_id}",
        "student.result": f"/attempts/{world.attempt_id}/result",
        "student.article": f"/articles/{world.article_slug}?{highlight}",
        "student.history": "/me/attempts",
        "auth.confirm_logout": "/auth/logout",
        "auth.reset_password": world.reset_path,
    }


def teacher_pages(world: World) -> dict[str, str]:
    """Endpoint -> URL of every teacher page."""
    c, s, q, a = world.classroom_id, world.student_id, world.own_quiz_id, world.own_article_id
    question = world.own_question_id
    return {
        "teacher.dashboard": "/teacher/",
        "teacher.classes": "/teacher/classes",
        "teacher.classroom": f"/teacher/classes/{c}",
        "teacher.classroom_delete": f"/teacher/classes/{c}/delete",
        "teacher.student": f"/teacher/classes/{c}/students/{s}",
        "teacher.student_remove": f"/teacher/classes/{c}/students/{s}/remove",
        "teacher.quizzes": "/teacher/quizzes",
        "teacher.quiz_new": "/teacher/quizzes/new",
        "teacher.quiz": f"/teacher/quizzes/{q}",
        "teacher.quiz_edit": f"/teacher/quizzes/{q}/edit",
        "teacher.quiz_questions": f"/teacher/quizzes/{q}/questions",
        "teacher.quiz_delete": f"/teacher/quizzes/{q}/delete",
        "teacher.teachers": "/teacher/teachers",
        "teacher.password": "/teacher/password",
        "authoring.articles": "/teacher/articles",
        "authoring.new_article": "/teacher/articles/new",
        "authoring.article": f"/teacher/articles/{a}",
        "authoring.edit_article": f"/teacher/articles/{a}/edit",
        "authoring.edit_text": f"/teacher/articles/{a}/text",
        "authoring.article_delete": f"/teacher/articles/{a}/delete",
        "authoring.new_question": f"/teacher/articles/{a}/questions/new?kind=single_choice",
        "authoring.edit_question": f"/teacher/questions/{question}/edit",
        "authoring.preview_question": f"/teacher/questions/{question}/preview",
        "authoring.question_history": f"/teacher/questions/{question}/history",
        "authoring.delete": f"/teacher/questions/{question}/delete",
        "authoring.import_questions": "/teacher/import",
        "results.index": "/teacher/results",
        "results.quiz": f"/teacher/results/{world.quiz_id}",
        "results.items": f"/teacher/results/{world.quiz_id}/items",
        "results.categories": f"/teacher/results/{world.quiz_id}/categories",
        "results.print_sheet": f"/teacher/results/{world.quiz_id}/print",
        "results.attempt": f"/teacher/results/attempts/{world.attempt_id}",
    }


def page_endpoints(app) -> set[str]:
    """Every endpoint that answers GET with a page (the URL map, minus files and probes)."""
    return {rule.endpoint for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and rule.endpoint not in NOT_PAGES}
