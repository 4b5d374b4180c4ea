"""Flask CLI commands: question files in and out of the database."""
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .bank import BankValidationError, load_path, read_documents


def _questions_path(path: str | None) -> Path:
    return Path(path) if path else Path(current_app.config["QUESTIONS_DIR"])


@click.command("check-questions")
@click.argument("path", required=False)
@with_appcontext
def check_questions(path: str | None) -> None:
    """Validate question files without loading them; exit 1 on any error."""
    target = _questions_path(path)
    documents, errors = read_documents(target)
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        click.echo(f"{len(errors)} error(s) in {target}", err=True)
        sys.exit(1)
    count = sum(len(document["questions"]) for _, document in documents)
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
    click.echo(f"Loaded {summary.articles} article(s), {summary.questions} question(s) "
               f"({summary.new_versions} new version(s)), {summary.quizzes} quiz(zes) from {target}")


def register_commands(app: Flask) -> None:
    for command in (check_questions, load_questions):
        app.cli.add_command(command)
