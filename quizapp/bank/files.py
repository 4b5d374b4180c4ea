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
        mark = getattr(error, "problem_mark", None)
        line = _(" (line %(line)d)", line=mark.line + 1) if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        return None, [BankError(name, None, None, _("This is not valid YAML%(line)s: %(problem)s", line=line, problem=problem))]


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
