"""Teachers' results pages: attempts, item analysis, categories, charts, exports, drill-down."""
from flask import Blueprint

from ..web.identity import require_teacher

bp = Blueprint("results", __name__)
bp.before_request(require_teacher)  # every route needs a signed-in teacher

from . import routes  # noqa: E402,F401  (routes register themselves on bp)
