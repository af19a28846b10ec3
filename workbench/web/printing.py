"""Printed pages for the room, kernel-free, behind the facilitator's login: `/print/CODE/poster`
(an A4 join poster: the session, a big QR code, the address and the code) and
`/print/CODE/ballot` (an A4 paper ballot of a vote: its candidates numbered, with boxes to mark
in the method's way; `?stage=ID` for another vote than the one on phones or next).

Self-contained HTML with print CSS (`@page { size: A4 }`): local fonts only, nothing fetched.
The words come from `workbench.session.printing`.
"""

from __future__ import annotations

import tornado.web
from jupyter_server.base.handlers import JupyterHandler

from workbench.errors import WorkbenchError
from workbench.i18n import t
from workbench.session import printing
from workbench.session.model import in_language
from workbench.util import esc
from workbench.web.display import _lang, join_address, qr_uri

STYLE = """
@page{size:A4;margin:12mm}
*{box-sizing:border-box}
html,body{margin:0;padding:0;background:#fff;color:#000}
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif}
/* the sheet is the A4 page less its margins: 186 mm wide, from the left edge in print */
.sheet{width:186mm;margin:0}
.tools{font-size:16px;padding:8px 0;margin:0 auto;width:210mm}
.tools button{font-size:18px;padding:6px 18px;margin-right:12px}
.tools a{margin-right:10px}
@media screen{
  body{background:#e6e6e6}
  .sheet{background:#fff;width:210mm;min-height:297mm;padding:12mm;margin:0 auto 10mm;
         box-shadow:0 0 6px rgba(0,0,0,.3)}
}
@media print{.tools{display:none}}
/* a phone's screen (the facilitator sends the page to a printer from it): the sheet takes the
   screen's width, so nothing (a ballot's boxes, the QR code) is off its right edge; paper is A4 */
@media screen and (max-width:210mm){
  .tools{width:auto;padding:8px}
  .sheet{width:auto;min-height:0;padding:4mm;margin:0 0 4mm}
}
.head{font-size:11pt;color:#333;overflow-wrap:anywhere}
"""

POSTER_STYLE = """
.poster{text-align:center}
.poster h1{font-size:26pt;line-height:1.15;margin:4mm 0 2mm;overflow-wrap:anywhere}
.poster .where{font-size:14pt;color:#333;margin-bottom:8mm}
.poster .scan{font-size:20pt;font-weight:bold;margin:0 0 4mm}
.poster .qr{width:115mm;height:115mm;display:block;margin:0 auto}
.poster .or{font-size:13pt;margin-top:5mm}
.poster .url{font-size:17pt;font-weight:bold;overflow-wrap:anywhere;margin-top:1mm}
.poster .code-label{font-size:14pt;margin-top:6mm}
.poster .code{font-size:52pt;font-weight:bold;letter-spacing:2mm;line-height:1.1}
.poster .note{font-size:12pt;color:#333;margin-top:5mm}
@media screen and (max-width:210mm){.poster .qr{width:100%;max-width:115mm;height:auto}}
"""

BALLOT_STYLE = """
.ballot h1{font-size:18pt;margin:3mm 0 1mm;overflow-wrap:anywhere}
.ballot .prompt{font-size:13pt;margin:0 0 2mm;overflow-wrap:anywhere}
.ballot .mark{font-size:13pt;font-weight:bold;margin:0 0 4mm;padding:2mm 3mm;border:0.4mm solid #000}
.ballot ol{list-style:none;margin:0;padding:0}
.ballot li{display:flex;align-items:flex-start;gap:3mm;padding:2.5mm 0;border-bottom:0.3mm solid #999;
           break-inside:avoid;page-break-inside:avoid}
.ballot .n{flex:0 0 9mm;font-size:14pt;font-weight:bold;text-align:right}
.ballot .what{flex:1 1 auto;min-width:0}
.ballot .text{font-size:13pt;line-height:1.25;overflow-wrap:anywhere;white-space:pre-wrap}
.ballot .ideas{font-size:10.5pt;line-height:1.25;margin-top:1mm;color:#222}
.ballot .idea{overflow-wrap:anywhere;padding-left:4mm;text-indent:-4mm}
.ballot .idea::before{content:"– "}
.ballot .more{padding-left:4mm;font-style:italic}
.ballot .box{flex:0 0 9mm;height:9mm;border:0.5mm solid #000}
.ballot .place{flex:0 0 auto;font-size:11pt;display:flex;align-items:center;gap:2mm}
.ballot .place .box{flex:0 0 14mm;height:10mm}
.ballot .scale{display:flex;align-items:center;gap:2mm;font-size:11pt;margin-top:1.5mm}
.ballot .scale .label{flex:0 0 32mm}
.ballot .scale span.v{display:inline-block;width:8mm;height:8mm;line-height:7mm;text-align:center;
                      border:0.4mm solid #000;border-radius:50%}
.ballot .empty{font-size:13pt;color:#333;margin:6mm 0}
.ballot .name{font-size:12pt;margin-top:8mm;break-inside:avoid}
.ballot .name span{display:inline-block;width:110mm;border-bottom:0.3mm solid #000}
@media screen and (max-width:210mm){.ballot .name span{width:100%;height:1.2em}}
"""


def _page(lang: str, title: str, style: str, tools: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="{esc(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(title)}</title>'
            f'<style>{STYLE}{style}</style></head><body>'
            f'<div class="tools"><button type="button" onclick="window.print()">{esc(t("print_button", lang))}</button>'
            f'{tools}</div>{body}</body></html>')


def _head(p: dict) -> str:
    return " · ".join(esc(x) for x in (p["territory"], p["date"]) if x)


def poster_html(p: dict, join_url: str, lang: str) -> str:
    """The join poster: no live counters, no screen's hints; one A4 page."""
    where = _head(p)
    body = (f'<div class="sheet poster" data-poster>'
            f'<h1>{esc(p["title"])}</h1>' + (f'<div class="where">{where}</div>' if where else "")
            + f'<p class="scan">{esc(t("print_scan", lang))}</p>'
            f'<img class="qr" alt="QR" src="{qr_uri(join_url)}">'
            f'<div class="or">{esc(t("print_or_open", lang))}</div>'
            f'<div class="url" data-url>{esc(join_url)}</div>'
            f'<div class="code-label">{esc(t("print_code", lang))}</div>'
            f'<div class="code" data-code>{esc(p["code"])}</div>'
            f'<div class="note">{esc(t("print_no_login", lang))}</div></div>')
    return _page(lang, f'{p["title"]} — {p["code"]}', POSTER_STYLE, "", body)


def _item(method: str, item: dict, lang: str) -> str:
    text = f'<div class="text">{esc(item["text"])}</div>'
    if item.get("ideas") or item.get("more"):  # a group: what it holds, under its name
        more = f'<div class="more">{esc(t("print_more_ideas", lang, n=item["more"]))}</div>' if item["more"] else ""
        text += ('<div class="ideas" data-ideas>' + "".join(f'<div class="idea">{esc(x)}</div>' for x in item["ideas"])
                 + more + "</div>")
    n = f'<span class="n">{item["n"]}.</span>'
    if method == "dots":
        return f'<li data-item>{n}<div class="what">{text}</div><span class="box"></span></li>'
    if method == "matrix":
        scales = "".join(
            f'<div class="scale"><span class="label">{esc(t(k, lang))}</span>'
            + "".join(f'<span class="v">{v}</span>' for v in printing.SCALE) + "</div>"
            for k in ("impact", "feasibility"))
        return f'<li data-item>{n}<div class="what">{text}{scales}</div></li>'
    return (f'<li data-item>{n}<div class="what">{text}</div>'
            f'<span class="place">{esc(t("print_place", lang))}<span class="box"></span></span></li>')


def ballot_html(b: dict, others: list[dict], lang: str) -> str:
    """A paper ballot: as many A4 pages as its candidates need (a candidate is never split)."""
    items = "".join(_item(b["method"], i, lang) for i in b["items"])
    listing = f'<ol>{items}</ol>' if b["items"] else f'<p class="empty">{esc(t("print_no_items", lang))}</p>'
    where = _head(b)
    body = (f'<div class="sheet ballot" data-ballot data-method="{esc(b["method"])}">'
            f'<div class="head">{esc(b["title"])}{" · " + where if where else ""}</div>'
            f'<h1>{esc(t("print_ballot_title", lang))}: {esc(b["stage"])}</h1>'
            f'<p class="prompt">{esc(b["prompt"])}</p>'
            f'<p class="mark">{esc(b["mark"])}</p>{listing}'
            f'<div class="name">{esc(t("print_name", lang))}: <span></span></div></div>')
    # the other votes' ballots, named as such (a bare «Voting 2» beside «Print» said nothing)
    tools = (f'<span class="others">{esc(t("print_other_votes", lang))}</span> ' if others else "") + "".join(
        f'<a href="?stage={o["id"]}&amp;lang={esc(lang)}" data-vote>{esc(o["title"])}</a>' for o in others)
    return _page(lang, f'{t("print_ballot_title", lang)}: {b["stage"]}', BALLOT_STYLE, tools, body)


class PrintPage(JupyterHandler):
    """`/print/CODE/poster`, `/print/CODE/ballot`: pages to print for the room."""

    def initialize(self, wb):
        self.wb = wb

    @tornado.web.authenticated
    def get(self, code, what):
        code = code.upper()
        lang, _ = _lang(self, code)
        store = self.wb.store
        try:
            if what == "poster":
                html = poster_html(printing.poster(store, code, lang), join_address(self, code), lang)
            else:
                stage = self.get_argument("stage", "")
                b = printing.ballot(store, code, int(stage) if stage.isdigit() else None, lang)
                votes = [in_language(s, lang) for s in store.stages(store.session(code)["id"])
                         if s["kind"] == "voting" and s["id"] != b["stage_id"]]
                html = ballot_html(b, votes, lang)
        except WorkbenchError as exc:
            self.set_status(exc.status)
            html = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head>'
                    f'<body style="font:20px sans-serif;padding:20px"><p data-error>{esc(exc.message(lang))}</p></body></html>')
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(html)


def routes(wb, code_re: str) -> list[tuple]:
    return [(rf"/print/({code_re})/(poster|ballot)", PrintPage, {"wb": wb})]
