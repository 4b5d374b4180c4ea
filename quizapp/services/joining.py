"""Students joining a class with its code, a display name and optionally a PIN.

In a class a display name identifies a student. The rules, in order:
- a new name creates the student (or, for a signed-in student without a class, moves that
  student into the class under the name, keeping their attempts);
- an existing name is only ever taken back with that student's PIN, and a name without a PIN
  cannot be taken at all, so nobody silently becomes someone else;
- PIN tries are counted in the database before the PIN is checked (quizapp.services.ratelimits), per
  student (LOGIN_RATE_LIMIT per LOGIN_RATE_WINDOW) and per address (LOGIN_ADDRESS_LIMIT), so
  guessing a four-digit PIN in parallel, or from several workers or machines, is as slow as
  one guess after the other; a right PIN clears the student's count. A locked-out student
  waits or asks their teacher, who can set a new PIN.
- class codes that match nothing count against the address (quizapp.services.codes).
"""
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from .codes import code_guesses_exhausted, count_code_miss, normalize_code
from ..extensions import db
from ..models import Classroom, Quiz, Student
from .ratelimits import Limit, network, release, reserve

# Own scopes: PIN tries never count against a teacher's sign-in or a school's sign-in allowance.
PIN_STUDENT = Limit("pin student", "LOGIN_RATE_LIMIT", "LOGIN_RATE_WINDOW")
PIN_ADDRESS = Limit("pin address", "LOGIN_ADDRESS_LIMIT", "LOGIN_RATE_WINDOW")


class JoinRefused(Exception):
    """The student cannot join like this; ``message`` says why and ``field`` where."""

    def __init__(self, message: str, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message, self.field, self.status = message, field, status


@dataclass
class Joined:
    student: Student
    classroom: Classroom
    how: str  # "created", "attached", "returned" or "already"


def classroom_by_code(code: str | None) -> Classroom | None:
    code = normalize_code(code)
    if not code:
        return None
    return db.session.execute(db.select(Classroom).filter_by(join_code=code)).scalar_one_or_none()


def published_quiz_code(code: str | None) -> str | None:
    """The code of a published quiz, when a student typed a quiz's code into the class form."""
    code = normalize_code(code)
    return db.session.scalar(db.select(Quiz.code).where(Quiz.code == code, Quiz.published.is_(True))) if code else None


def _same_name(classroom: Classroom, name: str) -> Student | None:
    """The student of the class with this name, compared without regard to case.

    Compared in Python, not with SQL lower(), so "Ömer" and "ömer" are one name on SQLite too;
    a class has a few dozen students.
    """
    wanted = name.casefold()
    rows = db.session.execute(db.select(Student.id, Student.display_name)
                              .where(Student.classroom_id == classroom.id)).all()
    match = next((sid for sid, display_name in rows if display_name.casefold() == wanted), None)
    return db.session.get(Student, match) if match is not None else None


def forget_pin_tries(student_id: int) -> None:
    """Unlock a student's name for PIN tries (their teacher set or removed the PIN)."""
    release(clear=((PIN_STUDENT, str(student_id)),))


def _return_with_pin(student: Student, classroom: Classroom, pin: str | None, remote_addr: str) -> Joined:
    if not student.pin_hash:
        raise JoinRefused(_("This name is taken in this class; pick another or ask your teacher to set a PIN."),
                          field="display_name")
    if not pin:
        raise JoinRefused(_("This name is taken in this class. If it is yours, enter your PIN."), field="pin")
    tries = ((PIN_STUDENT, str(student.id)), (PIN_ADDRESS, network(remote_addr)))
    if reserve(*tries) is not None:  # counted before the check, so parallel guesses cannot race it
        raise JoinRefused(_("Too many wrong PINs. Please wait 15 minutes or ask your teacher."),
                          field="pin", status=429)
    if not student.check_pin(pin):
        raise JoinRefused(_("The PIN is wrong."), field="pin")
    release(clear=tries[:1], give_back=tries[1:])
    return Joined(student, classroom, "returned")


def join_classroom(code: str, name: str, pin: str | None, current: Student | None,
                   remote_addr: str = "-") -> Joined:
    """Apply the joining rules and commit; the caller signs the returned student in."""
    if code_guesses_exhausted(remote_addr):
        raise JoinRefused(_("Too many codes that match nothing. Please wait a few minutes."), field="code", status=429)
    classroom = classroom_by_code(code)
    if classroom is None:
        if published_quiz_code(code) is None and not count_code_miss(remote_addr):
            raise JoinRefused(_("Too many codes that match nothing. Please wait a few minutes."), field="code",
                              status=429)
        raise JoinRefused(_("There is no class with this code. Check it with your teacher."), field="code")
    existing = _same_name(classroom, name)
    if existing is not None:
        if current is not None and existing.id == current.id:
            return Joined(existing, classroom, "already")
        return _return_with_pin(existing, classroom, pin, remote_addr)
    if current is not None and current.classroom_id is None:
        student, how = current, "attached"
        student.display_name = name
        student.classroom_id = classroom.id
    else:
        student, how = Student(display_name=name, classroom_id=classroom.id), "created"
        db.session.add(student)
    if pin:
        student.set_pin(pin)
    try:
        db.session.commit()
    except IntegrityError:  # the same name joined a moment ago from another device
        db.session.rollback()
        raise JoinRefused(_("This name is taken in this class; pick another or ask your teacher to set a PIN."),
                          field="display_name") from None
    return Joined(student, classroom, how)
