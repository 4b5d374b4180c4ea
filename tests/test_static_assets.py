"""Static files: content-hashed URLs cached for a year, plain URLs cached briefly."""
import hashlib
import re

from .conftest import PROJECT

APP_CSS = PROJECT / "static" / "css" / "app.css"
CSS_HASH = hashlib.sha256(APP_CSS.read_bytes()).hexdigest()[:12]


def test_pages_link_the_stylesheet_by_content_hash(client):
    page = client.get("/").get_data(as_text=True)
    assert f'href="/static/css/app.{CSS_HASH}.css"' in page


def test_hashed_url_is_cached_for_a_year_as_immutable(client):
    response = client.get(f"/static/css/app.{CSS_HASH}.css")
    assert response.status_code == 200
    assert response.data == APP_CSS.read_bytes()
    cache = response.headers["Cache-Control"]
    assert "public" in cache and "max-age=31536000" in cache and "immutable" in cache


def test_plain_url_still_works_with_a_short_cache(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert response.data == APP_CSS.read_bytes()
    max_age = int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"]).group(1))
    assert max_age <= 3600
    assert "immutable" not in response.headers["Cache-Control"]


def test_outdated_hash_serves_the_current_file_without_long_caching(client):
    response = client.get("/static/css/app.0123456789ab.css")
    assert response.status_code == 200
    assert response.data == APP_CSS.read_bytes()
    assert "immutable" not in response.headers["Cache-Control"]


def test_missing_files_and_path_tricks_are_404(client):
    assert client.get("/static/css/nothing.0123456789ab.css").status_code == 404
    assert client.get("/static/css/nothing.css").status_code == 404
    assert client.get("/static/../pyproject.toml").status_code == 404
    assert client.get("/static/%2e%2e/pyproject.toml").status_code == 404


def test_changed_file_gets_a_new_url(app, tmp_path):
    from flask import url_for
    app.static_folder = str(tmp_path)
    from quizapp.ops.assets import Fingerprints
    app.extensions["quizapp.assets"] = Fingerprints(str(tmp_path))
    asset = tmp_path / "site.js"
    asset.write_text("one();")
    with app.test_request_context():
        first = url_for("static", filename="site.js")
    asset.write_text("two(); // longer")
    with app.test_request_context():
        second = url_for("static", filename="site.js")
    assert first != second
    assert re.fullmatch(r"/static/site\.[0-9a-f]{12}\.js", second)
    assert app.test_client().get(second).data == b"two(); // longer"


def test_etag_revalidation_answers_304(client):
    first = client.get("/static/css/app.css")
    again = client.get("/static/css/app.css", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
