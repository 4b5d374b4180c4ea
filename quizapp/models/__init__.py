"""The database schema: one module per part of the domain."""
from .articles import Article, Passage, PASSAGE_KINDS
from .people import Classroom, LoginFailure, Student, Teacher
from .questions import CATEGORIES, DIFFICULTIES, Question, QuestionVersion
from .quizzes import ANSWER_FIELDS, Attempt, Quiz, QuizClassroom, QuizQuestion, Response, REVEAL_MODES
from .timeutil import utcnow

__all__ = [
    "ANSWER_FIELDS",
    "Article", "Passage", "PASSAGE_KINDS", "Classroom", "LoginFailure", "Student", "Teacher",
    "CATEGORIES", "DIFFICULTIES", "Question", "QuestionVersion", "Attempt", "Quiz",
    "QuizClassroom", "QuizQuestion", "Response", "REVEAL_MODES", "utcnow",
]
