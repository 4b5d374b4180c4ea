"""Flask CLI commands: question files in and out of the database, accounts, backup and restore.

Every message and --help text is in the operator's language (see cli_language).
"""
import sys
from pathlib import Path
from typing import NoReturn

import click
from flask import Flask, current_app
from flask_babel import format_decimal, gettext as _, ngettext

from .bank import BankValidationError, load_path, read_documents
from .bank.checker import check_items
from .cli_language import N_, command, option


def _questions_path(path: str | None) -> Path:
    return Path(path) if path else Path(current_app.config["QUESTIONS_DIR"])


def _fail(message: str) -> NoReturn:
    click.echo(_("Error: %(message)s", message=message), err=True)
    sys.exit(1)


def _echo_warnings(warnings) -> None:
    """The item checker's warnings: worth fixing before a class sees the quiz, but no reason to refuse."""
    for warning in warnings:
        click.echo(str(warning))
    if warnings:
        click.echo(ngettext("%(num)d warning from the item checker (the files are valid; see QUESTIONS.md)",
                            "%(num)d warnings from the item checker (the files are valid; see QUESTIONS.md)",
                            len(warnings)))


@command("check-questions",
         help=N_("Validate question files without loading them; exit 1 on any error, print the item checker's "
                 "warnings."))
@click.argument("path", required=False)
def check_questions(path: str | None) -> None:
    target = _questions_path(path)
    documents, errors = read_documents(target)
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        click.echo(ngettext("%(num)d error in %(path)s", "%(num)d errors in %(path)s", len(errors), path=target),
                   err=True)
        sys.exit(1)
    count = sum(len(document["questions"]) for _name, document in documents)
    _echo_warnings([warning for name, document in documents for warning in check_items(document["questions"], name)])
    files = ngettext("%(num)d file", "%(num)d files", len(documents))
    questions = ngettext("%(num)d question", "%(num)d questions", count)
    click.echo(_("OK: %(files)s, %(questions)s in %(path)s", files=files, questions=questions, path=target))


@command("load-questions", help=N_("Validate question files and load them; nothing is written if any file has an error."))
@click.argument("path", required=False)
def load_questions(path: str | None) -> None:
    target = _questions_path(path)
    try:
        summary = load_path(target)
    except BankValidationError as failure:
        for error in failure.errors:
            click.echo(str(error), err=True)
        click.echo(ngettext("%(num)d error; nothing was loaded.", "%(num)d errors; nothing was loaded.",
                            len(failure.errors)), err=True)
        sys.exit(1)
    _echo_warnings(summary.warnings)
    click.echo(_("Loaded %(articles)s, %(questions)s (%(versions)s), %(quizzes)s from %(path)s",
                 articles=ngettext("%(num)d article", "%(num)d articles", summary.articles),
                 questions=ngettext("%(num)d question", "%(num)d questions", summary.questions),
                 versions=ngettext("%(num)d new version", "%(num)d new versions", summary.new_versions),
                 quizzes=ngettext("%(num)d quiz", "%(num)d quizzes", summary.quizzes), path=target))


@command("generate-demo-data", help=N_("Create reproducible demo results for the teacher demo@quizapp.local."))
@option("--attempts", type=click.IntRange(min=0), required=True, help=N_("Submitted attempts per quiz."))
@option("--seed", type=click.IntRange(min=0), default=1, show_default=True, help=N_("Same seed, same data."))
@option("--quiz", "quiz_code", help=N_("Add the attempts to this existing quiz (e.g. KURSK25) instead."))
@option("--questions", type=click.IntRange(min=3, max=200), default=30, show_default=True,
        help=N_("Questions per generated quiz."))
@option("--quizzes", type=click.IntRange(min=1, max=50), default=1, show_default=True,
        help=N_("Generated quizzes, each with its own article."))
@option("--classes", type=click.IntRange(min=1), show_default=N_("25 students per class"),
        help=N_("Classes to spread students over."))
@option("--password-stdin", is_flag=True,
        help=N_("Give the demo teacher the password on the first line of standard input (on a server anyone can "
                "reach)."))
def generate_demo_data(attempts, seed, quiz_code, questions, quizzes, classes, password_stdin) -> None:
    import time

    from .services.accounts import password_problem
    from .demo import DEMO_EMAIL, DEMO_PASSWORD, DemoError, generate
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    if password is not None and (problem := password_problem(password, DEMO_EMAIL)):
        _fail(problem)
    began = time.perf_counter()
    try:
        made = generate(attempts, seed=seed, quiz_code=quiz_code, questions=questions, quizzes=quizzes, classes=classes,
                        password=password)
    except DemoError as problem:
        _fail(str(problem))
    click.echo(_("Made %(attempts)s with %(responses)s by %(students)s in %(classes)s on %(quizzes)s in %(seconds)s s.",
                 attempts=ngettext("%(num)d attempt", "%(num)d attempts", made.attempts),
                 responses=ngettext("%(num)d response", "%(num)d responses", made.responses),
                 students=ngettext("%(num)d student", "%(num)d students", made.students),
                 classes=ngettext("%(num)d class", "%(num)d classes", made.classes),
                 quizzes=ngettext("quiz %(codes)s", "quizzes %(codes)s", len(made.quiz_codes),
                                  codes=", ".join(made.quiz_codes)),
                 seconds=format_decimal(time.perf_counter() - began, format="#,##0.0")))
    if password is not None:
        click.echo(_("Sign in as %(email)s with the password you gave.", email=DEMO_EMAIL))
    elif made.public_password:
        click.echo(_("Sign in as %(email)s / %(password)s.", email=DEMO_EMAIL, password=DEMO_PASSWORD))
        click.echo(_("Warning: %(password)s is a public password (it is in the README): anyone who can reach this "
                     "server can sign in as %(email)s. Where others can reach the server, give the account a "
                     "password of your own: run generate-demo-data again with --password-stdin and the password on "
                     "the first line of standard input, or change it after signing in.",
                     password=DEMO_PASSWORD, email=DEMO_EMAIL), err=True)
    else:
        click.echo(_("Sign in as %(email)s with the password an earlier run set.", email=DEMO_EMAIL))


def _ask_password(email: str, name: str | None) -> str:
    """Ask without echo until the password keeps the rules and is typed the same twice.

    Not click.prompt's own confirmation and checks: their messages are Click's, in English only."""
    from .services.accounts import password_problem
    while True:
        password = click.prompt(_("Password"), hide_input=True)
        if problem := password_problem(password, email, name):
            click.echo(_("Error: %(message)s", message=problem), err=True)
        elif click.prompt(_("Repeat for confirmation"), hide_input=True) != password:
            click.echo(_("Error: The two entered values do not match."), err=True)
        else:
            return password


@command("create-teacher", help=N_("Create a teacher account; asks for the password twice without showing it."))
@click.argument("email")
@option("--name", show_default=N_("the part of EMAIL before the @"), help=N_("The name shown to colleagues."))
@option("--password-stdin", is_flag=True, help=N_("Read the password from the first line of standard input."))
@option("--admin", is_flag=True,
        help=N_("Make the account an administrator (the very first account always is one)."))
def create_teacher_command(email: str, name: str | None, password_stdin: bool, admin: bool) -> None:
    from .services.accounts import AccountError, all_teachers, check_new_teacher, create_teacher

    try:
        email = check_new_teacher(email)  # fail before asking for a password
        # Someone has to be able to create the others' accounts: on a new installation, this one.
        admin = admin or not all_teachers()
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = _ask_password(email, name)
        teacher = create_teacher(email, name, password, is_admin=admin)
    except AccountError as error:
        _fail(error.message)
    if teacher.is_admin:
        click.echo(_("Created administrator %(email)s (%(name)s). Sign in at /auth/login.",
                     email=teacher.email, name=teacher.name))
    else:
        click.echo(_("Created teacher %(email)s (%(name)s). Sign in at /auth/login.",
                     email=teacher.email, name=teacher.name))


@command("set-admin", help=N_("Make an existing teacher an administrator (or, with --revoke, no longer one)."))
@click.argument("email")
@option("--revoke", is_flag=True, help=N_("Take the administrator role away instead."))
def set_admin_command(email: str, revoke: bool) -> None:
    from .services.accounts import AccountError, set_admin, teacher_by_email
    teacher = teacher_by_email(email)
    if teacher is None:
        _fail(_("No teacher has the email %(email)r.", email=email))
    try:
        set_admin(None, teacher, not revoke)
    except AccountError as error:
        _fail(error.message)
    if revoke:
        click.echo(_("%(email)s is no longer an administrator.", email=teacher.email))
    else:
        click.echo(_("%(email)s is now an administrator.", email=teacher.email))


@command("export-all",
         help=N_("Write every article, question, quiz, class, teacher, student and attempt to FILE (a backup)."))
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export_all(file: Path) -> None:
    from .services.backup import export_to
    summary = export_to(file)
    click.echo(_("Exported %(summary)s to %(file)s.", summary=summary, file=file))


@command("import-all", help=N_("Restore a backup written by export-all into an empty database (all rows or none)."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_all(file: Path) -> None:
    from .services.backup import BackupError, import_from
    try:
        summary = import_from(file)
    except BackupError as problem:
        _fail(str(problem))
    click.echo(_("Imported %(summary)s from %(file)s.", summary=summary, file=file))


def register_commands(app: Flask) -> None:
    for each in (check_questions, load_questions, generate_demo_data, create_teacher_command, set_admin_command,
                 export_all, import_all):
        app.cli.add_command(each)
