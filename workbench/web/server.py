"""One server process, one port: Voila for the facilitator's pages, plain tornado for phones.

The participant page and its JSON API run no kernel: a phone costs a few KB and a few
milliseconds. Voila's pages (projector, analysis, drafts) need the server's secret token;
Voila's standalone app refuses `execute_request` from browsers, so a page cannot run code.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib.resources
import json
import logging
import os
import re
import socket
import time
import urllib.parse

import tornado.web
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import PasswordIdentityProvider
from jupyter_server.base.handlers import JupyterHandler
from tornado.web import GZipContentEncoding
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from workbench import resources
from workbench.app import Workbench
from workbench.i18n import LANGS, catalogue, t
from workbench.session import clock, display, phone, voting
from workbench.util import esc
from workbench.web.api import (
    CODE_RE,
    INSTANCE,
    STORAGE,
    ApiHandler,
    QuietRefusals,
)
from workbench.web.display import routes as display_routes
from workbench.web.printing import routes as print_routes
from workbench.web.runner import PhoneApi

MAX_REQUEST = 1024 * 1024  # any route: refused before it is read


def kernel_message_limit() -> int:
    """The largest message a page's kernel websocket takes: a table file as big as the analysis
    page accepts (`WORKBENCH_MAX_TABLE_MB`, 10 MB by default) and the widget message around it.
    Tornado's own cap (10 MiB) closed the websocket on a bigger upload: the page said only
    "Connection lost, reconnecting" in the console. (A file over the limit is refused by the page
    before it is sent, `index.html.j2`.)

    >>> kernel_message_limit() >= 10 * 1024 * 1024
    True
    """
    from workbench.errors import WorkbenchError
    from workbench.tableio import DEFAULT_MAX_MB, max_table_mb

    try:
        limit = max_table_mb()
    except WorkbenchError:  # a bad setting is said where a table is read
        limit = DEFAULT_MAX_MB
    return max(10 * 1024 * 1024, int(limit * 1e6) + 4 * 1024 * 1024)
NOTEBOOKS_DIR = resources.path("notebooks")


def page_keys(html: str) -> list[str]:
    """The catalogue keys the phone page uses (`data-t="key"`, `t('key'`): only those are inlined.

    >>> html = '<b data-t="send"></b>' + "<script>t('dots_left', {n: 1})</script>"
    >>> page_keys(html)
    ['dots_left', 'send']
    """
    return sorted(set(re.findall(r'data-t="(\w+)"', html)) | set(re.findall(r"\bt\('(\w+)'", html)))


def compact(html: str) -> str:
    r"""A page as phones need it: without its indentation and whole-line `//` comments (the
    source explains itself at length; a phone on a crowded Wi-Fi pays for every byte). Lines
    stay lines, so a script reads the same.

    >>> compact("<script>\n  // why\n  var a = 1;  // kept\n  var url = 'https://x';\n</script>")
    "<script>\nvar a = 1;  // kept\nvar url = 'https://x';\n</script>"
    """
    return "\n".join(line for line in (raw.strip() for raw in html.split("\n")) if not line.startswith("//"))


def participant_page(poll_seconds: float, hold_seconds: float = 0.0) -> bytes:
    """The phone page: one self-contained HTML file with both languages' strings inlined;
    `hold_seconds`: how long the server holds its polls (`web/hold.py`; 0: it polls)."""
    html = compact(importlib.resources.files("workbench.web").joinpath("static/participant.html").read_text("utf-8"))
    cat = {lang: catalogue(lang, page_keys(html)) for lang in LANGS}
    blob = json.dumps(cat, ensure_ascii=False).replace("<", "\\u003c")
    # With JavaScript off the page says so in both languages (it was a blank blue bar).
    noscript = "<br><br>".join(esc(t("needs_javascript", lang)) for lang in LANGS)
    return (html.replace("__I18N__", blob).replace("__POLL__", str(int(poll_seconds * 1000)))
            .replace("__HOLD__", str(int(hold_seconds * 1000)))
            .replace("__NOSCRIPT__", noscript).encode())


class JoinHandler(ApiHandler):
    """GET: which session the join page is about (`phone.about`); POST: join it."""

    _held = None  # the future of this request's held poll, while it is held

    async def get(self, code):
        # The join page asks again every poll: a 304 from the store's version alone, as `/state`
        version = self.store.version()
        etag = state_etag(version, code, None, self.lang)
        head = self.get_query_argument("head", None)
        head = head[:32] if head else None
        held = self.api.held
        # `wait=1&head=` with the ETag it has: held as a phone's state poll (`web/hold.py`), so a
        # room waiting on the join form asks once per `phone_poll_hold`, not every 2 s; a title or
        # place changed (the session's headline) answers it at once
        if (self.get_query_argument("wait", "") == "1" and held.enabled and head
                and self.request.headers.get("If-None-Match") == etag):
            if not await held.wait(code, head, version, stale=False, on_hold=self._on_hold):
                return  # the phone went away (or the server stops)
            version = self.store.version()
            etag = state_etag(version, code, None, self.lang)
        if self.not_modified(etag):
            return
        address, _ = self.client()
        await self._handle(lambda: phone.about(self.store, code, address=address, misses=self.api.misses,
                                               default_lang=self.wb.settings["lang"]), etag=etag)

    def _on_hold(self, future) -> None:
        self._held = future

    def on_connection_close(self) -> None:
        self.api.held.drop(self._held)

    async def post(self, code):
        s = self.wb.settings
        address, device = self.client()
        await self._handle(lambda: phone.join(self.store, code, self.body(), address=address,
                                              limit=self.api.joins.check, misses=self.api.misses,
                                              max_participants=s["participants_per_session"],
                                              device_limit=self.api.per_device(self.api.device_joins, device)))


def state_etag(version: str, code: str, token: str | None, lang: str = "ru") -> str:
    """A phone's state's ETag: the store's version (nothing changed, nothing to send), tied to
    this server process, this session code, this device and the page's language (a stage's
    title follows it).

    >>> state_etag("12.3", "KARGO1", "tok").startswith('"12.3-')
    True
    >>> state_etag("12.3", "KARGO1", "tok") != state_etag("12.3", "KARGO1", "tok", "en")
    True
    """
    tag = hashlib.sha1(f"{INSTANCE}/{code}/{token}/{lang}".encode()).hexdigest()[:12]
    return f'"{version}-{tag}"'


class StateHandler(ApiHandler):
    _held = None  # the future of this request's held poll, while it is held

    async def get(self, code):
        clock.settle(self.store)  # a jump of the wall clock moves the running timers' deadlines first
        # A 304 is decided from the store's version alone: nothing is read or built for it.
        version = self.store.version()
        board = self.get_query_argument("board", None)  # the page's board tag (phone.phone_state)
        board = board[:64] if board is not None else None
        # The ETag leaves the tag out: a page's ETag is of the state it shows, board included.
        etag = state_etag(version, code, self.token, self.lang)
        same = self.request.headers.get("If-None-Match") == etag
        head = self.get_query_argument("head", None)
        head = head[:32] if head else None
        held = self.api.held
        # `wait=1`: held until there is something to show (`web/hold.py`); an older ETag without
        # the page's `head` says nothing about what changed: answered at once, as without `wait`.
        if self.get_query_argument("wait", "") == "1" and held.enabled and (same or head):
            if not await held.wait(code, head, version, stale=not same, on_hold=self._on_hold):
                return  # the phone went away (or the server stops): nobody to answer
            version = self.store.version()
            etag = state_etag(version, code, self.token, self.lang)
        if self.not_modified(etag):
            return
        # `version`, read before the state is (X-Version): the page tells a state read before its
        # own dot (a held poll answered as the dot went) from one read after it
        reads, label = self.api.shared.reads(self.store, version, self.store.shared_version())
        await self._handle(lambda: phone.state(self.store, code, self.token, self.wb.settings, reads=reads,
                                               board=board, lang=self.lang),
                           etag=state_etag(label, code, self.token, self.lang), version=version)

    def _on_hold(self, future) -> None:
        self._held = future

    def on_connection_close(self) -> None:
        self.api.held.drop(self._held)


class CardsHandler(ApiHandler):
    async def post(self, code):
        address, device = self.client()
        device_limit = self.api.per_device(self.api.device_cards, device)
        await self._handle(lambda: phone.add_card(
            self.store, code, self.token, self.body(), limit=self.api.cards.check,
            device_limit=(lambda: device_limit(address)) if device_limit else None), status=201, version=True)


class BallotHandler(ApiHandler):
    """A ballot of the current voting stage's method: `/vote`, `/unvote`, `/rate`, `/compare`,
    `/rank`, and whatever action a method added to `workbench.session.voting` declares."""

    async def post(self, code, action):
        await self._handle(lambda: phone.ballot(self.store, code, self.token, action, self.body(), self.wb.settings),
                           version=True)


class TeamHandler(ApiHandler):
    async def post(self, code):
        await self._handle(lambda: phone.join_team(self.store, code, self.token, self.body()), version=True)


class StatementHandler(ApiHandler):
    async def post(self, code):
        await self._handle(lambda: phone.statement_vote(self.store, code, self.token, self.body()), version=True)


class NextBallotHandler(ApiHandler):
    """A paper ballot's «Готово — следующий бюллетень»: a fresh paper ballot's token and name."""

    async def post(self, code):
        await self._handle(lambda: phone.next_paper_ballot(self.store, code, self.token, self.lang, self.body()),
                           status=201)


PAGE_LANG_WAIT = 1.0  # seconds the phone page waits for its session's language before it is sent without


def with_session_lang(page: bytes, lang: str | None) -> bytes:
    """The phone page with its session's language put in (`SESSION_LANG` in its script, the
    `<html lang>`), so its first paint is in that language rather than the browser's; None: the
    page as it is (it goes by what it kept, else the browser).

    >>> with_session_lang(b'<html lang="ru"><script>var S = "__SESSION_LANG__";', "en")
    b'<html lang="en"><script>var S = "en";'
    >>> with_session_lang(b'<html lang="ru"><script>var S = "__SESSION_LANG__";', None)
    b'<html lang="ru"><script>var S = "";'
    """
    page = page.replace(b"__SESSION_LANG__", (lang or "").encode())
    return page.replace(b'<html lang="ru">', f'<html lang="{lang}">'.encode(), 1) if lang else page


class PageHandler(tornado.web.RequestHandler):
    """The phone page, in its session's language from the first paint (`with_session_lang`)."""

    def initialize(self, page: bytes, api: PhoneApi | None = None):
        self.pages = {lang: with_session_lang(page, lang) for lang in (None, *LANGS)}
        self.api = api

    async def _session_lang(self, code: str | None) -> str | None:
        # Never in the way of the page: an unknown code, a database that does not answer (within
        # PAGE_LANG_WAIT) or any error gives the page without; the page then asks the API as before.
        if not code or self.api is None:
            return None
        store, default = self.api.store, self.api.wb.settings["lang"]

        def read():
            session = store.session(code.upper())
            return phone.session_language(store, session["id"], default)
        try:
            return await asyncio.wait_for(self.api.runner.run(None, read), PAGE_LANG_WAIT)
        except Exception:  # noqa: BLE001 (the page is served whatever went wrong here)
            return None

    async def get(self, code=None):
        page = self.pages[await self._session_lang(code)]
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        # No other site may frame the phone page (a hidden vote button under a decoy: clickjacking).
        self.set_header("Content-Security-Policy",
                        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; "
                        "frame-ancestors 'none'")
        self.set_header("X-Frame-Options", "DENY")
        self.finish(page)


def both_languages(key: str) -> str:
    """A message in Russian and English, for pages that do not know the reader's language yet."""
    return " / ".join(t(key, lang) for lang in LANGS)


def each_language(key: str) -> str:
    """A message in every language as `data-ru`, `data-en` attributes, for a page's script to
    show the one its reader uses."""
    return " ".join(f'data-{lang}="{esc(t(key, lang))}"' for lang in LANGS)


class JoinFormHandler(tornado.web.RequestHandler):
    """`/s/` with no code: a tiny form to type the code seen on the projector."""

    def get(self):
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(
            '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{t("code")}</title></head>'
            '<body style="font-family:sans-serif;font-size:20px;padding:20px">'
            # from /s and /s/ (under any prefix) alike: the code goes after this page's own path
            '<form onsubmit="location.href=location.pathname.replace(/\\/?$/,\'/\')'
            '+encodeURIComponent(this.c.value.trim());return false">'
            f'<label>{both_languages("session_code")}<br><input name="c" autocapitalize="characters" '
            'style="font-size:24px;width:10em"></label><br><button style="font-size:20px;margin-top:10px">'
            'OK</button></form></body></html>')


class LooseCodeHandler(tornado.web.RequestHandler):
    """`/s/KARGO1/`, `/s/%20KARGO1`, `/s/kargo1 ` (a messenger or a QR app adds a slash or a space):
    redirected to the phone page's own address. Anything else is the type-the-code form."""

    def get(self, raw):
        code = urllib.parse.unquote(raw).strip()
        if re.fullmatch(CODE_RE, code):
            query = "?" + self.request.query if self.request.query else ""
            self.redirect(self.request.path[: self.request.path.rindex("/s/") + 3] + code.upper() + query)
        else:
            self.redirect(self.request.path[: self.request.path.rindex("/s/") + 3])


def with_session(handler, url: str) -> str:
    """`url` with the request's `session` code carried over (only a well-formed code)."""
    session = handler.get_argument("session", "")
    return url + "?session=" + session if re.fullmatch(CODE_RE, session) else url


class FacilitatorEntry(JupyterHandler):
    """`/f?token=…&session=CODE`: logs in with the token (a cookie), then opens the projector
    without the token in the address bar."""

    @tornado.web.authenticated
    def get(self):
        self.redirect(with_session(self, self.base_url + "projector"))


PROJECTOR_FRAME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Projector</title>
<style>html,body{margin:0;height:100%;overflow:hidden}iframe{border:0;width:100%;height:100%}
#down,#full,#missed{display:none;position:fixed;top:0;left:0;right:0;background:#fff3cd;font:18px sans-serif;padding:6px 12px;z-index:2}
#full{background:#f8d7da;top:auto;bottom:0}
#missed{background:#f8d7da;color:#8a1f11;font-weight:bold}
#missed button{float:right;font:16px sans-serif;margin-left:12px}
</style></head><body><div id="down" __DOWN__></div><div id="full" __FULL__></div>
<div id="missed" role="alert"><span></span><button type="button"></button></div>
<iframe id="projector" name="projector" src="__SRC__"></iframe>
<script>
// The projector survives a restart of the server (a closed lid, a crash): when the server answers
// again with another instance id, the page inside is reloaded on a new kernel. The login cookie
// outlives the restart, so the facilitator does nothing.
var seen = null, pageLang = '__LANG__', isDown = false;
// Clicks on the view's buttons while the server does not answer never reach the kernel, and a
// restart loses them: the banner names them at once, and after the restart says which were not
// done, to click again. (Without a restart the kernel gets them when the connection is back.)
var notDone = [], missed = [], MSG = __MSG__;
function words(key, actions){
  return (MSG[pageLang] || MSG.ru)[key].replace('{actions}', actions);
}
// The banners speak the control view's language (its RU/EN switch marks the view wb-lang-XX);
// the view is still on screen when the server is gone, so it is read then.
function say(id, show){
  var box = document.getElementById(id);
  try {
    var view = document.getElementById('projector').contentDocument.querySelector('.wb-projector');
    if (view) pageLang = view.classList.contains('wb-lang-en') ? 'en' : 'ru';
  } catch (e) {}
  box.textContent = box.getAttribute('data-' + pageLang) || box.getAttribute('data-ru');
  if (id === 'down' && notDone.length) box.textContent += ' ' + words('offline_not_done', notDone.join(', '));
  box.style.display = show ? 'block' : 'none';
}
function sayMissed(){
  var box = document.getElementById('missed');
  box.querySelector('span').textContent = words('offline_missed', missed.join(', '));
  box.querySelector('button').textContent = words('offline_missed_close', '');
  box.style.display = missed.length ? 'block' : 'none';
}
document.querySelector('#missed button').onclick = function(){ missed = []; sayMissed(); };
function actionName(target){
  var el = target.closest && target.closest('button, select, input[type=checkbox]');
  if (!el || !el.closest('.wb-projector') || el.closest('.wb-lang-toggle')) return '';
  if (el.tagName === 'BUTTON') return (el.innerText || '').trim() || el.title || el.getAttribute('aria-label') || '';
  var holder = el.closest('.widget-inline-hbox, .widget-checkbox'), label = holder && holder.querySelector('label');
  var name = label ? label.textContent.trim() : '';
  if (el.tagName === 'SELECT' && el.selectedIndex >= 0) name += (name ? ' ' : '') + el.options[el.selectedIndex].text;
  return name;
}
function notReached(name){
  if (notDone.indexOf(name) < 0) notDone.push(name);
  isDown = true; say('down', true);
}
function watchClicks(){
  var doc = document.getElementById('projector').contentDocument;
  if (!doc || doc.wbWatched) return;
  doc.wbWatched = true;
  // A double click on a button that switches something (wb-once) is one click, as on the phones:
  // its second click undid the first («Закрыть голосование» closed the vote and opened it again).
  doc.addEventListener('click', function(e){
    if (e.detail > 1 && e.target.closest && e.target.closest('.wb-projector .wb-once')) { e.stopImmediatePropagation(); e.preventDefault(); }
  }, true);
  function clicked(e){
    if (!e.isTrusted) return;  // the view's own re-send clicks (wb-again) follow a real one
    var name = actionName(e.target);
    if (!name) return;
    if (isDown) { notReached(name); return; }
    // the health poll runs every 2 s: ask now whether this click can reach the server
    var x = new XMLHttpRequest();
    x.open('GET', '__HEALTH__', true); x.timeout = 3000;
    x.onerror = x.ontimeout = function(){ notReached(name); };
    x.send();
  }
  doc.addEventListener('click', clicked, true);
  doc.addEventListener('change', function(e){ if (e.target.tagName === 'SELECT') clicked(e); }, true);
}
document.getElementById('projector').addEventListener('load', function(){ watchClicks(); sayMissed(); });
function check(){
  var x = new XMLHttpRequest();
  x.open('GET', '__HEALTH__', true); x.timeout = 3000;
  x.onload = function(){
    var health = x.status === 200 ? JSON.parse(x.responseText) : {};
    var id = health.instance || null;
    isDown = false;
    watchClicks();
    say('down', false);
    say('full', !!health.storage_full);
    if (seen && id && id !== seen) {
      notDone.forEach(function(n){ if (missed.indexOf(n) < 0) missed.push(n); });
      document.getElementById('projector').src = '__SRC__';
    }
    notDone = [];
    seen = id || seen; setTimeout(check, 2000);
  };
  x.onerror = x.ontimeout = function(){ isDown = true; say('down', true); setTimeout(check, 1000); };
  x.send();
}
check();
</script></body></html>"""


FRAME_MESSAGES = ["offline_not_done", "offline_missed", "offline_missed_close"]


def _frame_lang(wb, code: str) -> str:
    """The projector frame's language until the control view inside it loads: the session's
    (`display.display_language`), else the `lang` setting."""
    default = (wb.settings if wb else {}).get("lang", "ru")
    if wb and re.fullmatch(CODE_RE, code):
        try:
            return display.display_language(wb.store, wb.store.session(code)["id"], default)
        except Exception:  # an unknown code, the store out of reach: the frame and its banners still load
            logging.getLogger(__name__).info("the projector frame of %s speaks the setting's language", code, exc_info=True)
    return default


class ProjectorFrame(JupyterHandler):
    """The projector page: the Voila view in a frame that reloads it after a server restart."""

    @tornado.web.authenticated
    def get(self):
        src = with_session(self, self.base_url + "voila/render/facilitator.ipynb")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        lang = _frame_lang(WorkbenchVoila.wb, self.get_argument("session", ""))
        self.finish(PROJECTOR_FRAME.replace("__SRC__", src).replace("__HEALTH__", self.base_url + "api/health")
                    .replace("__LANG__", lang if lang in LANGS else "ru")
                    .replace("__DOWN__", each_language("server_unreachable"))
                    .replace("__MSG__", json.dumps({lang: catalogue(lang, FRAME_MESSAGES) for lang in LANGS},
                                                   ensure_ascii=False).replace("</", "<\\/"))
                    .replace("__FULL__", each_language("storage_full_projector")))


class LogoutHandler(JupyterHandler):
    """`/logout`: forgets the login cookie (jupyter_server's own page needs a template Voila lacks)."""

    @allow_unauthenticated
    def get(self):
        self.identity_provider.clear_login_cookie(self)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Logout</title></head>'
                    f'<body style="font:20px sans-serif;padding:20px"><p data-logged-out>{both_languages("logged_out")}'
                    '</p></body></html>')


def behind_tls(request, trusted_proxies: str) -> bool:
    """The browser reached us over https: directly, or through a trusted proxy (nginx on the same
    host, the `trusted_proxies` setting) that says so in `X-Forwarded-Proto`.

    >>> from types import SimpleNamespace as R
    >>> behind_tls(R(protocol="http", remote_ip="127.0.0.1", headers={"X-Forwarded-Proto": "https"}), "127.0.0.1,::1")
    True
    >>> behind_tls(R(protocol="http", remote_ip="10.0.0.7", headers={"X-Forwarded-Proto": "https"}), "127.0.0.1")
    False
    """
    if request.protocol == "https":
        return True
    trusted = {a.strip() for a in trusted_proxies.split(",") if a.strip()}
    return request.remote_ip in trusted and request.headers.get("X-Forwarded-Proto", "").lower() == "https"


class WorkbenchIdentity(PasswordIdentityProvider):
    """The login cookie the token buys: HttpOnly and `SameSite=Lax` always, `Secure` behind TLS;
    the sign-in page is the workbench's own (`workbench.web.login`), not Jupyter's."""

    def __init__(self, **kwargs):
        from workbench.web.login import WorkbenchLogin

        super().__init__(**{**kwargs, "login_handler_class": WorkbenchLogin})  # Voila passes its own

    def set_login_cookie(self, handler, user) -> None:
        options = {"httponly": True, "samesite": "Lax", "path": handler.base_url, **self.cookie_options}
        trusted = str((WorkbenchVoila.wb.settings if WorkbenchVoila.wb else {}).get("trusted_proxies", "127.0.0.1,::1"))
        if self.secure_cookie or (self.secure_cookie is None and behind_tls(handler.request, trusted)):
            options["secure"] = True
        handler.set_secure_cookie(self.get_cookie_name(handler), self.user_to_cookie(user), **options)


SECRET_PARAM = re.compile(r"([?&;][^=&;\s]*(?:token|secret|password)[^=&;\s]*=)[^&;#\s'\"]*", re.IGNORECASE)
# Links whose path is the secret: a team's draft (edit rights) and its API, a session's results,
# a registration's check-in and its answer page `/reg/CODE/TOKEN` (workbench/web/public.py,
# registration.py). deploy/nginx masks the same.
SECRET_PATH = re.compile(r"((?:/|%2F)(?:t|r|api(?:/|%2F)t|checkin|reg(?:/|%2F)[A-Za-z0-9]{3,16})(?:/|%2F))"
                         r"[A-Za-z0-9_-]{16,64}", re.IGNORECASE)


def scrub(uri: str) -> str:
    """An address as the access log may show it: the value of every token-like parameter hidden,
    and the token of a link whose path is its secret.

    >>> scrub("/f?token=abc123&session=KARGO1")
    '/f?token=[secret]&session=KARGO1'
    >>> scrub("500 GET /t/nMt4He0nLRko5IeRc3N3bA (127.0.0.1)"), scrub("GET /api/t/nMt4He0nLRko5IeRc3N3bA/field")
    ('500 GET /t/[secret] (127.0.0.1)', 'GET /api/t/[secret]/field')
    >>> scrub("GET /login?next=%2Fcheckin%2FmU55b54mCpj5Bl_EDGkRGQ")  # where the sign-in goes back to
    'GET /login?next=%2Fcheckin%2F[secret]'
    >>> scrub("GET /reg/KARGO1/mU55b54mCpj5Bl_EDGkRGQ?lang=ru"), scrub("POST /reg/KARGO1")
    ('GET /reg/KARGO1/[secret]?lang=ru', 'POST /reg/KARGO1')
    """
    return SECRET_PATH.sub(r"\1[secret]", SECRET_PARAM.sub(r"\1[secret]", uri))


class ScrubSecrets(logging.Filter):
    """tornado's access, warning and error lines name the request's address: a `?token=` in it
    (a mistyped projector link, a 404) must not reach the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, ()
        return True


def scrub_tornado_logs() -> None:
    access = logging.getLogger("tornado.access")
    if not any(isinstance(f, QuietRefusals) for f in access.filters):
        access.addFilter(QuietRefusals())  # first: before a scrubbed line loses its arguments
    for name in ("tornado.access", "tornado.application", "tornado.general"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, ScrubSecrets) for f in logger.filters):
            logger.addFilter(ScrubSecrets())


def favicon_ico(size: int = 16, rgb: tuple[int, int, int] = (0x1F, 0x4E, 0x79)) -> bytes:
    """The pages' icon: a square in the header's blue, as an ICO holding one PNG, made here (no
    file to ship, nothing fetched). Without it every page's automatic /favicon.ico was a 404 and
    an error in the browser's console.

    >>> ico = favicon_ico()
    >>> ico[:4], ico[22:26], len(ico) < 200
    (b'\\x00\\x00\\x01\\x00', b'\\x89PNG', True)
    """
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * size  # filter byte, then the pixels
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(row * size, 9)) + chunk(b"IEND", b""))
    # ICONDIR (reserved, type 1 = icon, one image), then its entry: size, colours, planes, bits,
    # the PNG's length and where it starts (6 + 16 bytes in)
    return struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(png), 22) + png


FAVICON = favicon_ico()


class FaviconHandler(tornado.web.RequestHandler):
    """`/favicon.ico`, which every browser asks for on every page (the phone page, the display,
    the projector's Voila page, the pages between sessions)."""

    def get(self):
        self.set_header("Content-Type", "image/x-icon")
        self.set_header("Cache-Control", "public, max-age=86400")
        self.finish(FAVICON)


class HealthHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Cache-Control", "no-store")
        # `storage_full`: a phone's answer could not be saved in the last minute (the projector says so)
        failed = STORAGE["failed_at"]
        self.finish({"ok": True, "instance": INSTANCE,
                     "storage_full": failed is not None and time.monotonic() - failed < 60})


class VoilaPage(TornadoVoilaHandler):
    """A Voila page (`/voila/render/…`) that also sets the `_xsrf` cookie.

    On `beforeunload` (a reload, leaving the page, closing the tab) Voila's page posts
    `/voila/api/shutdown/<kernel id>` with the `_xsrf` cookie's value as the form's `_xsrf` field.
    Voila renders its page without ever asking tornado for the token, and the facilitator signs in
    through `/f?token=…` (no form): the cookie was never set, every shutdown got "403 '_xsrf' argument
    missing" and each page's kernel stayed alive until culled. Asking for the token here sets the
    cookie on the page's response (before its first flush); the check itself stays jupyter_server's.
    """

    @tornado.web.authenticated
    async def get(self, path=None):
        self.xsrf_token  # noqa: B018 (the property sets the cookie)
        await super().get(path)


class WorkbenchVoila(Voila):
    """Voila, plus the participant page and API on the same port."""

    wb: Workbench | None = None
    held = None  # the data folder's mark while serving (`copies.hold_folder`): an open, locked file

    @property
    def display_url(self):
        # Voila would log a second address (the host name, no token): `workbench serve` printed them.
        return "the addresses printed above"

    def init_handlers(self):
        wb = self.wb
        s = wb.settings
        api = {"api": PhoneApi(wb)}
        page = participant_page(s["phone_poll_interval"], s["phone_poll_hold"])
        ours = [
            (r"/s/?", JoinFormHandler),
            (rf"/s/({CODE_RE})", PageHandler, {"page": page, **api}),
            (r"/s/([^/]*)/?", LooseCodeHandler),  # after the page: a slash, a space around its code
            (rf"/api/s/({CODE_RE})/join", JoinHandler, api),
            (rf"/api/s/({CODE_RE})/state", StateHandler, api),
            (rf"/api/s/({CODE_RE})/cards", CardsHandler, api),
            (rf"/api/s/({CODE_RE})/statement", StatementHandler, api),
            (rf"/api/s/({CODE_RE})/team", TeamHandler, api),
            (rf"/api/s/({CODE_RE})/next-ballot", NextBallotHandler, api),
            (rf"/api/s/({CODE_RE})/({'|'.join(voting.ACTIONS)})", BallotHandler, api),
            (r"/f", FacilitatorEntry),
            (r"/", FacilitatorEntry),  # a browser at the bare address: the projector, after signing in
            (r"/projector", ProjectorFrame),
            *display_routes(wb, CODE_RE),  # the projector's display page, kernel-free
            *print_routes(wb, CODE_RE),  # the join poster and the paper ballot, to print
            (r"/api/health", HealthHandler),
            (r"/favicon\.ico", FaviconHandler),
            (r"/logout", LogoutHandler),
            # Font Awesome for the widgets' icons, from this server: no page asks a CDN for anything.
            (r"/wb-static/fontawesome/(.*)", tornado.web.StaticFileHandler,
             {"path": str(resources.fontawesome())}),
        ]
        from workbench.web import public, registration, review  # between sessions (issue 17)
        ours += public.routes(wb, api) + review.routes(wb, api) + registration.routes(wb)
        # Phones on weak Wi-Fi: gzip every text response (tornado reads this only at start-up).
        self.app.transforms.append(GZipContentEncoding)
        # Voila's pages set the `_xsrf` cookie their shutdown call on unload needs (`VoilaPage`).
        theirs = [(h[0], VoilaPage, *h[2:]) if h[1] is TornadoVoilaHandler else h for h in super().init_handlers()]
        return ours + theirs

    def listen(self):
        # A kernel's websocket takes an uploaded table up to the analysis page's limit.
        self.app.settings["websocket_max_message_size"] = kernel_message_limit()
        # Jupyter's error pages ask for `static_url` (their favicon): without a static path a 404
        # under /voila/ (any passer-by's request) printed a traceback in the facilitator's terminal.
        from jupyter_server import DEFAULT_STATIC_FILES_PATH
        self.app.settings.setdefault("static_path", DEFAULT_STATIC_FILES_PATH)
        # Cap request bodies for every route: a phone never needs more than a few KB.
        listen = self.app.listen
        # A room's phones open their connections at once: a deeper queue than tornado's 128.
        self.app.listen = lambda port, address="", **kw: listen(
            port, address, max_body_size=MAX_REQUEST, backlog=1024, **kw)
        super().listen()


def _interface_addresses() -> list[str]:
    """IPv4 addresses of this machine's network interfaces (Linux: asked of the kernel, no traffic)."""
    import fcntl
    import struct

    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(s.fileno(), 0x8915, struct.pack("256s", name[:15].encode()))  # SIOCGIFADDR
            except OSError:
                continue
            found.append(socket.inet_ntoa(packed[20:24]))
    return found


def lan_address() -> str:
    """The laptop's address on the room's network: a private address of one of its interfaces
    (the hotspot's 192.168.x.x or 10.x.x.x), else what its host name resolves to."""
    try:
        candidates = _interface_addresses()
    except (OSError, ImportError, AttributeError):  # not Linux: fall back to the host name
        candidates = []
    try:
        candidates += [i[4][0] for i in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    except OSError:
        pass
    usable = [a for a in candidates if not a.startswith("127.")]
    private = [a for a in usable if a.startswith(("192.168.", "10.")) or
               (a.startswith("172.") and 16 <= int(a.split(".")[1]) <= 31)]
    return (private or usable or ["127.0.0.1"])[0]


def voila_argv(wb: Workbench, host: str, port: int, open_browser: bool) -> list[str]:
    sec = wb.secrets()
    return [
        str(NOTEBOOKS_DIR),
        f"--Voila.ip={host}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        f"--Voila.open_browser={open_browser}",
        f"--Voila.token={sec['token']}",
        # The workbench's page template: Voila's lab template with nothing fetched from a CDN.
        "--VoilaConfiguration.template=workbench",
        f"--Voila.cookie_secret={sec['cookie_secret']}",
        # The login cookie: SameSite=Lax, and Secure behind TLS.
        f"--Voila.identity_provider_class={WorkbenchIdentity.__module__}.{WorkbenchIdentity.__name__}",
        "--VoilaConfiguration.show_tracebacks=True",
        # Of the JupyterLab extensions installed beside Voila, the page needs only the widgets':
        # not Voila's preview for JupyterLab nor code highlighting (fewer scripts to load).
        "--VoilaConfiguration.extension_denylist=@voila-dashboards/jupyterlab-preview",  # one item each:
        "--VoilaConfiguration.extension_denylist=jupyterlab_pygments",  # a list in one is deprecated
        # Kernels started in a burst collided on TCP ports; IPC sockets do not.
        "--KernelManager.transport=ipc",
        # A page shuts its kernel down as it unloads (`VoilaPage`); culling catches those that could not.
        f"--MappingKernelManager.cull_idle_timeout={int(wb.settings['kernel_cull_idle_timeout'])}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",
    ]


def serve(wb: Workbench, host: str, port: int, open_browser: bool = False) -> None:
    from workbench.store.copies import hold_folder

    # `workbench restore` refuses while this server holds the folder (the mark goes with the process).
    WorkbenchVoila.held = hold_folder(wb.data_dir)
    WorkbenchVoila.wb = wb
    scrub_tornado_logs()
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(resources.voila_root())] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p])
    WorkbenchVoila.launch_instance(argv=voila_argv(wb, host, port, open_browser))
