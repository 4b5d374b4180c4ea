"""Teacher authoring: articles, questions with the passage picker, preview, history, files."""
from flask import Blueprint

from ..web.identity import require_teacher

bp = Blueprint("authoring", __name__)
bp.before_request(require_teacher)  # every route needs a signed-in teacher

from . import articles, files, questions  # noqa: E402,F401  (routes register themselves on bp)
