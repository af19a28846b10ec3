"""Peer review from phones, kernel-free: the page `/s/CODE/review` (it uses the phone's device
token the session page keeps, so a participant is the same person here) and its JSON API
`/api/s/CODE/review` (GET: criteria and teams; POST: one team's scores). Rules in
`workbench.session.review`."""

from __future__ import annotations

import asyncio
import importlib.resources
import json

import tornado.web

from workbench.i18n import LANGS, t
from workbench.session import lifecycle, review
from workbench.session.display import display_language
from workbench.util import esc
from workbench.web.api import CODE_RE, ApiHandler, page_lang
from workbench.web.public import PageErrors, refusal_page
from workbench.web.runner import PhoneApi

PAGE_WAIT = 1.0  # seconds the page waits to learn whether its session is archived, and its language

PAGE_KEYS = ("review_title", "review_hint", "review_own", "review_comment", "review_send", "review_sent",
             "review_join_first", "review_no_criteria", "review_no_teams", "review_offline", "review_offline_idle", "review_offline_kept", "review_disk_kept",
             "review_sent_late", "team_offline", "language", "review_closed", "review_joined_late",
             "review_score_named", "review_comment_named", "review_send_named")


def review_page(lang: str = "ru") -> bytes:
    """The review page in `lang` from its first byte: `<html lang>` and its title (a screen reader
    picks its voice by them); the script may switch to the language the phone chose."""
    html = importlib.resources.files("workbench.web").joinpath("static/review.html").read_text("utf-8")
    strings = {lang: {k: t(k, lang) for k in PAGE_KEYS} for lang in LANGS}
    return (html.replace("__I18N__", json.dumps(strings, ensure_ascii=False).replace("<", "\\u003c"))
            .replace("__LANG__", lang).replace("__TITLE__", esc(t("review_title", lang))).encode())


class ReviewPageHandler(PageErrors, tornado.web.RequestHandler):
    """`/s/CODE/review`, in its link's `?lang=` (the phone page's link carries the phone's), else
    the session's language, else the workbench's; an archived session's answers 410
    (`public.refusal_page`)."""

    def initialize(self, pages: dict, default: str, api: PhoneApi):
        self.pages, self.default = pages, default
        self.api, self.wb = api, api.wb

    async def get(self, code):
        store, default = self.wb.store, self.default
        try:
            self.session_lang = await asyncio.wait_for(self.api.runner.run(
                None, lambda: display_language(store, lifecycle.open_session(store, code)["id"], default)), PAGE_WAIT)
        except lifecycle.SessionArchived as exc:
            refusal_page(self, exc)
            return
        except Exception:  # noqa: BLE001
            pass  # an unknown code, a database that does not answer: the page is served, its own call says why
        page = self.pages[page_lang(self, self.default)]
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("Content-Security-Policy",
                        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-ancestors 'none'")
        self.set_header("X-Frame-Options", "DENY")
        self.finish(page)


class ReviewApiHandler(ApiHandler):
    async def get(self, code):
        await self._handle(lambda: review.phone_view(self.store, code, self.token))

    async def post(self, code):
        address, device = self.client()
        per_device = self.api.per_device(self.api.reviews, device)
        limit = self.api.reviews.check if self.api.reviews is not None else None
        await self._handle(lambda: review.submit(
            self.store, code, self.token, self.body(), limit=limit,
            device_limit=(lambda: per_device(f"address:{address}")) if per_device else None))


def routes(wb, api: dict) -> list:
    """The routes `workbench.web.server` adds for peer review."""
    return [
        (rf"/s/({CODE_RE})/review", ReviewPageHandler,
         {"pages": {lang: review_page(lang) for lang in LANGS}, "default": wb.settings["lang"], **api}),
        (rf"/api/s/({CODE_RE})/review", ReviewApiHandler, api),
    ]
