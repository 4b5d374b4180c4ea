"""Teachers' results pages: attempts, item analysis, categories, charts, exports, drill-down."""
from flask import Blueprint

bp = Blueprint("results", __name__)

from . import routes  # noqa: E402,F401  (routes register themselves on bp)
