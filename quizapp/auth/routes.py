"""Sign in and out."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from ..services import sign_ins
from ..services.attempts import open_attempts_of
from ..extensions import db
from ..web.forms import EmptyForm
from ..web.identity import current_student
from ..web.redirects import local_target
from ..models import Teacher
from . import bp
from .forms import LoginForm
from .throttle import signed_in, try_sign_in

# Checked when the email is unknown, so the response time does not tell which emails exist.
_UNKNOWN_EMAIL_HASH = generate_password_hash("no teacher has this password")


def _refused(form: LoginForm, message: str) -> str:
    """The sign-in form again with why, in its error summary: announced, and focus moves there."""
    return render_template("auth/login.html", form=form, messages=[message], student=current_student())


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated and current_user.is_teacher:
        return redirect(url_for("teacher.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        address = request.remote_addr or "-"
        wait = try_sign_in(email, address)  # counted before the check, so parallel guesses cannot race it
        if wait is not None:
            message = ngettext("Too many failed sign-ins. Please try again in %(num)d minute.",
                               "Too many failed sign-ins. Please try again in %(num)d minutes.", max(1, -(-wait // 60)))
            return _refused(form, message), 429, {"Retry-After": str(wait)}
        teacher = db.session.execute(db.select(Teacher).filter_by(email=email)).scalar_one_or_none()
        if teacher is None:
            check_password_hash(_UNKNOWN_EMAIL_HASH, form.password.data)  # same time as a wrong password
        if teacher is None or not teacher.check_password(form.password.data):
            return _refused(form, _("Email or password is wrong.")), 401
        signed_in(email, address)
        if not teacher.active:  # said only to whoever knows the password
            return _refused(form, _("This account is disabled. Please ask an administrator.")), 403
        session.clear()  # a new session at sign-in: nothing of the visitor's, a new CSRF token
        sign_ins.begin(teacher)
        login_user(teacher, remember=form.remember.data)
        return redirect(local_target(request.args.get("next")) or url_for("teacher.dashboard"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form, student=current_student()), status


@bp.get("/logout")
def confirm_logout():
    """Before signing out, a student learns whether they can come back to their results (a
    name without a PIN cannot be taken again); the header's "Sign out" leads here."""
    if not current_user.is_authenticated:
        return redirect(url_for("student.home"))
    student = current_student()
    # Their pages stop saving answers once the student is signed out (on every device).
    unsubmitted = open_attempts_of(student) if student is not None else []
    return render_template("auth/logout.html", form=EmptyForm(), student=student, unsubmitted=unsubmitted)


@bp.post("/logout")
def logout():
    if EmptyForm().validate_on_submit():
        if current_user.is_authenticated and current_user.is_teacher:
            sign_ins.end(current_user)  # saved copies of this session's cookies stop working too
        elif (student := current_student()) is not None:
            sign_ins.end_student(student)  # and of every cookie of this student's
        session.clear()  # a new CSRF token for whoever uses this browser next; before logout_user,
        logout_user()    # which notes in the new session that the remember-me cookie must go
        flash(_("You are signed out."), "info")
    return redirect(url_for("student.home"))
