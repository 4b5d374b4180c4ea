"""Quizzes, the attempts students make at them, and the responses they give."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .timeutil import utcnow

REVEAL_MODES = ("after_submit", "after_close")


class Quiz(db.Model):
    __tablename__ = "quizzes"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(16), unique=True)  # share link and join code
    description: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    public: Mapped[bool] = mapped_column(Boolean, default=False)  # listed on the home page for everyone
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=False)
    # On unless a teacher turns it off: the position of the key must say nothing (QUESTIONS.md, rule 11).
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    max_attempts: Mapped[int | None]  # NULL: unlimited
    reveal: Mapped[str] = mapped_column(String(16), default="after_submit")
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    source_file: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    article = relationship("Article")
    items: Mapped[list["QuizQuestion"]] = relationship(
        back_populates="quiz", order_by="QuizQuestion.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint("max_attempts IS NULL OR max_attempts > 0", name="max_attempts_positive"),
        CheckConstraint("reveal IN ('after_submit', 'after_close')", name="reveal"),
        CheckConstraint("closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at", name="window"),
    )

    def is_open(self, now: datetime) -> bool:
        return (self.opens_at is None or now >= self.opens_at) and (self.closes_at is None or now < self.closes_at)

    def answers_visible(self, now: datetime) -> bool:
        """Whether a submitted attempt may show the correct answers now."""
        if self.reveal == "after_close":
            return self.closes_at is not None and now >= self.closes_at
        return True


class QuizQuestion(db.Model):
    __tablename__ = "quiz_questions"

    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    quiz: Mapped[Quiz] = relationship(back_populates="items")
    question = relationship("Question")


class QuizClassroom(db.Model):
    """A quiz assigned to a classroom."""

    __tablename__ = "quiz_classrooms"

    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"), primary_key=True)
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)


# What each entry of Attempt.answers holds, in order (migration 0003 made them lists).
ANSWER_FIELDS = ("answer", "raw", "points", "max_points", "correct")


class Attempt(db.Model):
    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))  # see ix_attempts_results
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    # The student's class when the attempt started: results stay filed under it if they move.
    classroom_id: Mapped[int | None] = mapped_column(ForeignKey("classrooms.id", ondelete="SET NULL"), index=True)
    number: Mapped[int]  # 1 for the student's first attempt at this quiz
    # Fixed at start so shuffling survives reloads and any worker renders the same page:
    # [{"question_id": 1, "version_id": 7, "options": ["b", "a", "c"]}, ...]
    layout: Mapped[list] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]  # indexed with the quiz: see ix_attempts_results
    score: Mapped[float | None] = mapped_column(Float)
    max_score: Mapped[int]
    # The graded answers, in layout order, stored by the submit's one UPDATE: the attempt's
    # record, read by the review pages. One list per answer, its items named by ANSWER_FIELDS:
    # [[["a", "c"], "a; c", 0.5, 1, false], ...] (lists, not objects: a third of the size).
    answers: Mapped[list | None] = mapped_column(JSON(none_as_null=True))
    # The answers typed so far, while the attempt is open: the quiz form's values by field
    # ({"q12": ["a", "c"], "q13": ["1'234"]}), written by services/drafts.py, cleared by the
    # submit. Never graded, never read by the statistics or the teacher's pages.
    draft: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))

    quiz: Mapped[Quiz] = relationship()
    student = relationship("Student")
    responses: Mapped[list["Response"]] = relationship(
        back_populates="attempt", order_by="Response.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("quiz_id", "student_id", "number"),
        # Covers the results pages' aggregates (count, mean, median, histogram per quiz) so they
        # read the index alone, not every attempt row with its layout: 10,000 attempts stay fast.
        Index("ix_attempts_results", "quiz_id", "submitted_at", "score", "max_score", "classroom_id"),
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= max_score)", name="score_range"),
        CheckConstraint("(submitted_at IS NULL) = (score IS NULL)", name="scored_when_submitted"),
        CheckConstraint("(submitted_at IS NULL) = (answers IS NULL)", name="answers_when_submitted"),
        CheckConstraint("submitted_at IS NULL OR draft IS NULL", name="draft_only_while_open"),
    )


class Response(db.Model):
    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    question_version_id: Mapped[int] = mapped_column(ForeignKey("question_versions.id", ondelete="CASCADE"))
    position: Mapped[int]
    answer: Mapped[dict | list | str | float | bool | None] = mapped_column(JSON)  # the parsed answer, None if blank
    raw: Mapped[str] = mapped_column(Text, default="")  # what was typed, for the review
    points: Mapped[float] = mapped_column(Float)
    max_points: Mapped[int]
    correct: Mapped[bool] = mapped_column(Boolean)

    attempt: Mapped[Attempt] = relationship(back_populates="responses")
    version = relationship("QuestionVersion")

    __table_args__ = (
        UniqueConstraint("attempt_id", "question_id"),
        # One index for "responses to this question, by version" (authoring's usage counts and
        # the FK cascades) instead of two: every submit writes 30 entries into each index.
        Index("ix_responses_question_id_version", "question_id", "question_version_id"),
        CheckConstraint("points >= 0 AND points <= max_points", name="points_range"),
    )
