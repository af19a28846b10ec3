"""The facilitator's sign-in page: what a browser that arrives without the token sees.

jupyter_server's stock page talks about Jupyter passwords and `jupyter server list`; this one says,
in the facilitator's language, that the projector URL with the token is printed in the terminal where
`workbench serve` runs (quoting that line's label as the terminal printed it) or, for a server process
under systemd, in its journal and the data folder's `.secret.json`; it takes the token pasted into a
box. Checking the token, setting the cookie and the safe redirect to `next` stay jupyter_server's
(`LoginFormHandler`).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlencode

from jupyter_server.auth.login import LoginFormHandler

from workbench.i18n import DEFAULT_LANG, LANGS, t
from workbench.util import esc
from workbench.web.api import page_lang

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body{{font:18px/1.45 sans-serif;max-width:36em;margin:40px auto;padding:0 16px;color:#222}}
input{{font-size:18px;width:100%;box-sizing:border-box;padding:6px}}button{{font-size:18px;margin-top:10px;padding:6px 18px}}
.error{{color:#a00;font-weight:bold}}code{{background:#eee;padding:0 4px}}.muted{{color:#666;font-size:15px}}</style>
</head><body data-workbench-login>
<p style="text-align:right"><a href="{switch_href}" lang="{other}">{switch}</a></p>
<h1>{title}</h1>
<p>{where}</p>
{error}<form method="post" action="{action}">{xsrf}
<label for="token">{label}</label><br>
<input type="password" name="password" id="token" autocomplete="off" autofocus required>
<br><button type="submit">{submit}</button></form>
<p class="muted">{phones}</p>
</body></html>"""


def projector_line(env=os.environ) -> str:
    """The label of the line with the projector's URL as `workbench serve` printed it: in the
    terminal's language (`workbench serve` leaves it in WORKBENCH_LANG), whatever the page's.

    >>> projector_line({}), projector_line({"WORKBENCH_LANG": "en"})
    ('Проектор (ведущий; токен держите в секрете)', 'Projector (facilitator, keep the token secret)')
    """
    return t("cli_serve_projector", terminal_lang(env), url="").rstrip(": ")


def terminal_lang(env=os.environ) -> str:
    """The language of `workbench serve`'s terminal lines (it leaves it in WORKBENCH_LANG).

    >>> terminal_lang({}), terminal_lang({"WORKBENCH_LANG": "en"}), terminal_lang({"WORKBENCH_LANG": "de"})
    ('ru', 'en', 'ru')
    """
    lang = env.get("WORKBENCH_LANG", "")
    return lang if lang in LANGS else DEFAULT_LANG


SECRET_FILE = ".secret.json"  # in the data folder (Workbench.secrets)


def token_places(env=os.environ) -> dict:
    """Where this process's token can be read, besides the terminal: the systemd unit whose journal
    has `workbench serve`'s lines (WORKBENCH_SERVICE, set by serve under systemd) and the data
    folder's secret file, named on a server (a service, or a process on a shared database).

    >>> token_places({"WORKBENCH_DATA": "/srv/wb"})
    {}
    >>> token_places({"WORKBENCH_DATA": "/var/lib/workbench", "WORKBENCH_SERVICE": "workbench@8801"})
    {'journal': 'journalctl -u workbench@8801', 'file': '/var/lib/workbench/.secret.json'}
    """
    unit = env.get("WORKBENCH_SERVICE")  # workbench/cli/serve.py SERVICE_ENV
    if not unit and not env.get("WORKBENCH_DATABASE_URL"):
        return {}  # a laptop: the terminal only
    places = {"journal": f"journalctl -u {unit}"} if unit else {}
    data = env.get("WORKBENCH_DATA")
    if data:
        places["file"] = str(Path(data).absolute() / SECRET_FILE)
    return places


def where_is_the_token(lang: str, env=os.environ) -> str:
    """The sign-in page's paragraph (HTML) on where the projector URL and its token are."""
    places = token_places(env)
    line = esc(projector_line(env))
    code = lambda text: f"<code>{esc(text)}</code>"  # noqa: E731
    if "journal" in places:
        return t("login_where_service", lang).format(journal=code(places["journal"]), line=line,
                                                     file=code(places.get("file", SECRET_FILE)), field=code("token"))
    where = t("login_where", lang).format(command=code("workbench serve"), line=line)
    if "file" in places:
        where += " " + t("login_token_file", lang).format(file=code(places["file"]), field=code("token"))
    return where


class WorkbenchLogin(LoginFormHandler):
    """`/login`: the workbench's own sign-in page, in its `?lang=`, else the language `workbench
    serve` speaks in its terminal (`workbench --lang en serve`: the page quoted the English line
    on a Russian page)."""

    def _render(self, message=None):
        lang = page_lang(self, terminal_lang())
        other = next(x for x in LANGS if x != lang)
        nxt = self.get_argument("next", default=self.base_url)
        wrong = t("login_wrong_token_service" if "journal" in token_places() else "login_wrong_token", lang,
                  file=SECRET_FILE)
        error = f'<p class="error" role="alert">{esc(wrong)}</p>\n' if message else ""
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Frame-Options", "DENY")
        self.write(PAGE.format(
            lang=lang, other=other, title=esc(t("login_title", lang)),
            where=where_is_the_token(lang),
            label=esc(t("login_token", lang)), submit=esc(t("login_submit", lang)),
            phones=esc(t("login_phones", lang)), switch=esc(t("login_switch", lang)),
            switch_href=esc("?" + urlencode({"next": nxt, "lang": other})),
            action=esc("?" + urlencode({"next": nxt, "lang": lang})),
            xsrf=self.xsrf_form_html(), error=error))
