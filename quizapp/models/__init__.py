"""The database schema: one module per part of the domain."""
from .articles import Article, Passage, PASSAGE_KINDS
from .limits import RateCount
from .people import Classroom, Student, Teacher
from .sign_ins import SignIn
from .questions import CATEGORIES, DIFFICULTIES, Question, QuestionVersion
from .quizzes import ANSWER_FIELDS, Attempt, Quiz, QuizClassroom, QuizQuestion, Response, REVEAL_MODES
from .timeutil import utcnow

__all__ = [
    "ANSWER_FIELDS",
    "Article", "Passage", "PASSAGE_KINDS", "Classroom", "RateCount", "Student", "Teacher",
    "CATEGORIES", "DIFFICULTIES", "Question", "QuestionVersion", "Attempt", "Quiz",
    "QuizClassroom", "QuizQuestion", "Response", "REVEAL_MODES", "SignIn", "utcnow",
]
