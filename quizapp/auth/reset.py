"""Choosing a new password through a reset link an administrator issued (quizapp/services/password_reset.py)."""
from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from ..services import password_reset
from ..services.accounts import AccountError
from ..services.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from . import bp


class ResetPasswordForm(FlaskForm):
    new_password = PasswordField(_l("New password"), validators=[
        DataRequired(message=_l("Please enter a password.")),
        Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH,
               message=_l("Between %(min)d and %(max)d characters, please."))],
        render_kw={"autocomplete": "new-password", "minlength": MIN_PASSWORD_LENGTH})
    confirm = PasswordField(_l("Repeat the new password"), validators=[
        EqualTo("new_password", message=_l("The two passwords differ."))], render_kw={"autocomplete": "new-password"})


def _render(status: int, **context):
    response = make_response(render_template("auth/reset.html", **context), status)
    # The URL holds the link's token: keep the page out of caches and the token out of Referer headers.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/reset", methods=["GET", "POST"])
def reset_password():
    # In the query string, not the path: the request log never writes query strings.
    token = request.args.get("token", "")
    try:
        teacher = password_reset.teacher_for_token(token)
    except AccountError as error:
        return _render(410, problem=error.message)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.reset_password(token, form.new_password.data)
        except AccountError as error:
            if error.field:
                form.new_password.errors = [*form.new_password.errors, error.message]
            else:
                return _render(410, problem=error.message)
        else:
            logout_user()  # whoever this browser was signed in as: start clean at the sign-in page
            flash(_("Your new password is set, and all your sessions are signed out. Please sign in."), "success")
            return redirect(url_for("auth.login"))
    return _render(400 if form.is_submitted() else 200, form=form, teacher=teacher)
