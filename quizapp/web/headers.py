"""Security headers on every response, and no caching of pages that belong to someone.

The Content-Security-Policy allows scripts, styles, images and fonts from this site only and
nothing inline: templates load static/js and static/css files, and charts are SVG with
presentation attributes (quizapp.web.charts), so an injected <script> or style="" does not run.
frame-ancestors 'none' (and X-Frame-Options for older browsers) keeps every page, e.g. a
delete confirmation, out of another site's frame.

Pages behind a sign-in or an attempt get ``Cache-Control: no-store``, so a shared school
computer's browser (or a proxy) keeps no copy of a teacher's page or a student's answers:
every response under /teacher, /auth, /attempts, /me and /join, and every page a signed-in
teacher or student sees (their home page lists their class's quizzes). A response that set its own Cache-Control (static files,
downloads) keeps it.
"""
from flask import Flask, Response, request
from flask_login import current_user

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
PRIVATE_PREFIXES = ("/teacher", "/auth", "/attempts/", "/me/", "/join")


def _private(req) -> bool:
    # The prefixes first: those pages are private whoever asks, and they need no identity lookup.
    return req.path.startswith(PRIVATE_PREFIXES) or current_user.is_authenticated


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if "Cache-Control" not in response.headers and request.endpoint != "static" and _private(request):
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
