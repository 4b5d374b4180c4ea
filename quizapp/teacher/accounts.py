"""Teacher accounts: create colleagues' accounts, change one's own password."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user
from flask_login.config import COOKIE_NAME

from ..accounts import AccountError, all_teachers, change_password, create_teacher
from . import bp
from .access import me
from .forms import NewTeacherForm, PasswordForm, add_error


@bp.route("/teachers", methods=["GET", "POST"])
def teachers():
    form = NewTeacherForm()
    if form.validate_on_submit():
        try:
            teacher = create_teacher(form.email.data, form.name.data, form.password.data)
        except AccountError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("Account for %(name)s created. Give them the initial password in person; they can change "
                    "it under “Password”.", name=teacher.name), "success")
            return redirect(url_for("teacher.teachers"))
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/teachers.html", form=form, teachers=all_teachers()), status


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
