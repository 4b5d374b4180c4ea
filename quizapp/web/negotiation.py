"""What kind of answer a request asks for."""
from flask import request


def wants_json() -> bool:
    """The page's script asks for JSON (``Accept: application/json``); a form sent without
    JavaScript, or a link followed, gets a page."""
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"
