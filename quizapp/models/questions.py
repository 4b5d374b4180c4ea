"""Questions and their immutable versions.

A Question is the editable item a teacher (or a question file) owns. Every change of what a
student sees or how it is graded creates a new QuestionVersion; attempts point at versions, so
editing never rewrites a past score or a past review.
"""
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .timeutil import utcnow

CATEGORIES = ("figures", "actors", "motives", "sourcing")
DIFFICULTIES = ("easy", "medium", "hard")
STATUSES = ("draft", "published")


def _in(values) -> str:
    return ", ".join(f"'{value}'" for value in values)


class Question(db.Model):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))  # the stable id of a question file
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(16))
    tags: Mapped[list] = mapped_column(JSON, default=list)
    difficulty: Mapped[str] = mapped_column(String(8), default="medium")
    points: Mapped[int] = mapped_column(default=1)
    prompt: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text, default="")
    spec: Mapped[dict] = mapped_column(JSON, default=dict)  # the kind's own data: options, answer, unit
    quote_exact: Mapped[str] = mapped_column(Text)
    quote_prefix: Mapped[str] = mapped_column(Text, default="")
    quote_suffix: Mapped[str] = mapped_column(Text, default="")
    # NULL when the article's text changed and the quote no longer resolves.
    passage_id: Mapped[int | None] = mapped_column(ForeignKey("passages.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default="published")
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)  # number of the current QuestionVersion
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    article = relationship("Article")
    passage = relationship("Passage")
    versions: Mapped[list["QuestionVersion"]] = relationship(
        back_populates="question", order_by="QuestionVersion.number", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("article_id", "key"),
        CheckConstraint(f"category IN ({_in(CATEGORIES)})", name="category"),
        CheckConstraint(f"difficulty IN ({_in(DIFFICULTIES)})", name="difficulty"),
        CheckConstraint(f"status IN ({_in(STATUSES)})", name="status"),
        CheckConstraint("points > 0", name="points_positive"),
        CheckConstraint("version > 0", name="version_positive"),
        CheckConstraint("length(prompt) > 0", name="prompt_not_empty"),
        CheckConstraint("length(quote_exact) > 0", name="quote_not_empty"),
    )

    @property
    def current_version(self) -> "QuestionVersion | None":
        return next((v for v in self.versions if v.number == self.version), None)


class QuestionVersion(db.Model):
    """What students saw and were graded against: a frozen snapshot of a question."""

    __tablename__ = "question_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    number: Mapped[int]
    # Copied out of the snapshot so statistics can group in SQL.
    kind: Mapped[str] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(16))
    points: Mapped[int]
    snapshot: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    question: Mapped[Question] = relationship(back_populates="versions")

    __table_args__ = (
        UniqueConstraint("question_id", "number"),
        CheckConstraint(f"category IN ({_in(CATEGORIES)})", name="category"),
        CheckConstraint("points > 0", name="points_positive"),
        # A version id names immutable content in caches and attempt layouts: SQLite must never
        # hand a deleted version's id to a new one (PostgreSQL's sequences never do).
        {"sqlite_autoincrement": True},
    )
