"""The language of the flask commands: the operator's locale variables decide, as for any command-line tool.

The first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set decides. A language the app speaks
(``LANG=de_CH.UTF-8`` → German) is used for every message of the command, whether it is written here or
comes from shared code (validation errors, item checker warnings); anything else (C, POSIX, en_GB, fr_FR,
nothing set) gives English, the messages' source language. The app's default locale (German) is for web
pages only. Use ``command`` and ``option`` from here instead of click's, so that --help speaks it too.

Not babel's ``default_locale``: it reads LC_CTYPE before LANG, and Python sets LC_CTYPE=C.UTF-8 itself
where the operator's locale is not installed (PEP 538), which would hide a German LANG.
"""
import os
from contextlib import ExitStack, contextmanager
from functools import partial

import click
from flask import current_app
from flask.cli import ScriptInfo
from flask_babel import force_locale, gettext

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order
SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:
    """Mark a --help text for the catalogue; it is translated when the help is shown."""
    return message


def _language(locale: str) -> str:
    return locale.split(".")[0].split("@")[0].split("_")[0].lower()  # de_CH.UTF-8@euro → de


def operator_language(languages) -> str:
    """The language code ("de", "en") the operator's environment asks for, if the app speaks it."""
    value = next((os.environ[name] for name in LOCALE_VARIABLES if os.environ.get(name)), "")
    wanted = [_language(locale) for locale in value.split(":")]  # LANGUAGE may list several: de_CH:fr:en
    return next((language for language in wanted if language in languages), SOURCE_LANGUAGE)


@contextmanager
def in_operator_language(ctx: click.Context | None):
    """The app context, speaking the operator's language (--help is shown before any command pushes one)."""
    with ExitStack() as stack:
        if not current_app and ctx is not None:
            stack.enter_context(ctx.ensure_object(ScriptInfo).load_app().app_context())
        if current_app:  # else (help asked for outside any click command): the source language
            stack.enter_context(force_locale(operator_language(current_app.config["LANGUAGES"])))
        yield


class _TranslatedHelp:
    """``help`` holds the English text and gives it in the current language: Click reads it when it shows help."""

    @property
    def help(self):
        return gettext(self._english_help) if self._english_help else self._english_help

    @help.setter
    def help(self, text):
        self._english_help = text


class LocalizedCommand(_TranslatedHelp, click.Command):
    """A command that runs in the app context and writes its output and help in the operator's language."""

    def invoke(self, ctx: click.Context):
        with in_operator_language(ctx):
            return super().invoke(ctx)

    def get_help(self, ctx: click.Context) -> str:
        with in_operator_language(ctx):
            return super().get_help(ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        with in_operator_language(click.get_current_context(silent=True)):  # the list in `flask --help`
            return super().get_short_help_str(limit)


class LocalizedOption(_TranslatedHelp, click.Option):
    """An option whose help text is shown in the operator's language, with what Click adds in brackets.

    Click's own labels ("default: 1", "required") are English only; these give the same facts in the
    command's language. A ``show_default`` text (for a default that is worked out) is translated too.
    """

    def get_help_record(self, ctx: click.Context):
        record = super().get_help_record(ctx)
        if record is None:
            return None
        extra = self.get_help_extra(ctx)
        facts = []
        if "envvars" in extra:
            facts.append(gettext("environment variable: %(names)s", names=", ".join(extra["envvars"])))
        if "default" in extra:
            shown = gettext(self.show_default) if isinstance(self.show_default, str) else extra["default"]
            facts.append(gettext("default: %(value)s", value=shown))
        if "range" in extra:
            facts.append(extra["range"])  # x>=0, 3<=x<=200: the same in every language
        if "required" in extra:
            facts.append(gettext("required"))
        text = self.help or ""
        if facts:
            text = f"{text}  [{'; '.join(facts)}]" if text else f"[{'; '.join(facts)}]"
        return record[0], text


command = partial(click.command, cls=LocalizedCommand)
option = partial(click.option, cls=LocalizedOption)
