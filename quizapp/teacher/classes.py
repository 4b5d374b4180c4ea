"""Classes: list and create, the roster, rename, new join code, delete; a student's PIN and removal."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..services import classrooms as service
from ..web.forms import EmptyForm
from . import bp
from .access import me, own_classroom, own_student
from .forms import ClassroomForm, ConfirmForm, PinForm, add_error


@bp.route("/classes", methods=["GET", "POST"])
def classes():
    form = ClassroomForm()
    if form.validate_on_submit():
        try:
            classroom = service.create_classroom(me(), form.name.data)
        except service.ClassroomError as error:
            add_error(form, "name", str(error))
        else:
            flash(_("Class %(name)s created. Its join code is %(code)s.", name=classroom.name,
                    code=classroom.join_code), "success")
            return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/classes.html", form=form, classes=service.teacher_classrooms(me())), status


def _roster_page(classroom, rename_form=None, status=200):
    rename_form = rename_form or ClassroomForm(formdata=None, data={"name": classroom.name})
    return render_template("teacher/classroom.html", classroom=classroom, roster=service.roster(classroom),
                           quizzes=service.assigned_quizzes(classroom), rename_form=rename_form,
                           button_form=EmptyForm()), status


@bp.get("/classes/<int:classroom_id>")
def classroom(classroom_id: int):
    return _roster_page(own_classroom(classroom_id))


@bp.post("/classes/<int:classroom_id>/rename")
def classroom_rename(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = ClassroomForm()
    if form.validate_on_submit():
        try:
            service.rename_classroom(classroom, form.name.data)
        except service.ClassroomError as error:
            add_error(form, "name", str(error))
        else:
            flash(_("The class is now called %(name)s.", name=classroom.name), "success")
            return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
    return _roster_page(classroom, rename_form=form, status=400)


@bp.post("/classes/<int:classroom_id>/code")
def classroom_code(classroom_id: int):
    classroom = own_classroom(classroom_id)
    if not EmptyForm().validate_on_submit():
        return _roster_page(classroom, status=400)
    try:
        code = service.regenerate_code(classroom)
    except service.ClassroomError as error:
        flash(str(error), "error")
    else:
        flash(_("The new join code is %(code)s; the old one no longer works.", code=code), "success")
    return redirect(url_for("teacher.classroom", classroom_id=classroom.id))


@bp.route("/classes/<int:classroom_id>/delete", methods=["GET", "POST"])
def classroom_delete(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = classroom.name
        service.delete_classroom(classroom)
        flash(_("Class %(name)s deleted.", name=name), "success")
        return redirect(url_for("teacher.classes"))
    students = len(service.roster(classroom))
    return render_template("teacher/confirm.html", form=form, heading=_("Delete the class %(name)s?", name=classroom.name),
                           consequences=[
                               _("Its %(count)d students leave the class; they keep their names and results.",
                                 count=students),
                               _("Its join code stops working and its quiz assignments are removed."),
                               _("Results stay, but are no longer filed under this class."),
                           ], button=_("Delete the class"),
                           back=url_for("teacher.classroom", classroom_id=classroom.id)), \
        400 if form.is_submitted() else 200


@bp.route("/classes/<int:classroom_id>/students/<int:student_id>", methods=["GET", "POST"])
def student(classroom_id: int, student_id: int):
    classroom, student = own_student(classroom_id, student_id)
    form = PinForm()
    if form.validate_on_submit():
        if service.set_pin(student, form.pin.data):
            flash(_("The PIN for %(name)s is replaced, and %(name)s is signed out on every device. Tell the new "
                    "PIN to the student in person.", name=student.display_name), "success")
        else:
            flash(_("The PIN for %(name)s is set. Tell it to the student in person.", name=student.display_name),
                  "success")
        return redirect(url_for("teacher.student", classroom_id=classroom.id, student_id=student.id))
    return render_template("teacher/student.html", classroom=classroom, student=student, form=form,
                           button_form=EmptyForm(), attempts=service.student_attempts(student, me())), \
        400 if form.is_submitted() else 200


@bp.post("/classes/<int:classroom_id>/students/<int:student_id>/pin/clear")
def student_pin_clear(classroom_id: int, student_id: int):
    classroom, student = own_student(classroom_id, student_id)
    if EmptyForm().validate_on_submit():
        service.set_pin(student, None)
        flash(_("The PIN for %(name)s is removed.", name=student.display_name), "success")
    return redirect(url_for("teacher.student", classroom_id=classroom.id, student_id=student.id))


@bp.route("/classes/<int:classroom_id>/students/<int:student_id>/remove", methods=["GET", "POST"])
def student_remove(classroom_id: int, student_id: int):
    classroom, student = own_student(classroom_id, student_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = student.display_name
        service.remove_student(student)
        flash(_("%(name)s is no longer in the class.", name=name), "success")
        return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
    return render_template("teacher/confirm.html", form=form,
                           heading=_("Remove %(name)s from %(classroom)s?", name=student.display_name,
                                     classroom=classroom.name),
                           consequences=[
                               _("The student keeps their results, which stay filed under this class."),
                               _("To come back, the student joins again with the class code."),
                           ], button=_("Remove from the class"),
                           back=url_for("teacher.student", classroom_id=classroom.id, student_id=student.id)), \
        400 if form.is_submitted() else 200
