"""The phones' JSON API base: the body rules (size, JSON, numbers, Unicode) and `ApiHandler`, which
every kernel-free JSON handler subclasses (phones, team links, peer review). Route tables live in
`workbench.web.server`; the handlers beside it import this module, never the server."""

from __future__ import annotations

import json
import logging
import secrets
import time

import tornado.web

from workbench.errors import WorkbenchError
from workbench.i18n import LANGS, Label, t
from workbench.store.failures import storage_failed, store_unreachable
from workbench.web.runner import PhoneApi

MAX_BODY = 16 * 1024
DRAIN_LIMIT = 32 * 1024 * 1024  # a phone API body announced up to this size is drained after its 413
MAX_INT = 2 ** 63 - 1  # what the store's integer columns hold (SQLite, PostgreSQL BIGINT)
CODE_RE = r"[A-Za-z0-9]{3,16}"


def page_lang(handler, default: str = "ru") -> str:
    """A page's language from its `?lang=` (one of LANGS), else the language of the session the
    page belongs to (`take_session_lang`), else `default`."""
    lang = handler.get_argument("lang", "")
    if lang in LANGS:
        return lang
    return getattr(handler, "session_lang", None) or default


def take_session_lang(handler, store, session_id, default: str) -> str:
    """A page of one session (its registration form, results page, team page, review page) speaks
    the session's language when its link has no `?lang=`: the one it was made in or the control
    view last chose, else `default` (the `lang` setting). Kept on the handler, so its error pages
    and `<html lang>` say the same. Returns the page's language.

    An English session's registration link, public results link or team link was Russian unless
    someone added `?lang=en` by hand."""
    from workbench.session.display import display_language

    if session_id is not None:
        handler.session_lang = display_language(store, session_id, default)
    return page_lang(handler, default)


def _bounded_int(digits: str) -> int:
    value = int(digits)
    if abs(value) > MAX_INT:
        raise ValueError(Label("api_number_out_of_range"))
    return value


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def parse_body(raw: bytes, max_body: int = MAX_BODY) -> dict:
    """A request body as the API takes it: a JSON object of at most `MAX_BODY` bytes, its numbers
    within 64 bits, its text valid UTF-8 (no lone surrogates); anything else is a 400 (413 for size).

    >>> parse_body(b'{"card": 40}')
    {'card': 40}
    >>> for raw in (b'{"card": 9223372036854775808}', b'{"text": "\\\\ud800"}', b"[" * 8000, b'{"x": NaN}'):
    ...     try:
    ...         parse_body(raw)
    ...     except WorkbenchError as exc:
    ...         print(exc.status, exc.message("ru"))
    400 Неверный запрос: число вне допустимого диапазона
    400 Неверный запрос: в тексте знак, которого нет в Юникоде
    400 Неверный запрос: слишком глубокая вложенность
    400 Неверный запрос: NaN is not JSON
    """
    if len(raw) > max_body:
        raise WorkbenchError("body_too_large", status=413, max=max_body)
    if not raw:
        return {}
    try:
        data = json.loads(raw.decode("utf-8"), parse_int=_bounded_int, parse_constant=_no_constant)
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # a lone surrogate ("\ud800") fails here
    # (the details in the reader's language: a phone in Russian is answered in Russian)
    except RecursionError:
        raise WorkbenchError("bad_request", detail=Label("api_too_deep")) from None
    except UnicodeError:
        raise WorkbenchError("bad_request", detail=Label("api_not_unicode")) from None
    except json.JSONDecodeError:
        raise WorkbenchError("bad_request", detail=Label("api_malformed_json")) from None
    except ValueError as exc:
        detail = exc.args[0] if exc.args and isinstance(exc.args[0], Label) else str(exc)
        raise WorkbenchError("bad_request", detail=detail) from None
    if not isinstance(data, dict):
        raise WorkbenchError("bad_request", detail=Label("api_not_object"))
    return data


# the last write refused for lack of disk, in this process (monotonic: the laptop's clock set back
# an hour would keep the projector's banner up for that hour)
STORAGE = {"failed_at": None}


class Refusals:
    """The terminal's line of a full disk, at most once a `period` (60 s): every waiting phone
    retries every 2 s, and a line for each would bury the terminal. The first refusal is said at
    once; the next line, a period later at the earliest, counts the refusals since the last one.
    `clock`: the seam of the tests (time.monotonic).

    >>> said = []; now = [0.0]
    >>> r = Refusals(lambda *a: said.append(a[0] % a[1:]), clock=lambda: now[0])
    >>> for s in range(0, 90, 2):
    ...     now[0] = s; r.refused("disk full")
    >>> said
    ['cannot save to the store, the disk is full or failing: disk full', \
'cannot save to the store, the disk is full or failing: disk full (30 refusals in the last 60 s)']
    """

    def __init__(self, say, period: float = 60.0, clock=time.monotonic):
        self.say, self.period, self.clock = say, period, clock
        self.said_at: float | None = None
        self.since = 0  # refusals not said yet

    def refused(self, exc) -> None:
        now = self.clock()
        self.since += 1
        if self.said_at is not None and now - self.said_at < self.period:
            return
        if self.said_at is None or self.since == 1:
            self.say("cannot save to the store, the disk is full or failing: %s", exc)
        else:
            self.say("cannot save to the store, the disk is full or failing: %s (%d refusals in the last %d s)",
                     exc, self.since, round(now - self.said_at))
        self.said_at, self.since = now, 0


REFUSALS = Refusals(lambda *args: logging.getLogger("workbench").error(*args))


class QuietRefusals(logging.Filter):
    """The access log leaves out the 507 answers of a full disk: `Refusals` counts them."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("507 ")


def log_unreachable(exc: BaseException) -> None:
    """One line in the terminal (journal) per request that found the database unreachable: an
    outage of PostgreSQL is not a bug, a traceback for each phone would bury the rest."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    logging.getLogger("workbench").warning("the database cannot be reached (answered 503): %s", first[:300])


class StoreOutage:
    """For kernel-free handlers (mixed in before tornado's `RequestHandler`): an error raised
    because the database cannot be reached (`store_unreachable`) is answered 503 and logged in
    one line; the handler's `write_error` words it in the reader's language (with a `Retry-After`).
    Nothing was saved, and what a page sends again carries its request id."""

    def send_error(self, status_code: int = 500, **kwargs) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if exc is not None and store_unreachable(exc):
            status_code = 503
        super().send_error(status_code, **kwargs)

    def log_exception(self, typ, value, tb) -> None:
        if value is not None and store_unreachable(value):
            log_unreachable(value)
            return
        super().log_exception(typ, value, tb)


INSTANCE = secrets.token_hex(8)  # changes at every start of the server process


@tornado.web.stream_request_body
class ApiHandler(StoreOutage, tornado.web.RequestHandler):
    """Participant JSON API: session code in the path, device token in `X-Device-Token`.

    The body is streamed: a request that announces more than `max_body` bytes gets its JSON 413
    before its body is read, and one that does not announce its size is cut off at `max_body`
    (`MAX_BODY` unless a handler's texts need more: the team page's fields)."""

    max_body = MAX_BODY

    def initialize(self, api: PhoneApi):
        self.api = api
        self.wb = api.wb
        self.store = api.wb.store

    def check_xsrf_cookie(self):
        # Phones authenticate with a header token, never with cookies: no cross-site risk.
        return None

    def set_default_headers(self):
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def not_modified(self, etag: str) -> bool:
        """Answer 304 when the page has the answer of `etag` already (its If-None-Match): True then."""
        if self.request.headers.get("If-None-Match") != etag:
            return False
        self.set_status(304)
        self.set_header("ETag", etag)
        self.finish()
        return True

    @property
    def lang(self) -> str:
        lang = self.request.headers.get("X-Lang", "ru")
        return lang if lang in LANGS else "ru"

    async def prepare(self):
        self._chunks: list[bytes] = []
        self._size = 0
        length = self.request.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.max_body:
            if int(length) <= DRAIN_LIMIT:
                # Let the client finish sending (the body is discarded as it comes, never kept);
                # the handler's `body()` then answers the JSON 413. Answering now would make tornado
                # close the connection under a client still sending: a broken pipe, no answer.
                self.request.connection.set_max_body_size(int(length))
                return
            exc = WorkbenchError("body_too_large", status=413, max=self.max_body)
            self.set_header("Connection", "close")
            await self.send_json({"error": exc.key, "message": exc.message(self.lang)}, exc.status)
            self.request.connection.close()

    def data_received(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size <= self.max_body:
            self._chunks.append(chunk)

    def body(self) -> dict:
        if self._size > self.max_body:
            raise WorkbenchError("body_too_large", status=413, max=self.max_body)
        return parse_body(b"".join(self._chunks), self.max_body)

    def client(self) -> tuple[str, bool]:
        """The request's client address (`ratelimit.client_address`) and whether it is one device
        (`ratelimit.one_device`: limits per address hold per phone, not per room)."""
        from workbench.web.ratelimit import client_address, one_device

        s = self.wb.settings
        trusted = [a.strip() for a in str(s["trusted_proxies"]).split(",") if a.strip()]
        peer = self.request.remote_ip
        address = client_address(peer, self.request.headers.get("X-Forwarded-For"), trusted)
        return address, one_device(peer, trusted, s["addresses_are_devices"])

    @property
    def token(self) -> str | None:
        return self.request.headers.get("X-Device-Token")

    def send_json(self, data, status: int | None = None):
        if status is not None:
            self.set_status(status)
        return self.finish(json.dumps(data, ensure_ascii=False))

    def write_error(self, status_code, **kwargs):
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, tornado.web.HTTPError):
            key, msg = "bad_request", exc.log_message or self._reason
        elif status_code == 503:
            self.set_header("Retry-After", "5")
            key, msg = "server_unavailable", t("server_unavailable", self.lang)
        else:
            key, msg = "server_error", t("server_error", self.lang)
        self.finish(json.dumps({"error": key, "message": msg}, ensure_ascii=False))

    async def _handle(self, action, status: int | None = None, etag: str | None = None,
                      version: str | bool | None = None):
        """Run `action` for this phone and answer its result as JSON (an error as its message).
        `version`: the answer's `X-Version` (`INSTANCE:VERSION`), the store's version a phone's
        state was read at (read before the state), or True: read after the action (its commit
        done). The page draws an answer only if it was not read before what it shows (a held
        poll answered before the phone's dot, arriving after the dot's answer, is not drawn)."""
        try:
            # The phone's calls in order (PostgreSQL: in a worker thread, the loop serves others).
            result = await self.api.runner.run(self.token, action)
        except WorkbenchError as exc:
            self.send_json({"error": exc.key, "message": exc.message(self.lang)}, exc.status)
            return
        except Exception as exc:
            if not storage_failed(exc):
                # an unreachable database (PostgreSQL restarting, SQLite's file locked past its
                # timeout) is answered 503 by `StoreOutage`: the phone keeps what it sent and
                # sends it again (same request id)
                raise
            # Nothing was saved (the transaction rolled back): the phone says so and may retry; the
            # terminal and the projector's banner (`/api/health`) tell the facilitator.
            STORAGE["failed_at"] = time.monotonic()
            REFUSALS.refused(exc)  # once a minute at most, with the count (every phone retries every 2 s)
            self.send_json({"error": "storage_full", "message": t("storage_full", self.lang)}, 507)
            return
        if result is not None:
            if status is not None:
                self.set_status(status)
            if etag is not None:
                self.set_header("ETag", etag)
            if version is not None:
                self.set_header("X-Version", f"{INSTANCE}:{self.store.version() if version is True else version}")
            self.send_json(result)
