"""Students join a class: class code, display name and (optionally) a PIN; rules in quizapp/services/joining.py."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user

from ..services.codes import normalize_code
from ..services.joining import JoinRefused, join_classroom, published_quiz_code
from ..web.identity import current_student, current_teacher, student_record
from ..web.redirects import local_target
from . import bp
from .forms import JoinForm


def _page(form, status=200):
    return render_template("student/join.html", form=form, student=current_student(),
                           teacher=current_teacher()), status


@bp.route("/join", methods=["GET", "POST"])
def join():
    form = JoinForm()
    if request.method == "GET" and request.args.get("code"):
        form.code.data = normalize_code(request.args["code"])[:16]
    if current_teacher() is not None:
        if request.method == "POST":
            flash(_("You are signed in as a teacher. Sign out first to join a class as a student."), "warning")
            return _page(form, 400)
        return _page(form)
    if not form.validate_on_submit():
        return _page(form, 400 if form.is_submitted() else 200)
    student = student_record()
    try:
        joined = join_classroom(form.code.data, form.display_name.data, form.pin.data or None,
                                student, request.remote_addr or "-")
    except JoinRefused as refusal:
        if refusal.status == 400 and refusal.field == "code" and (quiz_code := published_quiz_code(form.code.data)):
            flash(_("%(code)s is the code of a quiz, not of a class. Here is the quiz.", code=quiz_code), "info")
            return redirect(url_for("student.quiz", code=quiz_code))
        getattr(form, refusal.field or "code").errors.append(refusal.message)
        return _page(form, refusal.status)
    login_user(joined.student, remember=True)
    messages = {
        "created": _("Welcome, %(name)s! You are now in the class %(classroom)s.",
                     name=joined.student.display_name, classroom=joined.classroom.name),
        "attached": _("Welcome, %(name)s! You are now in the class %(classroom)s; your earlier results are kept.",
                      name=joined.student.display_name, classroom=joined.classroom.name),
        "returned": _("Welcome back, %(name)s!", name=joined.student.display_name),
        "already": _("You are already in the class %(classroom)s.", classroom=joined.classroom.name),
    }
    flash(messages[joined.how], "success")
    # Back to the page that sent the student here (the "not signed in" page of their attempt).
    return redirect(local_target(request.args.get("next")) or url_for("student.home"))
