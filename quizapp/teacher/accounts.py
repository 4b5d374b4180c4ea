"""Teacher accounts: administrators create, disable and enable colleagues' accounts, grant the
administrator role and issue password-reset links; every teacher changes their own password."""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user
from flask_login.config import COOKIE_NAME

from ..services.accounts import AccountError, all_teachers, change_password, create_teacher, set_active, set_admin
from ..extensions import db
from ..models import Teacher
from ..services.password_reset import issue_link, link_lifetime
from . import bp
from .access import me
from .forms import NewTeacherForm, PasswordForm, SwitchForm, add_error

MAX_ID = 2**31 - 1  # the integer column's range; a larger id names nothing (404, not a database error)


def admin() -> Teacher:
    """The signed-in teacher if they are an administrator; 403 for everyone else."""
    teacher = me()
    if not teacher.is_admin:
        abort(403)
    return teacher


def colleague(teacher_id: int) -> Teacher:
    teacher = db.session.get(Teacher, teacher_id) if teacher_id <= MAX_ID else None
    if teacher is None:
        abort(404)
    return teacher


def _list(form: NewTeacherForm, status: int = 200):
    return render_template("teacher/teachers.html", form=form, teachers=all_teachers(), switch=SwitchForm()), status


@bp.route("/teachers", methods=["GET", "POST"])
def teachers():
    admin()
    form = NewTeacherForm()
    if form.validate_on_submit():
        try:
            teacher = create_teacher(form.email.data, form.name.data, form.password.data, is_admin=form.admin.data)
        except AccountError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("Account for %(name)s created. Give them the initial password in person; they can change "
                    "it under “Password”.", name=teacher.name), "success")
            return redirect(url_for("teacher.teachers"))
    return _list(form, 400 if form.is_submitted() else 200)


def _switch(teacher_id: int, change, done_on: str, done_off: str):
    acting, target, form = admin(), colleague(teacher_id), SwitchForm()
    if not form.validate_on_submit():
        abort(400)
    on = form.value.data == "on"
    try:
        change(acting, target, on)
    except AccountError as error:
        flash(error.message, "error")
        return _list(NewTeacherForm(formdata=None), 409)
    flash((done_on if on else done_off) % {"name": target.name}, "success")
    return redirect(url_for("teacher.teachers"))


@bp.post("/teachers/<int:teacher_id>/active")
def teacher_active(teacher_id: int):
    return _switch(teacher_id, set_active, _("The account of %(name)s is enabled again."),
                   _("The account of %(name)s is disabled: they cannot sign in, and their open sessions have ended."))


@bp.post("/teachers/<int:teacher_id>/admin")
def teacher_admin(teacher_id: int):
    return _switch(teacher_id, set_admin, _("%(name)s is now an administrator."),
                   _("%(name)s is no longer an administrator."))


@bp.post("/teachers/<int:teacher_id>/reset-link")
def teacher_reset_link(teacher_id: int):
    acting, target = admin(), colleague(teacher_id)
    if not SwitchForm().validate_on_submit():
        abort(400)
    try:
        link = issue_link(acting, target)
    except AccountError as error:
        flash(error.message, "error")
        return _list(NewTeacherForm(formdata=None), 409)
    response = current_app.make_response(render_template(
        "teacher/reset_link.html", target=target, link=link, hours=int(link_lifetime().total_seconds() // 3600)))
    response.headers["Cache-Control"] = "no-store"  # the link opens the account: keep it out of caches
    return response


@bp.route("/password", methods=["GET", "POST"])
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            change_password(me(), form.current_password.data, form.new_password.data)
        except AccountError as error:
            add_error(form, error.field, error.message)
        else:
            # The new password gives the teacher a new identity (Teacher.get_id): this session
            # takes it on, every other session and remember-me cookie is signed out.
            remembered = current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) in request.cookies
            login_user(me(), remember=remembered)
            flash(_("Your password is changed. Your other sessions are signed out."), "success")
            return redirect(url_for("teacher.dashboard"))
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/password.html", form=form), status
