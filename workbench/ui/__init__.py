"""Widget views. Each takes the Workbench context and returns a widget."""

from __future__ import annotations

import base64
import functools
import os
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from workbench.util import esc, isolate  # noqa: F401 (the views' one escaping helper)


def said(text) -> str:
    """What a participant wrote (a card, a name, a group, a team) for a view's HTML: escaped, and
    isolated when written right to left (`util.isolate`), so a Hebrew or Arabic card never moves
    the numbers and punctuation beside it.

    >>> said("<b>Тропа</b>"), said("שלום") == "\u2068שלום\u2069"
    ('&lt;b&gt;Тропа&lt;/b&gt;', True)
    """
    return esc(isolate(text))


def query_param(name: str, default: str = "") -> str:
    """A parameter of the page's address, as Voila passes it to the kernel (`QUERY_STRING`).

    >>> os.environ["QUERY_STRING"] = "session=KARGO1&x=1"
    >>> query_param("session")
    'KARGO1'
    """
    values = parse_qs(os.environ.get("QUERY_STRING", "")).get(name)
    return values[0] if values else default


def page_lang(lang: str | None, default: str) -> str:
    """The language a page starts in: `lang` (a view's argument, e.g. the address's `?lang=`)
    when the catalogue has it, else `default` (the workbench's setting).

    >>> page_lang("en", "ru"), page_lang("fr", "ru"), page_lang(None, "en")
    ('en', 'ru', 'en')
    """
    from workbench.i18n import LANGS

    return lang if lang in LANGS else default


def lang_toggle(lang: str, on_change):
    """The RU/EN switch at the top right of a page: a ToggleButtons on `lang` that calls
    `on_change(change)` (ipywidgets' `observe`) when it is switched."""
    import ipywidgets as w

    toggle = w.ToggleButtons(options=[("RU", "ru"), ("EN", "en")], value=lang, style={"button_width": "48px"})
    toggle.add_class("wb-lang-toggle")
    toggle.observe(on_change, "value")
    return toggle


def lang_query(lang: str, **params) -> str:
    """A link to another view of the same notebook that keeps the page's language (not escaped).

    >>> lang_query("en", session="KARGO1")
    '?session=KARGO1&lang=en'
    """
    return "?" + urlencode({**params, "lang": lang})


def public_url() -> str:
    """The base address phones use, as `workbench serve` announced it."""
    return os.environ.get("WORKBENCH_PUBLIC_URL", "")


LINK_LIMIT = 20_000_000  # bytes: a bigger file is left in its folder, without a link
MIME = {".csv": "text/csv", ".png": "image/png", ".svg": "image/svg+xml",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".md": "text/markdown"}


def download_link(path: Path) -> str:
    """A file written by a view, as a link that downloads it from the page (a data URI: the
    kernel serves no files), with its size; too big a file is named, without a link."""
    size = path.stat().st_size
    if size > LINK_LIMIT:
        return f"{esc(path.name)} ({size // 1024} KB)"
    return file_link(path.name, path.read_bytes())


def file_link(name: str, data: bytes) -> str:
    """A file built in memory, as a link that downloads it from the page under `name`, with its
    size (nothing is written on the server).

    >>> file_link("a.md", b"# A")
    "<a download='a.md' href='data:text/markdown;base64,IyBB'>a.md</a> (1 KB)"
    """
    mime = MIME.get(Path(name).suffix, "application/xml")
    encoded = base64.b64encode(data).decode("ascii")
    return (f"<a download='{esc(name)}' href='data:{mime};base64,{encoded}'>{esc(name)}</a>"
            f" ({max(1, len(data) // 1024)} KB)")


def show_message(widget, text: str, error: bool = False) -> None:
    """A view's message line (an HTML widget): green, red for an error, empty for no text."""
    widget.value = f"<div class='{'wb-err' if error else 'wb-ok'}'>{esc(text)}</div>" if text else ""


def error_message(exc: BaseException, lang: str, describe=None) -> str:
    """What a page says when an action failed, in `lang`: the workbench's own errors in its
    words, a full (or failing) disk as phones say it (`storage_full`), a database that cannot be
    reached as waiting for it, anything else by
    `describe(exc)` or as its type and text.

    >>> import sqlite3
    >>> error_message(sqlite3.OperationalError("database or disk is full"), "en")[:40]
    'Not saved: the disk is full (or failing)'
    >>> error_message(sqlite3.OperationalError("database is locked"), "en")[:31]
    'The database is not answering: '
    >>> error_message(KeyError("x"), "en")
    "KeyError: 'x'"
    """
    from workbench.errors import WorkbenchError
    from workbench.i18n import t
    from workbench.store.failures import storage_failed, store_unreachable

    if isinstance(exc, WorkbenchError):
        return exc.message(lang)
    if storage_failed(exc):
        return t("storage_full_view", lang)
    if store_unreachable(exc):  # PostgreSQL restarting: no driver's text (it names sockets and paths)
        return t("store_unreachable_projector", lang)
    return describe(exc) if describe else f"{type(exc).__name__}: {exc}"


class ViewPart:
    """A panel of the control view (`self.view`, set by the panel): it speaks the view's language
    and says what happened on the view's message line."""

    @property
    def lang(self) -> str:
        return self.view.lang

    def say(self, text: str, error: bool = False) -> None:
        self.view.say(text, error)


class FollowsStore:
    """A view that follows its store (`self.store`): `check()` looks at `Store.data_version` and,
    when it moved, calls the view's `on_store_change()`; `_follow(interval, tick)` looks every
    `interval` seconds on the kernel's event loop (the task is `self._task`). A look that fails is
    said on the view's message line and taken back once a look succeeds; with the store out of
    reach the view missed what changed, so the next look that succeeds counts as a change."""

    _last_version = None

    def on_store_change(self) -> None:
        raise NotImplementedError

    def check(self) -> bool:
        """Follow the store if it changed since the last look. True when it did."""
        version = self.store.data_version()
        if version == self._last_version:
            return False
        self._last_version = version
        self.on_store_change()
        return True

    def _follow(self, interval: float, tick=None) -> None:
        import asyncio

        from workbench.store.failures import store_unreachable

        async def loop():
            said = None  # what this loop said went wrong, taken back once a look succeeds
            while True:
                try:
                    self.check()
                    if said is not None and self.message.value == said:
                        self.say("")  # the store answers again: live updates resumed
                    said = None
                    if tick is not None:
                        tick()
                except Exception as exc:  # keep watching; show what failed
                    if store_unreachable(exc):
                        self._last_version = None  # looked at again once the store answers
                    self.say(error_message(exc, self.lang), error=True)
                    said = self.message.value
                await asyncio.sleep(interval)

        self._task = asyncio.ensure_future(loop())


class FoldingPanel(ViewPart):
    """A control-view panel behind a button (`self.widget`, styled as the view's «Очистить» and
    hidden in show mode): its body is built by `_build` on the first click and goes in below the
    button (`_place`), since every widget is a message the page builds before it appears and most
    sessions never open it; later clicks fold and unfold it. A subclass builds `self.body` and words
    the button in `render_labels`."""

    def __init__(self, view, open_class: str):
        import ipywidgets as w

        self.view = view
        self.open_button = w.Button(layout=view.clear_button.layout, style=view.clear_button.style)
        self.open_button.add_class(open_class)
        self.open_button.on_click(self._on_open)
        self.body = None
        self.widget = self.open_button
        self.widget.add_class("wb-control")

    def _build(self) -> None:
        raise NotImplementedError

    def _place(self, body) -> None:
        """Put the built body in the view right below the button."""
        self.body = body
        kids = list(self.view.main.children)
        kids.insert(kids.index(self.open_button) + 1, body)
        self.view.main.children = tuple(kids)

    @property
    def is_open(self) -> bool:
        return self.body is not None and self.body.layout.display != "none"

    def _on_open(self, _=None) -> None:
        if self.body is None:
            self._build()
        else:
            self.body.layout.display = "none" if self.is_open else ""
        self.render_labels()


def shows_errors(method):
    """For view callbacks: what went wrong goes to the view's message line (`self.say`), in the
    view's language (`error_message`), never lost. A view may word other errors itself with a
    `describe_error(exc)` method."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            self.say("")
            return method(self, *args, **kwargs)
        except Exception as exc:  # shown, not swallowed: the facilitator or staff must see it
            self.say(error_message(exc, self.lang, getattr(self, "describe_error", None)), error=True)
    return wrapper


def blank_tooltips() -> None:
    """ipywidgets 8 writes a widget's tooltip that was never set (None) into the page as the
    attribute title="null": hovering «Голосуем за», «Минут» or a folding panel's button showed
    «null». Every widget built after this call (each Voila page is its own kernel, and every view
    imports this package) starts with an empty tooltip instead, which shows nothing; a tooltip a
    view sets itself is kept."""
    import ipywidgets as w

    def blank(widget) -> None:
        if isinstance(widget, w.DOMWidget) and widget.tooltip is None:
            widget.tooltip = ""

    w.Widget.on_widget_constructed(blank)


blank_tooltips()
