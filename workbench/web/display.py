"""The projector's display page: `/d/CODE`, kernel-free, behind the facilitator's login.

The page (`static/display.html`) polls `/api/d/CODE/state` with an ETag and draws what the
facilitator chose on the laptop (`workbench.session.display`). A poll reads the store only when
its version moved (`Store.version()`, as a phone's poll): a display costs a cheap query a second.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib.resources
import json
import logging
import os

import tornado.web
from jupyter_server.base.handlers import APIHandler, JupyterHandler

from workbench.background import Newest
from workbench.errors import WorkbenchError
from workbench.i18n import LANGS, t
from workbench.session import clock, display
from workbench.session.snapshot import SharedReads
from workbench.session.statements import votes_frame
from workbench.store.failures import store_unreachable
from workbench.web.api import StoreOutage, page_lang

log = logging.getLogger(__name__)

POLL_MS = 700  # the display asks this often (≤ 1 s); after a failed poll sooner, see the page


def display_page(lang: str, api: str) -> bytes:
    """The display's HTML: one self-contained file, nothing fetched from elsewhere."""
    html = importlib.resources.files("workbench.web").joinpath("static/display.html").read_text("utf-8")
    blob = json.dumps({"api": api, "poll": POLL_MS, "lang": lang,
                       "offline": t("display_offline", lang), "fullscreen": t("display_fullscreen", lang)},
                      ensure_ascii=False).replace("<", "\\u003c")
    return (html.replace("__CONFIG__", blob).replace("__TITLE__", t("display_title", lang))
            .replace("__LANG__", lang).encode())


def join_address(handler, code: str) -> str:
    """The phone page's address a room is shown (the display, the printed poster): the public
    address (`WORKBENCH_PUBLIC_URL`) when set, else the one this page was reached at."""
    base = os.environ.get("WORKBENCH_PUBLIC_URL") or f"{handler.request.protocol}://{handler.request.host}"
    return f"{base.rstrip('/')}/s/{code}"


def _lang(handler, code: str, store=None) -> tuple[str, bool]:
    """The display's language and whether its link asked for it (`?lang=`): without, it follows
    the control view's last language (`display.set_language`), else the server's. `store`: the
    poll's reads of this store version (a poll reads the store only when its version moved)."""
    if handler.get_argument("lang", "") in LANGS:
        return page_lang(handler), True
    default, store = handler.wb.settings["lang"], store or handler.wb.store
    try:
        return display.display_language(store, store.session(code)["id"], default), False
    except WorkbenchError:
        return default, False
    except Exception as exc:
        if not store_unreachable(exc):
            raise
        # The database restarts: the page opens in the server's language and says it reconnects;
        # its polls take the session's language once the database answers.
        return default, False


class DisplayPage(JupyterHandler):
    """`/d/CODE`: the page for the second screen (opened from the control view)."""

    def initialize(self, wb):
        self.wb = wb

    @tornado.web.authenticated
    def get(self, code):
        lang, asked = _lang(self, code)
        api = f"{self.base_url}api/d/{code}/state" + (f"?lang={lang}" if asked else "")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        self.finish(display_page(lang, api))


class DisplayState(StoreOutage, APIHandler):
    """`/api/d/CODE/state`: what the display shows, as JSON; 304 when nothing changed; 403
    without the facilitator's login; 503 while the database cannot be reached (one line in the
    log, not a traceback per poll): the page keeps its picture and says it reconnects."""

    _track_activity = False

    def initialize(self, wb):
        self.wb = wb
        # Answers are kept per store version, as phones' shared reads are (`session/snapshot.py`),
        # in a `SharedReads` of the display's own: the phones' one serves older reads while the
        # room votes, and the display's bars must not lag.
        self.shared = self.settings.setdefault("workbench_display_reads", SharedReads())
        if "workbench_display_maps" not in self.settings:
            self.settings["workbench_display_maps"] = OpinionMaps(wb.store)
        self.maps = self.settings["workbench_display_maps"]

    def check_xsrf_cookie(self):
        return None  # GET only

    @tornado.web.authenticated
    def get(self, code):
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Server-Time", f"{clock.settle(self.wb.store):.3f}")
        code = code.upper()
        join_url = join_address(self, code)
        reads, _ = self.shared.reads(self.wb.store, self.wb.store.version())
        lang, _ = _lang(self, code, reads)
        try:  # a newly drawn opinion map makes a new answer at the same version (its `drawn`)
            body, etag = reads.kept(("display", code, lang, join_url, self.maps.drawn),
                                    lambda: _answer(reads, code, join_url, lang, self.maps))
        except WorkbenchError as exc:
            self.set_status(exc.status)
            return self.finish(json.dumps({"error": exc.key, "message": exc.message(lang)}, ensure_ascii=False))
        self.set_header("ETag", etag)
        if self.request.headers.get("If-None-Match") == etag:
            self.set_status(304)
            return self.finish()
        self.finish(body, set_content_type="application/json; charset=utf-8")

    def compute_etag(self):
        return None  # ours, above: tornado's would hash the body again

    def write_error(self, status_code, **kwargs):
        if status_code != 503:
            return super().write_error(status_code, **kwargs)
        lang = page_lang(self, self.wb.settings["lang"])
        self.set_header("Retry-After", "5")
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": "server_unavailable", "message": t("server_unavailable", lang)},
                               ensure_ascii=False))


def _answer(reads, code: str, join_url: str, lang: str, maps: OpinionMaps) -> tuple[str, str]:
    """The display's JSON and its ETag (a hash of it: an unchanged picture is a 304)."""
    state = display.state(reads, code, join_url, lang)
    maps.attach(state, lang)
    state["qr"] = qr_uri(state["join_url"])
    body = json.dumps(state, ensure_ascii=False)
    return body, '"' + hashlib.sha1(body.encode()).hexdigest()[:20] + '"'


class OpinionMaps:
    """The display's opinion maps (a statements stage's results), drawn off the request path in
    a worker thread (`background.Newest`: one at a time, the newest votes next) and kept per
    stage and language until a statement vote, a statement or the title changes: a poll never
    waits for a map nor draws one again. Until the first is drawn, the wall shows the agreement
    bars with "the map is being drawn"; each drawn map counts in `drawn`, part of the kept
    answer's key, so the next poll (within a second) carries it."""

    def __init__(self, store):
        self.store = store
        self.drawn = 0
        self.maps: dict[tuple, tuple] = {}  # (stage id, lang) -> (key, map)
        self.worker = Newest("display-map", self._drawn)

    def attach(self, state: dict, lang: str) -> None:
        chart = state.get("chart")
        if not chart or chart.get("method") != "statements":
            return
        stage = state["stage"]
        texts = {c["id"]: c["text"] for c in state["cards"]}
        key = (stage["id"], lang, self.store.ballot_mark("statement_votes", stage["id"]), stage["title"],
               tuple(sorted(texts.items())))
        have = self.maps.get(key[:2])
        if have is None or have[0] != key:
            self.worker.submit(key, lambda: self._draw(stage["id"], texts, stage["title"], lang),
                               asyncio.get_running_loop())
        state["chart"] = display.with_opinion_map(chart, have[1] if have else None, lang)

    def _draw(self, stage_id: int, texts: dict, title: str, lang: str):
        try:
            return display.opinion_chart(votes_frame(self.store, stage_id), texts, title, lang)
        except Exception:  # a map that cannot be drawn leaves the bars on the wall
            log.exception("the display's opinion map of stage %s", stage_id)
            return None

    def _drawn(self, key: tuple, chart: dict | None) -> None:
        if chart is not None:
            self.maps[key[:2]] = (key, chart)
            self.drawn += 1


class DisplayChart(APIHandler):
    """`/api/d/CODE/chart.png` (or `.svg`): the results the display shows, as a file."""

    _track_activity = False

    def initialize(self, wb):
        self.wb = wb

    @tornado.web.authenticated
    async def get(self, code, fmt):
        from workbench.wall_charts import render

        lang, _ = _lang(self, code)
        try:  # drawn in a thread: an opinion map takes up to a second
            data = await asyncio.get_running_loop().run_in_executor(
                None, lambda: render(display.chart_of(self.wb.store, code, lang), fmt))
        except WorkbenchError as exc:
            self.set_status(exc.status)
            return self.finish(json.dumps({"error": exc.key, "message": exc.message(lang)}, ensure_ascii=False))
        self.set_header("Content-Disposition", f'attachment; filename="results-{code.upper()}.{fmt}"')
        self.finish(data, set_content_type="image/png" if fmt == "png" else "image/svg+xml")


_QR: dict[str, str] = {}


def qr_uri(url: str) -> str:
    """The join QR code as an SVG data URI (drawn once per address)."""
    if url not in _QR:
        import segno

        _QR[url] = segno.make(url, error="m").svg_data_uri(scale=10, border=2)
    return _QR[url]


def routes(wb, code_re: str) -> list[tuple]:
    """The display's two routes, for `WorkbenchVoila.init_handlers`."""
    return [(rf"/d/({code_re})", DisplayPage, {"wb": wb}),
            (rf"/api/d/({code_re})/state", DisplayState, {"wb": wb}),
            (rf"/api/d/({code_re})/chart\.(png|svg)", DisplayChart, {"wb": wb})]
