"""Read question files from disk or an upload into Python data, with friendly errors."""
from pathlib import Path

import yaml
from flask_babel import gettext as _

from .errors import BankError

SUFFIXES = (".yaml", ".yml")
# A question file is a few hundred nodes; these bounds only stop files built to stall a worker.
MAX_YAML_EVENTS = 100_000


def parse_yaml(content: bytes | str, name: str) -> tuple[object, list[BankError]]:
    """Parse YAML safely (no Python objects); a syntax error names the line."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError:
            return None, [BankError(name, None, None, _("The file is not UTF-8 text. Save it as UTF-8 and try again."))]
    try:
        refusal = _refused_structure(content)
        if refusal:
            return None, [BankError(name, None, None, refusal)]
        return yaml.safe_load(content), []
    except yaml.YAMLError as error:
        return None, [BankError(name, None, None, _yaml_problem(error, content))]


def _yaml_problem(error: yaml.YAMLError, content: str) -> str:
    """What is wrong, in the teacher's language and words, and where (line and column)."""
    if isinstance(error, yaml.reader.ReaderError):  # a character no text file has: probably not a text file
        before = content[:error.position]
        return _("This is not a question file: line %(line)d, column %(column)d holds a control character "
                 "(code %(code)s) that no question file contains. Was another kind of file renamed to .yaml?",
                 line=before.count("\n") + 1, column=len(before) - (before.rfind("\n") + 1) + 1,
                 code=f"{error.character:#06x}" if isinstance(error.character, int) else repr(error.character))
    mark = getattr(error, "problem_mark", None)
    where = _(" (line %(line)d, column %(column)d)", line=mark.line + 1, column=mark.column + 1) if mark else ""
    problem = getattr(error, "problem", None) or ""
    for start, explained in _EXPLAINED:
        if problem.startswith(start):
            return _("This is not valid YAML%(line)s: %(problem)s", line=where, problem=explained())
    return _("This is not valid YAML%(line)s: %(problem)s", line=where,
             problem=_("the lines do not fit together as YAML (the parser says: %(detail)s)", detail=problem or error))


# The parser's usual complaints, said so that a teacher can fix the line (lazily: the language is
# the request's).
_EXPLAINED = [
    ("mapping values are not allowed", lambda: _("a colon where none may stand; put text that contains "
                                                 "“: ” in quotes")),
    ("found character '\\t'", lambda: _("a tab; indent with spaces only")),
    ("found unexpected end of stream", lambda: _("the file ends inside quotes or brackets; close them")),
    ("could not find expected ':'", lambda: _("a line without its “key: value” colon")),
    ("expected <block end>", lambda: _("the indentation does not fit the lines above; indent entries of "
                                       "one list or mapping alike")),
    ("expected ',' or ']'", lambda: _("a list in [brackets] is not closed")),
    ("expected ',' or '}'", lambda: _("a mapping in {braces} is not closed")),
]


def _refused_structure(content: str) -> str | None:
    """Refuse YAML aliases and oversized documents before building any Python object.

    Question files never need aliases; refusing them stops "billion laughs" files and files that
    repeat one long passage under many names, whose cost grows with every reference.
    """
    for count, event in enumerate(yaml.parse(content, Loader=yaml.SafeLoader)):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            return _("YAML aliases (*name) are not supported in question files (line %(line)d): "
                     "write the text out instead.", line=mark.line + 1)
        if count > MAX_YAML_EVENTS:
            return _("The file has too many entries; split it into one file per article.")
    return None


def question_files(path: Path) -> list[Path]:
    """The question files at ``path``: the file itself, or the YAML files in the folder."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
    return [path]
