"""Articles and their passages: the text students read and questions point into."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .timeutil import utcnow

PASSAGE_KINDS = ("headline", "lead", "heading", "paragraph", "box", "caption")


class Article(db.Model):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    outlet: Mapped[str] = mapped_column(String(120))
    author: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[str | None] = mapped_column(String(10))  # ISO date, may be partial: 2025-06
    language: Mapped[str] = mapped_column(String(8), default="de")
    source_url: Mapped[str | None] = mapped_column(String(500))
    attribution: Mapped[str | None] = mapped_column(Text)
    # NULL owner: shipped with the app (the seed), shared read-only with every teacher.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"), index=True)
    source_file: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    passages: Mapped[list["Passage"]] = relationship(
        back_populates="article", order_by="Passage.position", cascade="all, delete-orphan"
    )
    owner = relationship("Teacher")

    def passage_by_anchor(self, anchor: str) -> "Passage | None":
        return next((p for p in self.passages if p.anchor == anchor), None)


class Passage(db.Model):
    """One block of an article as the reader sees it, addressed by a stable anchor."""

    __tablename__ = "passages"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int]
    anchor: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(16))
    label: Mapped[str | None] = mapped_column(String(200))  # a box's title
    credit: Mapped[str | None] = mapped_column(String(200))  # a caption's photographer/agency
    text: Mapped[str] = mapped_column(Text)

    article: Mapped[Article] = relationship(back_populates="passages")

    __table_args__ = (
        UniqueConstraint("article_id", "anchor"),
        CheckConstraint("kind IN ('headline', 'lead', 'heading', 'paragraph', 'box', 'caption')", name="kind"),
        CheckConstraint("length(text) > 0", name="text_not_empty"),
    )
