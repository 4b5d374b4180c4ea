"""Fingerprinted static files: url_for('static', ...) names the file by its content.

`url_for('static', filename='css/app.css')` yields /static/css/app.<hash>.css, where <hash> is
the start of the file's SHA-256. Such a URL can never show other content, so it is served with
`Cache-Control: public, max-age=31536000, immutable`; a changed file gets a new URL. The plain
name (/static/css/app.css) and outdated hashes still work, cached only for
SEND_FILE_MAX_AGE_DEFAULT seconds. Templates keep calling url_for as before.
"""
import hashlib
import os
import re
from pathlib import Path
from threading import Lock

from flask import Flask, abort, current_app, send_from_directory
from werkzeug.security import safe_join

HASH_LENGTH = 12
ONE_YEAR = 60 * 60 * 24 * 365
_HASHED = re.compile(rf"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{{{HASH_LENGTH}}})(?P<suffix>\.[^./]+)?$")


class Fingerprints:
    """Content hashes of static files, recomputed when a file's size or mtime changes."""

    def __init__(self, folder: str):
        self.folder = folder
        self._known: dict[str, tuple[int, int, str]] = {}
        self._lock = Lock()

    def digest(self, filename: str) -> str | None:
        path = safe_join(self.folder, filename)
        if path is None:
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        known = self._known.get(filename)
        if known and known[:2] == (stat.st_mtime_ns, stat.st_size):
            return known[2]
        if not os.path.isfile(path):
            return None
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:HASH_LENGTH]
        with self._lock:
            self._known[filename] = (stat.st_mtime_ns, stat.st_size, digest)
        return digest


def hashed_name(filename: str, digest: str) -> str:
    """css/app.css -> css/app.<digest>.css (a name without a suffix gets .<digest> appended)."""
    head, _, name = filename.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    name = f"{stem}.{digest}.{suffix}" if dot and stem else f"{name}.{digest}"
    return f"{head}/{name}" if head else name


def _fingerprints() -> Fingerprints:
    return current_app.extensions["quizapp.assets"]


def add_fingerprint(endpoint: str, values: dict) -> None:
    """url_defaults hook: rewrite the filename of every static URL to its hashed name."""
    if endpoint != "static" or "filename" not in values:
        return
    digest = _fingerprints().digest(values["filename"])
    if digest:
        values["filename"] = hashed_name(values["filename"], digest)


def send_static(filename: str):
    """Serve a static file by its plain or its hashed name."""
    fingerprints = _fingerprints()
    max_age, immutable = current_app.get_send_file_max_age(filename), False
    match = _HASHED.match(filename)
    if match and fingerprints.digest(filename) is None:
        plain = match["stem"] + (match["suffix"] or "")
        current = fingerprints.digest(plain)
        if current is None:
            abort(404)
        filename = plain
        # An outdated hash (a page rendered before a deploy) still gets the current file, briefly.
        if current == match["hash"]:
            max_age, immutable = ONE_YEAR, True
    response = send_from_directory(fingerprints.folder, filename, max_age=max_age)
    response.cache_control.public = True
    if immutable:
        response.cache_control.immutable = True
    return response


def init_app(app: Flask) -> None:
    if not app.static_folder or "static" not in app.view_functions:
        return
    app.extensions["quizapp.assets"] = Fingerprints(app.static_folder)
    app.view_functions["static"] = send_static
    app.url_defaults(add_fingerprint)
