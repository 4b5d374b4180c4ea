"""Sign in and out."""
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..forms import EmptyForm
from ..models import Teacher
from . import bp
from .forms import LoginForm
from .throttle import clear_failures, record_failure, too_many_failures

# Checked when the email is unknown, so the response time does not tell which emails exist.
_UNKNOWN_EMAIL_HASH = generate_password_hash("no teacher has this password")


def _safe_next(target: str | None) -> str | None:
    """Only follow redirects within this site, never to another host."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    # Browsers read "/\\evil.example" as "//evil.example"; control characters hide such tricks.
    if "\\" in target or any(ord(char) < 32 for char in target):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated and current_user.is_teacher:
        return redirect(url_for("teacher.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        address = request.remote_addr or "-"
        if too_many_failures(email, address):
            flash(_("Too many failed sign-ins. Please wait 15 minutes and try again."), "error")
            return render_template("auth/login.html", form=form), 429
        teacher = db.session.execute(db.select(Teacher).filter_by(email=email)).scalar_one_or_none()
        if teacher is None:
            check_password_hash(_UNKNOWN_EMAIL_HASH, form.password.data)  # same time as a wrong password
        if teacher is None or not teacher.check_password(form.password.data):
            record_failure(email, address)
            flash(_("Email or password is wrong."), "error")
            return render_template("auth/login.html", form=form), 401
        clear_failures(email)
        if not teacher.active:  # said only to whoever knows the password
            flash(_("This account is disabled. Please ask an administrator."), "error")
            return render_template("auth/login.html", form=form), 403
        login_user(teacher, remember=form.remember.data)
        return redirect(_safe_next(request.args.get("next")) or url_for("teacher.dashboard"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
def logout():
    if EmptyForm().validate_on_submit():
        logout_user()
        flash(_("You are signed out."), "info")
    return redirect(url_for("student.home"))
