"""Pages between sessions, kernel-free like the phone page: a session's public results page
(`/r/TOKEN`, printable) and a team's page for its draft (`/t/TOKEN` and its JSON API
`/api/t/TOKEN`, `/field`, `/comment`).

The rules live in `workbench.session.public` and `workbench.session.team_links`; this module
only reads the request, calls them and draws. Participant text is escaped on the server
(`workbench.util.esc`) and written with `textContent` by the team page's script: it never runs.
"""

from __future__ import annotations

import importlib.resources
import json

import tornado.web

from workbench.drafts import FIELDS, column_label, max_chars
from workbench.errors import WorkbenchError
from workbench.exports import cell_text, statement_header
from workbench.i18n import LANGS, t
from workbench.session import public, team_links
from workbench.session.lifecycle import SessionArchived
from workbench.util import esc, isolate
from workbench.web.api import ApiHandler, StoreOutage, page_lang, take_session_lang

TOKEN_RE = r"[A-Za-z0-9_-]{16,64}"
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
       "img-src 'self' data:; frame-ancestors 'none'")


def _page(handler, title: str, body: str, status: int = 200, lang: str | None = None) -> None:
    handler.set_status(status)
    handler.set_header("Content-Type", "text/html; charset=utf-8")
    handler.set_header("Cache-Control", "no-store")
    handler.set_header("Content-Security-Policy", CSP)
    handler.set_header("X-Frame-Options", "DENY")
    handler.set_header("Referrer-Policy", "no-referrer")  # the token never leaves in a Referer
    handler.finish(f'<!DOCTYPE html><html lang="{lang or page_lang(handler)}"><head><meta charset="utf-8">'
                   '<meta name="viewport" content="width=device-width, initial-scale=1">'
                   f'<meta name="robots" content="noindex"><title>{esc(title)}</title>{body}</html>')


class PageErrors(StoreOutage):
    """For the kernel-free HTML pages (results, team, registration, check-in): an error is a page
    in the page's language, not tornado's bare "500: Internal Server Error". A database that
    cannot be reached is a 503 that says to try again in a minute; the page reloads by itself."""

    def write_error(self, status_code: int, **kwargs) -> None:
        lang = page_lang(self)
        again = link = ""
        if status_code == 503:
            self.set_header("Retry-After", "5")
            title, text = t("server_unavailable_title", lang), t("server_unavailable", lang)
            # A GET reloads by itself; after a form's POST the link opens the form again (what was
            # typed comes back from the tab's storage, see `registration.KEEP_TYPED`).
            if self.request.method == "GET":
                again = '<meta http-equiv="refresh" content="30">'
            link = f"<p><a href='{esc(self.request.uri)}'>{esc(t('page_try_again', lang))}</a></p>"
        elif status_code >= 500:
            text = t("server_error", lang)
            title = text.split(".")[0]  # "Внутренняя ошибка сервера"
        else:
            title = text = f"{status_code}: {self._reason}"
        _page(self, title, f"{again}{ERROR_CSS}</head><body><h1>{esc(title)}</h1>"
                           f"<p data-error='{status_code}'>{esc(text)}</p>{link}</body>", status_code)


def refusal_page(handler, exc: WorkbenchError) -> None:
    """A link that opens nothing, as a page with the error's status: an unknown or switched-off
    link says so; a session put in the archive (`lifecycle.SessionArchived`, 410) says it is over,
    in the session's language unless the link asks for one (`?lang=`), else the server's. Every
    kernel-free page of a session answers its refusals here, so they look and read alike."""
    if not isinstance(exc, SessionArchived):
        lang = page_lang(handler)
        _page(handler, exc.message(lang), f"</head><body><p>{esc(exc.message(lang))}</p></body>", exc.status)
        return
    asked = handler.get_argument("lang", "")
    lang = asked if asked in LANGS else (exc.lang if exc.lang in LANGS else handler.wb.settings["lang"])
    title, text = t("session_archived_title", lang), exc.message(lang)
    _page(handler, title, f"{ERROR_CSS}</head><body><h1>{esc(title)}</h1><p data-archived>{esc(text)}</p></body>",
          exc.status, lang)


ERROR_CSS = "<style>body{font:18px/1.4 sans-serif;max-width:30em;margin:0 auto;padding:16px;color:#222}" \
            "h1{font-size:22px;color:#8a1f11}@media (prefers-color-scheme: dark){:root{color-scheme:dark}" \
            "body{background:#111316;color:#e6e6e6}h1{color:#ffb4ab}a{color:#8ec1f0}}</style>"


# --- the public results page -------------------------------------------------------------------

PUBLIC_CSS = """<style>
body{font:16px/1.45 sans-serif;max-width:60em;margin:0 auto;padding:16px;color:#222;overflow-wrap:anywhere}
h1{color:#1f4e79;margin-bottom:4px}h2{border-bottom:2px solid #1f4e79;padding-bottom:2px;margin-top:28px}
table{border-collapse:collapse;width:100%;margin:8px 0}td,th{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}
/* a phone: headers and figures keep their words whole («Выполнимость», «2,96»; broken anywhere they
read «Выпол/нимость», «2,9/6»), a card's text breaks where it must, and a table wider than the
phone scrolls sideways in its own box, never the page */
.table{overflow-x:auto}td,th{overflow-wrap:normal}td.card{overflow-wrap:anywhere;min-width:8em}
@media (max-width:480px){.table table{font-size:14px}.table td,.table th{padding:4px 6px}}
ul[data-stage] li{white-space:pre-line}
th{background:#eef3f8}.meta{color:#555}.group{font-weight:bold}.draft{border:1px solid #ccd;border-radius:6px;padding:8px 12px;margin:10px 0}
button{font-size:16px;padding:6px 12px}
@media print{button,.noprint{display:none}body{max-width:none;padding:0;font-size:12pt}
h2{page-break-after:avoid}table,.draft{page-break-inside:avoid}a{color:inherit;text-decoration:none}.table{overflow:visible}}
/* a screen in dark mode: dark colours, every text 4.5:1 (printed, the page stays black on white) */
@media screen and (prefers-color-scheme: dark){:root{color-scheme:dark}body{background:#111316;color:#e6e6e6}
h1{color:#8ec1f0}h2{border-bottom-color:#8ec1f0}.meta{color:#aab2bb}td,th{border-color:#5b626b}th{background:#1d2025}
.draft{border-color:#5b626b}button{background:#2b2f36;color:#e6e6e6;border:1px solid #8a929c;border-radius:3px}}
</style>"""


def said(text) -> str:
    """A participant's text (a card, a group, a team, a draft's field) for a page: escaped, and
    isolated when written right to left, so a Hebrew or Arabic card never moves the numbers and
    punctuation around it (`util.isolate`)."""
    return esc(isolate(text))


def public_html(page: dict, lang: str) -> tuple[str, str]:
    """(title, body) of the public page from `public.public_results`."""
    L = lambda key, **p: t(key, lang, **p)  # noqa: E731
    s = page["session"]
    meta = " · ".join(esc(x) for x in (s["territory"], s["date"]) if x)
    out = [PUBLIC_CSS, "</head><body>",
           f"<h1>{esc(s['title'])}</h1><p class='meta'>{esc(L('public_heading'))}"
           f"{' · ' + meta if meta else ''} · <span data-participants='{page['participants']}'>"
           f"{esc(L('joined_n', n=page['participants']))}</span></p>",
           # the door's numbers in the control view's words (`projector.joined_html`)
           (f"<p class='meta' data-door='{page['door']['door']}'>{esc(L('joined_door', **page['door']))}</p>"
            if page["door"] else ""),
           f"<p class='meta'>{esc(L('public_privacy'))}</p>",
           f"<p class='noprint'><button onclick='window.print()'>{esc(L('public_print'))}</button></p>"]
    for st in page["stages"]:
        if st["statements"]:
            out.append(f"<h2>{esc(st['title'])}</h2>" + _statements_html(st["statements"], lang))
            continue
        out.append(f"<h2>{esc(st['title'])}</h2><ul data-stage='{esc(st['kind'])}'>")
        for g in st["groups"]:
            out.append(f"<li><span class='group'>{said(g['text'])}</span><ul>"
                       + "".join(f"<li>{said(c)}</li>" for c in g["cards"]) + "</ul></li>")
        out += [f"<li>{said(c)}</li>" for c in st["cards"]]
        if not st["groups"] and not st["cards"]:
            out.append(f"<li class='meta'>{esc(L('no_cards'))}</li>")
        out.append("</ul>")
    out.append(f"<h2>{esc(L('protocol_voting'))}</h2>")
    for v in page["voting"]:
        out.append(f"<h3>{esc(v['title'])}: {esc(v['method'])} ({esc(L('voters_n', n=v['voters']))})</h3>"
                   + (f"<p class='meta' data-source>{esc(v['source'])}</p>" if v["source"] else "")
                   + "<div class='table'><table class='votes'><tr>" + "".join(
                       f"<th>{esc(h)}</th>" for h in [L("protocol_rank"), L("protocol_card"), *v["columns"]]) + "</tr>")
        out += [f"<tr><td>{esc(r['rank'])}</td><td class='card'>{said(r['text'])}</td>"
                + "".join(f"<td>{esc(c)}</td>" for c in r["cells"]) + "</tr>"
                for r in v["rows"]]
        out.append("</table></div>")
    if not page["voting"]:
        out.append(f"<p class='meta'>{esc(L('protocol_none'))}</p>")
    out.append(f"<h2>{esc(L('protocol_teams'))}</h2><ul class='teams'>")
    out += [f"<li>{said(tm['text'])} — {esc(L('public_team_members', n=tm['members']))}</li>" for tm in page["teams"]]
    out.append("</ul>" if page["teams"] else f"<li class='meta'>{esc(L('protocol_none'))}</li></ul>")
    out.append(f"<h2>{esc(L('protocol_drafts'))}</h2>")
    for d in page["drafts"]:
        out.append(f"<div class='draft'><h3>{said(d['title'])}</h3><p class='meta'>{esc(L('draft_status'))}: "
                   f"{esc(d['status'])}</p>")
        for key in ("direction", "summary", "goal"):
            if d[key]:
                label = L({"direction": "draft_f_grant_direction", "summary": "draft_f_summary",
                           "goal": "draft_f_goal"}[key])
                out.append(f"<p><b>{esc(label)}:</b> {said(d[key])}</p>")
        out.append("</div>")
    if not page["drafts"]:
        out.append(f"<p class='meta'>{esc(L('protocol_none'))}</p>")
    out.append("</body>")
    return f"{s['title']} — {L('public_heading')}", "".join(out)


def _statements_html(sr: dict, lang: str) -> str:
    """A statements stage on the public page as in the protocol: each statement's agree,
    disagree and pass counts, the verdict, what everyone agrees on and the opinion groups."""
    head = "".join(f"<th>{esc(h)}</th>" for h in statement_header(lang))
    rows = "".join("<tr>" + f"<td class='card'>{said(r['text'])}</td>" + "".join(f"<td>{esc(cell_text(c, lang))}</td>" for c in (
        r["agree"], r["disagree"], r["pass"], r["total"],
        "—" if r["agree_share"] is None else r["agree_share"])) + "</tr>" for r in sr["rows"])
    out = [f"<div class='table'><table class='statements'><tr>{head}</tr>{rows}</table></div>",
           f"<p class='meta' data-verdict>{esc(t('protocol_statement_voters', lang, n=sr['voters']))}"
           f" · {esc(sr['verdict'])}</p>"]
    if sr["consensus"]:
        out.append(f"<p><b>{esc(t('consensus', lang))}:</b></p><ul data-consensus>"
                   + "".join(f"<li>{said(c['text'])} ({esc(c['direction'])})</li>" for c in sr["consensus"]) + "</ul>")
    for g in sr["groups"]:
        out.append(f"<p data-opinion-group><b>{said(g['name'])}</b> ({esc(t('people_n', lang, n=g['size']))}):</p><ul>"
                   + "".join(f"<li>{said(r['text'])} ({esc(r['direction'])})</li>" for r in g["statements"]) + "</ul>")
    return "".join(out)


class PublicPageHandler(PageErrors, tornado.web.RequestHandler):
    """`/r/TOKEN`: the session's results, read-only, for anyone with the link while it is on."""

    def initialize(self, wb):
        self.wb = wb

    def get(self, token):
        lang = page_lang(self)
        try:
            lang = take_session_lang(self, self.wb.store, self.wb.store.public_page_by_token(token)["session_id"],
                                     self.wb.settings["lang"])
            page = public.public_results(self.wb.store, token, lang)
        except WorkbenchError as exc:
            refusal_page(self, exc)
            return
        title, body = public_html(page, lang)
        _page(self, title, body)


# --- the team's page ------------------------------------------------------------------------------

def form_spec(lang: str) -> list[dict]:
    """The draft's fields as the team page draws them, in the order of the form."""
    return [{"name": f.name, "kind": f.kind, "label": f.label(lang), "max": max_chars(f),
             "columns": [{"name": c, "label": column_label(c, lang)} for c in f.columns]} for f in FIELDS]


TEAM_KEYS = ("team_page_title", "team_page_hint", "team_saved", "team_saving", "team_unsaved", "team_not_saved",
             "team_all_saved", "team_offline_kept", "team_disk_kept", "team_loading", "team_load_failed", "team_their_version",
             "team_save_again", "team_list_hint", "team_comments", "team_comment_author", "team_comment_text",
             "team_comment_add", "team_comment_author_for", "team_comment_text_for", "team_comment_add_for",
             "team_comment_offline", "team_comment_sent_late", "logic_title", "logic_ok",
             "draft_add_row", "team_their_rows", "team_your_rows", "team_rows_removed", "team_take_theirs",
             "team_restore", "team_restored", "team_changed_by_other", "team_changed_top", "language",
             "draft_field_conflict", "draft_rows_conflict", "team_index")


def team_html(token: str, lang: str) -> str:
    """The team page (`static/team.html`) with the token and, in every language, the form and the
    strings inlined: its RU/EN button switches the page without a reload (what is typed stays)."""
    page = importlib.resources.files("workbench.web").joinpath("static/team.html").read_text("utf-8")
    i18n = {lg: {"form": form_spec(lg), "t": {k: t(k, lg) for k in TEAM_KEYS}} for lg in LANGS}
    blob = json.dumps({"token": token, "lang": lang, "i18n": i18n},
                      ensure_ascii=False).replace("<", "\\u003c")
    return page.replace("__DATA__", blob).replace("__TITLE__", esc(t("team_page_title", lang)))


class TeamPageHandler(PageErrors, tornado.web.RequestHandler):
    """`/t/TOKEN`: the team's draft as a form; 404 for an unknown token."""

    def initialize(self, wb):
        self.wb = wb

    def get(self, token):
        lang = page_lang(self)
        try:
            lang = take_session_lang(self, self.wb.store, team_links.draft_of_link(self.wb.store, token)["session_id"],
                                     self.wb.settings["lang"])
        except WorkbenchError as exc:
            refusal_page(self, exc)
            return
        _page(self, t("team_page_title", lang), team_html(token, lang))


# A team field's body: a paragraph of MAX_LONG characters at 4 bytes each (UTF-8's worst case) and
# any table a team really writes (a 50-row plan, with the rows the page started from) fit; a text
# over its field's limit reaches the field's own message («Поле «…» длиннее 10000 символов»).
# As much as the server takes on any route (`server.MAX_REQUEST`) and nginx's client_max_body_size.
TEAM_MAX_BODY = 1024 * 1024


class TeamApiHandler(ApiHandler):
    """`/api/t/TOKEN` (GET: the draft, versions, comments, logic check, how many earlier versions
    each field keeps), `/field`, `/restore` and `/comment` (POST). The team token in the path is
    the key; a conflict answers 409 with the stored value (and, for a table, the rows both changed)."""

    max_body = TEAM_MAX_BODY

    async def get(self, token, action=None):
        if action:
            raise tornado.web.HTTPError(405)
        await self._handle(lambda: team_links.team_draft(self.store, token, self.lang))

    async def post(self, token, action=None):
        conflict: list[team_links.FieldConflict] = []

        def act():  # runs in the store's runner: it only reads and writes, the answer is sent here
            body = self.body()
            try:
                if action == "field":
                    return team_links.save_field(self.store, token, body.get("field"), body.get("value"),
                                                 body.get("base"), body.get("base_value"), body.get("prefer"))
                if action == "restore":
                    return team_links.restore_field(self.store, token, body.get("field"), body.get("base"))
            except team_links.FieldConflict as exc:
                conflict.append(exc)
                return None
            if action == "comment":
                return team_links.add_comment(self.store, token, body.get("field"), body.get("author"),
                                              body.get("text"), body.get("request_id"))
            raise WorkbenchError("bad_request", detail="unknown action")

        await self._handle(act)
        if conflict:
            exc = conflict[0]
            self.send_json({"error": exc.key, "message": exc.message(self.lang), "field": exc.name,
                            "value": exc.value, "version": exc.version, "conflicts": exc.conflicts}, exc.status)


def routes(wb, api: dict) -> list:
    """The routes `workbench.web.server` adds for the pages between sessions."""
    return [
        (rf"/r/({TOKEN_RE})", PublicPageHandler, {"wb": wb}),
        (rf"/t/({TOKEN_RE})", TeamPageHandler, {"wb": wb}),
        (rf"/api/t/({TOKEN_RE})", TeamApiHandler, api),
        (rf"/api/t/({TOKEN_RE})/(field|restore|comment)", TeamApiHandler, api),
    ]
