"""Teacher authoring: articles, questions with the passage picker, preview, history, files."""
from flask import Blueprint

bp = Blueprint("authoring", __name__)

from . import articles, files, questions  # noqa: E402,F401  (routes register themselves on bp)
