"""The session protocol on the control view, for the facilitator at closing: «Протокол (DOCX /
XLSX / Markdown)» builds the three files in memory, by the same `exports.protocol_files` as
`workbench export --what protocol`, and shows a link to download each (nothing is written on
the server, no terminal needed)."""

from __future__ import annotations

import ipywidgets as w

from workbench.i18n import t
from workbench.ui import esc, file_link, show_message, shows_errors


class ProtocolPanel:
    """`ProtocolPanel(wb, code, lang, place)`: `.make` is the button for the page to show;
    `.files` (the links, or why they could not be made) is built on the first click and handed
    to `place(files)` to put on the page: a control view that is never closed with it builds
    nothing more."""

    def __init__(self, wb, session_code: str, lang: str, place):
        self.wb = wb
        self.code = session_code
        self.lang = lang
        self.place = place
        self.make = w.Button(icon="file-text", layout=w.Layout(width="auto"))
        self.make.add_class("wb-protocol")
        self.make.add_class("wb-control")  # the facilitator's, hidden in show mode
        self.make.on_click(self._on_make)
        self.files: w.HTML | None = None
        self.render_labels()

    def say(self, text: str, error: bool = False) -> None:
        show_message(self._files(), text, error)

    def _files(self) -> w.HTML:
        if self.files is None:
            # no wider than the join code above it: the hint wraps, the wall beside keeps its room
            self.files = w.HTML(layout=w.Layout(max_width="320px"))
            self.files.add_class("wb-protocol-files")
            self.files.add_class("wb-control")
            self.place(self.files)
        return self.files

    def render_labels(self) -> None:
        self.make.description = t("protocol_make", self.lang)
        if self.files is not None:
            self.files.value = ""  # files in the other language are built again on the next click

    @shows_errors
    def _on_make(self, _button=None) -> None:
        import time

        from workbench.exports import protocol_files

        files = protocol_files(self.wb.store, self.code, ("docx", "xlsx", "md"), self.lang)
        links = "".join(f"<li>{file_link(name, data)}</li>" for name, data in files)
        when = time.strftime("%H:%M")
        self._files().value = (f"<div>{esc(t('protocol_files', self.lang, time=when))}</div><ul>{links}</ul>"
                               f"<div class='wb-meta'>{esc(t('protocol_files_hint', self.lang))}</div>")
