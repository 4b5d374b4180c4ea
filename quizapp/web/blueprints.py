"""Blueprints, error pages and template helpers."""
from flask import Flask, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..auth import bp as auth_bp
from ..authoring import bp as authoring_bp
from ..kinds import KINDS
from .field_aria import field_aria, fields_in_error
from .labels import category_label, passage_kind_label
from .negotiation import wants_json
from ..models import CATEGORIES
from ..results import bp as results_bp
from ..student import bp as student_bp
from ..teacher import bp as teacher_bp


def register_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        message = _("The form expired or was sent from elsewhere. Go back, reload the page and send it again.")
        return render_template("errors/error.html", code=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        messages = {
            400: _("The request could not be understood. Check the form and try again."),
            403: _("You are not allowed to open this page."),
            404: _("This page does not exist, or you are not allowed to see it."),
            405: _("This address does not accept that kind of request."),
            413: _("The upload is too large."),
            429: _("Too many attempts. Please wait a few minutes."),
        }
        message = error.description if getattr(error, "show_description", False) else messages.get(error.code, error.name)
        if request.path.startswith("/api/") or wants_json():  # e.g. the quiz page's draft saving
            body = {"error": error.name, "message": message}
            if getattr(error, "offer_join", False):  # the page's script links to it (static/js/draft.js)
                body |= {"join_url": url_for("student.join", next=error.come_back_to),
                         "join_label": _("Join your class (opens a new tab)")}
            return body, error.code
        return render_template("errors/error.html", code=error.code, message=message,
                               heading=getattr(error, "heading", None),
                               offer_join=getattr(error, "offer_join", False),
                               come_back_to=getattr(error, "come_back_to", None)), error.code



def init_app(app: Flask) -> None:
    app.register_blueprint(student_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    # Three teacher-facing blueprints share /teacher: classes and quizzes, authoring, results.
    for teacher_bp_part in (teacher_bp, authoring_bp, results_bp):
        app.register_blueprint(teacher_bp_part, url_prefix="/teacher")
    register_error_pages(app)
    app.jinja_env.globals.update(category_label=category_label, passage_kind_label=passage_kind_label, KINDS=KINDS,
                                  CATEGORIES=CATEGORIES, field_aria=field_aria, fields_in_error=fields_in_error)
