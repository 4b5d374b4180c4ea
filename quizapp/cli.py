"""Flask CLI commands: question files in and out of the database, accounts, backup and restore."""
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .bank import BankValidationError, load_path, read_documents
from .bank.checker import check_items


def _questions_path(path: str | None) -> Path:
    return Path(path) if path else Path(current_app.config["QUESTIONS_DIR"])


def _echo_warnings(warnings) -> None:
    """The item checker's warnings: worth fixing before a class sees the quiz, but no reason to refuse."""
    for warning in warnings:
        click.echo(str(warning))
    if warnings:
        click.echo(f"{len(warnings)} warning(s) from the item checker (the files are valid; see QUESTIONS.md)")


@click.command("check-questions")
@click.argument("path", required=False)
@with_appcontext
def check_questions(path: str | None) -> None:
    """Validate question files without loading them; exit 1 on any error, print the item checker's warnings."""
    target = _questions_path(path)
    documents, errors = read_documents(target)
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        click.echo(f"{len(errors)} error(s) in {target}", err=True)
        sys.exit(1)
    count = sum(len(document["questions"]) for _, document in documents)
    _echo_warnings([warning for name, document in documents for warning in check_items(document["questions"], name)])
    click.echo(f"OK: {len(documents)} file(s), {count} question(s) in {target}")


@click.command("load-questions")
@click.argument("path", required=False)
@with_appcontext
def load_questions(path: str | None) -> None:
    """Validate question files and load them; nothing is written if any file has an error."""
    target = _questions_path(path)
    try:
        summary = load_path(target)
    except BankValidationError as failure:
        for error in failure.errors:
            click.echo(str(error), err=True)
        click.echo(f"{len(failure.errors)} error(s); nothing was loaded.", err=True)
        sys.exit(1)
    _echo_warnings(summary.warnings)
    click.echo(f"Loaded {summary.articles} article(s), {summary.questions} question(s) "
               f"({summary.new_versions} new version(s)), {summary.quizzes} quiz(zes) from {target}")


@click.command("generate-demo-data")
@click.option("--attempts", type=click.IntRange(min=0), required=True, help="Submitted attempts per quiz.")
@click.option("--seed", type=click.IntRange(min=0), default=1, show_default=True, help="Same seed, same data.")
@click.option("--quiz", "quiz_code", help="Add the attempts to this existing quiz (e.g. KURSK25) instead.")
@click.option("--questions", type=click.IntRange(min=3, max=200), default=30, show_default=True,
              help="Questions per generated quiz.")
@click.option("--quizzes", type=click.IntRange(min=1, max=50), default=1, show_default=True,
              help="Generated quizzes, each with its own article.")
@click.option("--classes", type=click.IntRange(min=1), help="Classes to spread students over [default: 25 per class].")
@click.option("--password-stdin", is_flag=True,
              help="Give the demo teacher the password on the first line of standard input (on a server anyone can reach).")
@with_appcontext
def generate_demo_data(attempts, seed, quiz_code, questions, quizzes, classes, password_stdin) -> None:
    """Create reproducible demo results for the teacher demo@quizapp.local."""
    import time

    from .services.accounts import password_problem
    from .demo import DEMO_EMAIL, DEMO_PASSWORD, DemoError, generate
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    if password is not None and (problem := password_problem(password, DEMO_EMAIL)):
        click.echo(f"Error: {problem}", err=True)
        sys.exit(1)
    began = time.perf_counter()
    try:
        made = generate(attempts, seed=seed, quiz_code=quiz_code, questions=questions, quizzes=quizzes, classes=classes,
                        password=password)
    except DemoError as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)
    sign_in = "with the password you gave" if password else f"/ {DEMO_PASSWORD} (unless an earlier run set another)"
    click.echo(f"Made {made.attempts} attempt(s) with {made.responses} response(s) by {made.students} student(s) "
               f"in {made.classes} class(es) on quiz(zes) {', '.join(made.quiz_codes)} "
               f"in {time.perf_counter() - began:.1f} s. Sign in as {DEMO_EMAIL} {sign_in}.")


@click.command("create-teacher")
@click.argument("email")
@click.option("--name", help="The name shown to colleagues [default: the part of EMAIL before the @].")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.option("--admin", is_flag=True,
              help="Make the account an administrator (the very first account always is one).")
@with_appcontext
def create_teacher_command(email: str, name: str | None, password_stdin: bool, admin: bool) -> None:
    """Create a teacher account; asks for the password twice without showing it."""
    from .services.accounts import AccountError, all_teachers, check_new_teacher, create_teacher, password_problem

    def checked(password: str) -> str:
        if problem := password_problem(password, email, name):
            raise click.UsageError(problem)
        return password

    try:
        email = check_new_teacher(email)  # fail before asking for a password
        # Someone has to be able to create the others' accounts: on a new installation, this one.
        admin = admin or not all_teachers()
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True, value_proc=checked)
        teacher = create_teacher(email, name, password, is_admin=admin)
    except AccountError as error:
        click.echo(f"Error: {error.message}", err=True)
        sys.exit(1)
    role = "administrator" if teacher.is_admin else "teacher"
    click.echo(f"Created {role} {teacher.email} ({teacher.name}). Sign in at /auth/login.")


@click.command("set-admin")
@click.argument("email")
@click.option("--revoke", is_flag=True, help="Take the administrator role away instead.")
@with_appcontext
def set_admin_command(email: str, revoke: bool) -> None:
    """Make an existing teacher an administrator (or, with --revoke, no longer one)."""
    from .services.accounts import AccountError, set_admin, teacher_by_email
    teacher = teacher_by_email(email)
    if teacher is None:
        click.echo(f"Error: no teacher has the email {email!r}.", err=True)
        sys.exit(1)
    try:
        set_admin(None, teacher, not revoke)
    except AccountError as error:
        click.echo(f"Error: {error.message}", err=True)
        sys.exit(1)
    click.echo(f"{teacher.email} is {'no longer' if revoke else 'now'} an administrator.")


@click.command("export-all")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def export_all(file: Path) -> None:
    """Write every article, question, quiz, class, teacher, student and attempt to FILE (a backup)."""
    from .services.backup import export_to
    summary = export_to(file)
    click.echo(f"Exported {summary} to {file}.")


@click.command("import-all")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_all(file: Path) -> None:
    """Restore a backup written by export-all into an empty database (all rows or none)."""
    from .services.backup import BackupError, import_from
    try:
        summary = import_from(file)
    except (BackupError, UnicodeDecodeError) as problem:
        click.echo(f"Error: {problem}", err=True)
        sys.exit(1)
    click.echo(f"Imported {summary} from {file}.")


def register_commands(app: Flask) -> None:
    for command in (check_questions, load_questions, generate_demo_data, create_teacher_command, set_admin_command,
                    export_all, import_all):
        app.cli.add_command(command)
