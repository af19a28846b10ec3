"""Real Chromium on the control view: at closing the facilitator downloads the session protocol
(DOCX, XLSX, MD) from the page, without a terminal, and the files open in Word and Excel."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from workbench.testing import open_projector

pytestmark = pytest.mark.browser


def _docx_text(data: bytes) -> str:
    import docx

    doc = docx.Document(io.BytesIO(data))
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_protocol_downloads_from_the_control_view(served, browser):
    import openpyxl

    from workbench.app import Workbench

    wb = Workbench(served.data_dir)
    try:
        s = wb.store.session("KARGO1")
        card = next(c["text"] for c in wb.store.cards(s["id"]) if c["status"] == "shown")
    finally:
        wb.close()
    screen, frame = open_projector(browser, served, "KARGO1")
    frame.get_by_role("button", name="Протокол (DOCX / XLSX / Markdown)").click()
    frame.wait_for_selector(".wb-protocol-files a[download$='.docx']", timeout=30_000)
    assert frame.locator(".wb-protocol-files").inner_text().startswith("Протокол на ")
    names = [a.get_attribute("download") for a in frame.locator(".wb-protocol-files a").all()]
    assert names == ["protocol-KARGO1.md", "protocol-KARGO1.docx", "protocol-KARGO1.xlsx"]

    with screen.expect_download() as got:
        frame.click(".wb-protocol-files a[download$='.docx']")
    assert got.value.suggested_filename == "protocol-KARGO1.docx"
    text = _docx_text(Path(got.value.path()).read_bytes())
    assert f"Протокол сессии: {s['title']}" in text and card in text

    with screen.expect_download() as got:
        frame.click(".wb-protocol-files a[download$='.xlsx']")
    assert got.value.suggested_filename == "protocol-KARGO1.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))
    values = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]
    assert s["title"] in values and any(card in v for v in values)
    assert not (served.data_dir / "exports").exists()  # built in memory: no copy left on the server
    screen.close()
