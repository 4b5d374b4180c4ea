"""Student pages: find a quiz, take it, see the result and the article passages."""
from flask import Blueprint

bp = Blueprint("student", __name__)

from . import routes  # noqa: E402,F401  (routes register themselves on bp)
from . import join  # noqa: E402,F401  (joining a class with its code)
