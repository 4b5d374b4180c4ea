"""Helpers for the teacher-area tests: classes, second teachers, students who join."""
from quizapp.extensions import db
from quizapp.models import Classroom, Student, Teacher

from .conftest import sign_in


def make_classroom(app, teacher_id: int, name: str = "3b") -> tuple[int, str]:
    """Create a class through the service; return (id, join code)."""
    from quizapp.services.classrooms import create_classroom
    with app.test_request_context():
        classroom = create_classroom(db.session.get(Teacher, teacher_id), name)
        return classroom.id, classroom.join_code


def client_for_teacher(app, make_teacher, email: str = "kollege@schule.ch"):
    """A new teacher and a client signed in as them (teacher id in .teacher_id)."""
    teacher_id = make_teacher(email=email, name=email.split("@")[0])
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    client.teacher_id = teacher_id
    return client


def join(client, code: str, name: str, pin: str | None = None):
    data = {"code": code, "display_name": name}
    if pin is not None:
        data["pin"] = pin
    return client.post("/join", data=data)


def joined_student(app, code: str, name: str = "Mia", pin: str | None = None):
    """A client that joined the class as a student (student id in .student_id)."""
    client = app.test_client()
    response = join(client, code, name, pin)
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        client.student_id = db.session.execute(
            db.select(Student.id).join(Classroom).where(Classroom.join_code == code, Student.display_name == name)
        ).scalar_one()
    return client


def count(app, model, **filters) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model).filter_by(**filters))


def submit_for(app, student_id: int, code: str, times: int = 1) -> list[int]:
    """Start and submit (blank) attempts at the quiz ``code`` for an existing student."""
    from quizapp.services.attempts import start_attempt, submit_attempt
    from quizapp.models import Quiz
    ids = []
    with app.test_request_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(code=code)).scalar_one()
        student = db.session.get(Student, student_id)
        for _ in range(times):
            attempt = start_attempt(student, quiz)
            submit_attempt(attempt, {})
            ids.append(attempt.id)
    return ids


def own_article(app, teacher_id: int, slug: str = "eigener-artikel") -> int:
    """Load the mini article (without its quiz) as the teacher's own; return the article id."""
    import yaml

    from quizapp.bank.loader import load_document
    from quizapp.bank.schema import validate_document

    from .conftest import MINI_FILE
    data = yaml.safe_load(MINI_FILE.read_text())
    data["article"]["slug"] = slug
    data.pop("quiz", None)
    clean, errors = validate_document(data, slug)
    assert not errors, errors
    with app.app_context():
        article = load_document(clean, source_file=None, owner_id=teacher_id)
        db.session.commit()
        return article.id
