"""Start gunicorn servers for the benchmark and talk to them like a browser."""
import html
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parent.parent
USER_AGENT = "quizapp-benchmark"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def hidden_fields(page: str) -> dict[str, str]:
    """The hidden inputs of a page's forms, which a browser posts with the form."""
    return {name: html.unescape(value) for name, value in HIDDEN.findall(page)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A gunicorn process with the project's gunicorn.conf.py, configured through the environment."""

    def __init__(self, app: str, env: dict, log_path: Path, health_path: str):
        self.port = free_port()
        self.health_path = health_path
        self.log_path = log_path
        self.log = open(log_path, "w")
        full_env = {**os.environ, **env, "BIND": f"127.0.0.1:{self.port}"}
        self.process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(PROJECT / "gunicorn.conf.py"), app],
                                        cwd=PROJECT, env=full_env, stdout=self.log, stderr=subprocess.STDOUT)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", self.health_path)
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not start; its log:\n{self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Browser:
    """Cookies and CSRF tokens across requests, without following redirects.

    Thread-safe, and a request may go to another server of the same site than the browser's
    own (``server=``), as one browser behind a load balancer would (tests/test_stateless.py).
    """

    def __init__(self, server: Server | None = None):
        self.server = server
        self.cookies: dict[str, str] = {}
        self.lock = threading.Lock()

    @property
    def cookie_header(self) -> str:
        with self.lock:
            return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, form: dict | None = None, server: Server | None = None
                ) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", (server or self.server).port, timeout=60)
        headers = {"Cookie": self.cookie_header, "User-Agent": USER_AGENT}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        text = response.read().decode()
        with self.lock:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.headers.get("Location", ""), text

    def get_ok(self, path: str, server: Server | None = None) -> str:
        status, _, page = self.request("GET", path, server=server)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        return page

    def hidden_fields(self, path: str, server: Server | None = None) -> dict[str, str]:
        return hidden_fields(self.get_ok(path, server))

    def token(self, path: str, server: Server | None = None) -> str:
        match = TOKEN.search(self.get_ok(path, server))
        if match is None:
            raise RuntimeError(f"no CSRF token on {path}")
        return match.group(1)
