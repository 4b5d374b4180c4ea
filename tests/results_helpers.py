"""A small fixed data set for the results tests, with every figure computable by hand.

The mini quiz (owned by teacher "owner"), questions tagged, four submitted attempts:

    student  class         N (1)  S (1)  M (1)    T (1)  E (2)   score  percent
    Anna     owner's 3a    1      1      1  a,b   blank  2  a    5      83.33
    Ben      owner's 3a    1      1      .5 a     blank  0  b    2.5    41.67
    Cleo     other's 4b    0 13   1      0  a,c   blank  2  a    3      50
    Dario    no class      blank  1      0  c     blank  2  a    3      50

N numeric (figures; tags zahl), S single choice, everyone right (actors; wer), M multiple
select (sourcing; zahl, quelle), T true/false nobody answered (figures; zahl), E evidence
worth 2 (sourcing; quelle), and L, added to the quiz after the attempts, so no one saw it
(motives; spaet).
"""
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from quizapp.bank import load_path
from quizapp.bank.versions import record_version
from quizapp.extensions import db
from quizapp.models import Attempt, Classroom, Question, Quiz, QuizQuestion

from .conftest import MINI_FILE

TAGS = {"anzahl-bruecken": ["zahl"], "wer-sagt-kosten": ["wer"], "was-ist-vermutung": ["zahl", "quelle"],
        "beginn-april": ["zahl"], "beleg-datum": ["quelle"]}
ANSWERS = {
    "Anna": {"anzahl-bruecken": "12", "wer-sagt-kosten": "a", "was-ist-vermutung": ["a", "b"], "beleg-datum": "a"},
    "Ben": {"anzahl-bruecken": "12", "wer-sagt-kosten": "a", "was-ist-vermutung": ["a"], "beleg-datum": "b"},
    "Cleo": {"anzahl-bruecken": "13", "wer-sagt-kosten": "a", "was-ist-vermutung": ["a", "c"], "beleg-datum": "a"},
    "Dario": {"wer-sagt-kosten": "a", "was-ist-vermutung": ["c"], "beleg-datum": "a"},
}
# Submitted at (UTC): Ben's is late on 1 June in UTC, but already 2 June in Zurich (UTC+2).
SUBMITTED = {"Anna": datetime(2025, 6, 1, 8, 0), "Ben": datetime(2025, 6, 1, 22, 30),
             "Cleo": datetime(2025, 6, 3, 9, 0), "Dario": datetime(2025, 6, 5, 9, 0)}
MINUTES = {"Anna": 10, "Ben": 15, "Cleo": 5, "Dario": 10}  # time taken; Anna and Dario tie


def load_tagged_mini(app, tmp_path: Path) -> str:
    """Load the mini quiz with tags on its questions; return its code."""
    data = yaml.safe_load(MINI_FILE.read_text(encoding="utf-8"))
    for question in data["questions"]:
        question["tags"] = TAGS[question["id"]]
    folder = tmp_path / "tagged"
    folder.mkdir()
    (folder / "mini.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with app.app_context():
        load_path(folder)
    return "MINI01"


def build_fixed_data(app, tmp_path, make_teacher, make_attempt) -> dict:
    """Create the data set above; return ids: teachers, classes, quiz, attempts by name, questions by key."""
    code = load_tagged_mini(app, tmp_path)
    owner = make_teacher("owner@schule.ch", "Frau Owner")
    other = make_teacher("other@schule.ch", "Herr Other")
    with app.app_context():
        own_class = Classroom(teacher_id=owner, name="3a", join_code="OWNR3A")
        other_class = Classroom(teacher_id=other, name="4b", join_code="OTHR4B")
        db.session.add_all([own_class, other_class])
        db.session.commit()
        classes = {"owner": own_class.id, "other": other_class.id}
    homes = {"Anna": classes["owner"], "Ben": classes["owner"], "Cleo": classes["other"], "Dario": None}
    attempts = {name: make_attempt(code, ANSWERS[name], name=name, classroom_id=homes[name]) for name in ANSWERS}
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(code=code)).scalar_one()
        quiz.owner_id = owner
        for name, attempt_id in attempts.items():
            attempt = db.session.get(Attempt, attempt_id)
            attempt.started_at = SUBMITTED[name] - timedelta(minutes=MINUTES[name])
            attempt.submitted_at = SUBMITTED[name]
        late = Question(article_id=quiz.article_id, key="spaeter", kind="true_false", category="motives",
                        tags=["spaet"], prompt="Stimmt es? «Die Gemeinde baut Brücken.»",
                        spec={"answer": True, "feedback_true": "", "feedback_false": ""},
                        quote_exact="Die Gemeinde baut 12 neue Brücken.", position=5)
        db.session.add(late)
        db.session.flush()
        record_version(late, "titel")
        db.session.add(QuizQuestion(quiz_id=quiz.id, question_id=late.id, position=5))
        db.session.commit()
        questions = dict(db.session.execute(db.select(Question.key, Question.id)).all())
        quiz_id = quiz.id
    return {"owner": owner, "other": other, "classes": classes, "quiz": quiz_id, "code": code,
            "attempts": attempts, "questions": questions}
