"""Write articles and their questions back out in the question-file format of questions/*.yaml.

``question_entry`` is the inverse of ``schema.validate_question``: validating an exported entry
gives back the data stored in the database, which the round-trip tests prove. The authoring
forms are filled from the same entries, so the web and the files speak one format.
"""
from datetime import date

import yaml

from ..models import Article, Question
from ..kinds import get_kind


def kind_fields(kind: str, spec: dict) -> dict:
    """The fields a question file writes for the kind's spec (options, answer, unit …): the kind's own."""
    return get_kind(kind).file_fields(spec)


def question_entry(question: Question) -> dict:
    """One question as a question file writes it."""
    anchor = question.passage.anchor if question.passage is not None else None
    if anchor is None and question.current_version is not None:
        anchor = question.current_version.snapshot["quote"].get("anchor")
    entry = {"id": question.key, "kind": question.kind, "category": question.category}
    if question.tags:
        entry["tags"] = list(question.tags)
    entry.update({"difficulty": question.difficulty, "points": question.points, "status": question.status,
                  "prompt": question.prompt})
    entry.update(kind_fields(question.kind, question.spec))
    if question.explanation:
        entry["explanation"] = question.explanation
    entry["quote"] = {"exact": question.quote_exact, **({"passage": anchor} if anchor else {})}
    return entry


def article_entry(article: Article) -> dict:
    data = {"slug": article.slug, "title": article.title, "outlet": article.outlet}
    for name in ("author", "published"):
        if getattr(article, name):
            data[name] = getattr(article, name)
    data["language"] = article.language
    for name in ("source_url", "attribution"):
        if getattr(article, name):
            data[name] = getattr(article, name)
    blocks = []
    for passage in article.passages:
        block = {"anchor": passage.anchor, "kind": passage.kind}
        if passage.label:
            block["label"] = passage.label
        if passage.credit:
            block["credit"] = passage.credit
        block["text"] = passage.text
        blocks.append(block)
    data["blocks"] = blocks
    return data


def article_document(article: Article, questions: list[Question]) -> dict:
    """The whole file for an article: its text and its questions in their order."""
    return {"article": article_entry(article), "questions": [question_entry(q) for q in questions]}


def dump_document(document: dict, today: date | None = None) -> str:
    """YAML text in the style of questions/*.yaml: UTF-8, keys in reading order, long lines kept."""
    header = (f"# Exported from quizapp on {(today or date.today()).isoformat()}. "
              "Edit it and import it again, or load it with `flask load-questions`.\n")
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=4096,
                                   default_flow_style=False)
