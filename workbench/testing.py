"""Helpers for tests and benchmarks: a real server process, a phone client, waiting with a deadline.

They live in the package (not in tests/) so that `bench/` uses the very same code paths, and
use only the standard library, so the installed package imports nothing it does not declare.
"""

from __future__ import annotations

import contextlib
import http.client
import json as _json
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit


def wait_for(condition, timeout: float = 10.0, interval: float = 0.05, message: str = "condition"):
    """Poll `condition` until it returns a truthy value; fail with `message` at the deadline."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message} (last: {last!r})")


def run_together(threads) -> None:
    """Start the threads at once and wait for all of them (concurrency tests)."""
    threads = list(threads)
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def pct(values, q: float) -> float:
    """The q-th percentile of the values (nearest rank); NaN when there are none (the benchmarks' figures).

    >>> pct([3, 1, 2], 50), pct([], 95) != pct([], 95)
    (2, True)
    """
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    """What a request got back: `status_code`, `headers` (any case), `content` (bytes), `text`,
    `json()`."""

    def __init__(self, status_code: int, headers, content: bytes):
        self.status_code = status_code
        self.headers = headers
        self.content = content

    @property
    def text(self) -> str:
        charset = self.headers.get_content_charset() if self.headers is not None else None
        return self.content.decode(charset or "utf-8", errors="replace")

    def json(self):
        return _json.loads(self.content)


class Http:
    """A small HTTP client on `http.client`, with the calls the tests use (`request`, `get`,
    `post`; `json=` sends a JSON body).

    Every request opens its own connection, so threads can share one client and a restarted
    server is simply reached again. No proxies, redirects not followed. `verify` (HTTPS): True
    (the system's certificate authorities), the path of a CA file, or False (no check).
    A server that cannot be reached raises `OSError` (`ConnectionError` for a broken answer).
    """

    def __init__(self, verify: bool | str = True):
        self.verify = verify

    def _connection(self, scheme: str, host: str, port: int | None, timeout: float):
        if scheme == "http":
            return http.client.HTTPConnection(host, port, timeout=timeout)
        if scheme != "https":
            raise ValueError(f"not an http(s) URL: {scheme}://{host}")
        ctx = ssl.create_default_context(cafile=self.verify if isinstance(self.verify, str) else None)
        if self.verify is False:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        return http.client.HTTPSConnection(host, port, timeout=timeout, context=ctx)

    def request(self, method: str, url: str, data: bytes | str | None = None, headers=None,
                timeout: float = 10.0, json=None) -> Response:
        headers = dict(headers or {})
        if json is not None:
            data = _json.dumps(json)
            headers.setdefault("Content-Type", "application/json")
        if isinstance(data, str):
            data = data.encode()
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn = self._connection(parts.scheme, parts.hostname, parts.port, timeout)
        try:
            conn.request(method, target, body=data, headers=headers)
            answer = conn.getresponse()
            return Response(answer.status, answer.headers, answer.read())
        except http.client.HTTPException as exc:  # a broken answer, e.g. the server was killed
            raise ConnectionError(f"{method} {url}: {exc!r}") from exc
        finally:
            conn.close()

    def get(self, url: str, **kwargs) -> Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> Response:
        return self.request("POST", url, **kwargs)


def open_projector(browser, server, code: str):
    """The projector page in a Playwright browser, logged in with the token: (page, the Voila
    frame once the view is drawn)."""
    screen = browser.new_page(viewport={"width": 1280, "height": 720})
    screen.goto(server.projector_url(code))
    frame = screen.frame(name="projector")
    try:
        frame.wait_for_selector(".wb-projector", timeout=60_000)
    except Exception as exc:  # say what the facilitator would have seen, and what the server said
        seen = frame.evaluate("() => document.body ? document.body.innerText.slice(0, 800) : ''")
        log = server.log_path.read_text(errors="replace")[-3000:] if server.log_path.exists() else ""
        raise AssertionError(f"the control view did not draw: {exc}\nthe frame showed: {seen!r}\n"
                             f"the server's log ends with:\n{log}") from exc
    return screen, frame


class Server:
    """`workbench serve` as a user starts it, in its own process, on a loopback port."""

    def __init__(self, data_dir: Path, port: int | None = None, public_url: str | None = None,
                 args: tuple[str, ...] = ()):
        self.data_dir = Path(data_dir)
        self.args = tuple(args)  # more of the command line (`--database URL`)
        self.port = port or free_port()
        self.public_url = public_url  # `--public-url`: the address phones are shown (the README's pictures)
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.log_path = self.data_dir.parent / f"server-{self.port}.log"

    def start(self) -> Server:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "workbench", "serve", "--data", str(self.data_dir),
             "--host", "127.0.0.1", "--port", str(self.port), "--no-browser",
             *(["--public-url", self.public_url] if self.public_url else []), *self.args],
            stdout=self.log, stderr=subprocess.STDOUT, env=env)

        def up():
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                return Http().get(self.base + "/s/", timeout=1).status_code == 200
            except OSError:
                return False
        wait_for(up, timeout=60, message="the server to answer")
        return self

    @property
    def token(self) -> str:
        return _json.loads((self.data_dir / ".secret.json").read_text())["token"]

    def projector_url(self, code: str) -> str:
        return f"{self.base}/f?token={self.token}&session={code}"

    def login_cookie(self, code: str) -> str:
        """The Cookie header of a facilitator's browser logged in by the control view's link."""
        login = Http().get(self.projector_url(code))
        return "; ".join(v.split(";")[0] for k, v in login.headers.items() if k.lower() == "set-cookie")

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if getattr(self, "log", None):
            self.log.close()


class Phone:
    """A participant's device talking to the documented JSON API."""

    def __init__(self, base: str, code: str, lang: str = "en"):
        self.api = f"{base}/api/s/{code}"
        self.token = None
        self.http = Http()
        self.lang = lang

    def call(self, method: str, path: str, body=None, raw: bytes | None = None,
             headers=None) -> Response:
        h = {"X-Lang": self.lang, **(headers or {})}
        if self.token:
            h["X-Device-Token"] = self.token
        data = raw if raw is not None else (_json.dumps(body) if body is not None else None)
        return self.http.request(method, self.api + path, data=data, headers=h, timeout=10)

    def join(self, **profile):
        r = self.call("POST", "/join", dict(profile, token=self.token) if self.token else profile)
        assert r.status_code == 200, r.text
        self.token = r.json()["token"]
        return r.json()

    def state(self):
        r = self.call("GET", "/state")
        assert r.status_code == 200, r.text
        return r.json()


def act(server, fn):
    """Run `fn(workbench)` on a served test server's store, as the facilitator's laptop would."""
    from workbench.app import Workbench

    wb = Workbench(server.data_dir)
    try:
        return fn(wb)
    finally:
        wb.close()


PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}  # a 360 px phone


def open_phone(browser, server, code: str, token: str, page: str = ""):
    """A phone that joined the session before (its token in the page's storage) opening the
    session's page (or its `page`, e.g. "/review") on a served test server: (browser context, page)."""
    ctx = browser.new_context(**PHONE)
    ctx.add_init_script(f"localStorage.setItem('wb:{code}', '{token}')")
    tab = ctx.new_page()
    tab.goto(f"{server.base}/s/{code}{page}")
    return ctx, tab


def open_display(browser, server, code: str, size: tuple[int, int] = (1280, 720)):
    """The session's display (/d/CODE) on a screen of `size` (1280×720), in a browser logged in by
    the control view's link, on a served test server: (browser context, page)."""
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]},
                              extra_http_headers={"Cookie": server.login_cookie(code)})
    wall = ctx.new_page()
    wall.goto(f"{server.base}/d/{code}")
    return ctx, wall


@contextlib.contextmanager
def display_and_phone(browser, server, code: str, token: str, page: str = ""):
    """The session's display (`open_display`) and a joined phone's page (`open_phone`), side by
    side: yields (display page, phone page); both browsers are closed at the end."""
    screen, wall = open_display(browser, server, code)
    try:
        phone, tab = open_phone(browser, server, code, token, page=page)
        try:
            yield wall, tab
        finally:
            phone.close()
    finally:
        screen.close()


VOTE_IDEAS = ("Прокат лодок на озере", "Автобус до Лядин", "Ярмарка в Ошевенске", "Тропа к водопаду",
              "Музей льна в школе")


def ideas_session(wb, title: str, ideas, by_facilitator: bool = True) -> dict:
    """A new session (the default template) with `ideas` on its ideas stage, typed by the
    facilitator (marked «записал ведущий») or, with `by_facilitator=False`, as sent from phones:
    `{"code", "sid", "stages" (by kind), "cards" (the ideas' ids, in order)}`."""
    from workbench.session import facilitator

    code = wb.store.create_session(title)
    sid = wb.store.session(code)["id"]
    stages = {s["kind"]: s for s in wb.store.stages(sid)}
    stage = stages["ideas"]["id"]
    cards = [(facilitator.add_card(wb.store, sid, stage, text) if by_facilitator
              else wb.store.add_card(sid, stage, text))["id"] for text in ideas]
    return {"code": code, "sid": sid, "stages": stages, "cards": cards}


def voting_session(wb, title: str, method: str, ideas=VOTE_IDEAS) -> dict:
    """A session whose vote (by `method`) is open and on the phones, over `ideas`, with one
    participant joined: `{"code", "sid", "vote", "cards", "stages", "person"}`."""
    from workbench.session import facilitator

    made = ideas_session(wb, title, ideas)
    sid, vote = made["sid"], made["stages"]["voting"]["id"]
    facilitator.set_method(wb.store, vote, method)
    facilitator.toggle_voting(wb.store, vote)
    facilitator.show_stage(wb.store, sid, vote)
    return dict(made, vote=vote, person=wb.store.join(sid, name="Вера Петрова"))


def plan_row(activity: str, **cells) -> dict:
    """A row of a draft's activity plan (the «activities» table): `activity` and the other
    columns as given, else empty."""
    from workbench.drafts import FIELD_BY_NAME

    return {c: cells.get(c, activity if c == "activity" else "") for c in FIELD_BY_NAME["activities"].columns}
