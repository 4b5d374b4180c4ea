"""Statistics for teachers' results pages, computed as SQL aggregates; read-only.

Every function takes a Scope (which attempts count) and issues a fixed number of queries,
whatever the number of attempts: nothing here loads attempts or responses row by row.
"""
from .attempts import DEFAULT_SORT, SORT_KEYS, Summary, attempt_page, quizzes_with_results, summary
from .categories import SHEET_LIMIT, Facility, attempt_sheet, category_facility, student_categories, student_count, tag_facility
from .items import TOO_EASY, TOO_HARD, Item, item_analysis, pearson
from .scope import PERCENT, Scope, attempt_seen_by, attempts_visible_to, reviewable_attempt, visible_attempts

__all__ = [
    "DEFAULT_SORT", "SORT_KEYS", "Summary", "attempt_page", "quizzes_with_results", "summary",
    "SHEET_LIMIT", "Facility", "attempt_sheet", "category_facility", "student_categories", "student_count", "tag_facility",
    "TOO_EASY", "TOO_HARD", "Item", "item_analysis", "pearson",
    "PERCENT", "Scope", "attempt_seen_by", "attempts_visible_to", "reviewable_attempt", "visible_attempts",
]
