"""GET /healthz: is this worker up and can it reach the database? For load balancers and monitors."""
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db

bp = Blueprint("health", __name__)

NO_STORE = {"Cache-Control": "no-store"}


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        # The reason goes to the log only: the endpoint is public and must not leak URLs.
        current_app.logger.error("health check: database unreachable: %s", error.__class__.__name__)
        return jsonify(status="error", database="unreachable"), 503, NO_STORE
    return jsonify(status="ok", database="ok"), 200, NO_STORE
