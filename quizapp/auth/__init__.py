"""Signing in and out: teachers with email and password; new passwords through reset links."""
from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import reset, routes  # noqa: E402,F401
