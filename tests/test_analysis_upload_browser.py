"""Real Chromium: big files on the analysis page's «Загрузить CSV/XLSX». A file up to the page's
limit (`WORKBENCH_MAX_TABLE_MB`) arrives, even past tornado's 10 MiB websocket cap; a bigger one is
refused by the page before it is sent, in the page's language, and the page's kernel stays
connected (before, the websocket closed and the page said nothing)."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.network.demo import DEMO_DIR

pytestmark = [pytest.mark.browser, pytest.mark.served]

TABLE = ".wb-rank-people"


def _attendance(path, size: int):
    """The demo's attendance list, padded with a notes column to `size` bytes or so."""
    lines = (DEMO_DIR / "attendance.csv").read_text(encoding="utf-8-sig").splitlines()
    pad = size // (len(lines) - 1) + 1
    path.write_text("\n".join([lines[0] + ",notes"] + [line + "," + "x" * pad for line in lines[1:]]) + "\n",
                    encoding="utf-8")
    return path


def _open(server, browser, lang="ru"):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    console = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(server.projector_url("KARGO1"))  # logs in
    page.goto(server.base + f"/voila/render/analysis.ipynb?lang={lang}")
    page.wait_for_selector(f"{TABLE} tbody tr", timeout=90_000)
    return page, console


def _upload(page, path, lang="ru"):
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Загрузить CSV/XLSX" if lang == "ru" else "Upload CSV/XLSX").first.click()
    chooser.value.set_files(str(path))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_file_over_the_limit_is_refused_before_it_is_sent(served, browser, tmp_path, lang):
    big = _attendance(tmp_path / "big.csv", 15_000_000)
    page, console = _open(served, browser, lang)
    _upload(page, big, lang)
    page.wait_for_selector(".wb-analysis .wb-err", timeout=30_000)
    said = page.locator(".wb-analysis .wb-err").inner_text()
    if lang == "ru":
        assert "Файл «big.csv» слишком большой для страницы: 15,1 МБ, а можно до 10 МБ" in said
    else:
        assert "The file 'big.csv' is too big for the page: 15.1 MB, the limit is 10 MB" in said
    assert not [m for m in console if "Connection lost" in m or "reconnect" in m.lower()]
    # the kernel is still there: a filter redraws the people's table
    page.locator(".wb-na-territory select").select_option(index=1)
    chosen = page.locator(".wb-na-territory select").evaluate("s => s.options[s.selectedIndex].text")
    page.wait_for_function(
        """([t, heading]) => { const table = document.querySelector('.wb-rank-people');
                    const head = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
                    const col = head.indexOf(heading);
                    const cells = [...table.querySelectorAll('tbody tr')].map(tr => tr.children[col].textContent.trim());
                    return cells.length > 0 && cells.every(c => c === t); }""",
        arg=[chosen, "Территория" if lang == "ru" else "Territory"], timeout=30_000)
    page.close()


def test_a_file_up_to_a_raised_limit_is_uploaded_past_the_websocket_cap(fresh, browser, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_TABLE_MB", "20")
    bench, start = fresh
    load_demo(bench.store, teams=False)
    server = start()
    big = _attendance(tmp_path / "big.csv", 12_000_000)  # over tornado's 10 MiB default
    page, console = _open(server, browser)
    _upload(page, big)
    page.wait_for_function(
        "() => (document.querySelector('.wb-analysis .wb-ok') || {}).textContent === 'Загружен файл «big.csv»'",
        timeout=90_000)
    assert page.locator(".wb-analysis .wb-err").count() == 0
    assert not [m for m in console if "Connection lost" in m]
    page.close()


def test_an_edge_list_uploaded_on_the_page_shows_the_commands_network(served, browser, tmp_path):
    """The file `workbench network` reads (two ends, kind, territory) is the page's too: its ends with
    their territories and its ties with their kinds, where an attendance list's people are."""
    from workbench.network.pipeline import analyse_table
    from workbench.network.tables import read_table

    path = tmp_path / "partners.csv"
    path.write_text("Организация 1;Организация 2;Тип;Территория\n"
                    "МБОУ СОШ №1;НКО «Родник»;совместный проект;Каргополь\n"
                    'МБОУ "СОШ № 1";Администрация;;Каргополь\n'
                    "Администрация;ДК «Заря»;грант;Няндома\n", encoding="utf-8")
    nodes = analyse_table(read_table(path), path.name)["nodes.csv"]
    page, console = _open(served, browser)
    _upload(page, path)
    page.wait_for_selector(".wb-ties tbody tr", timeout=60_000)
    assert page.locator(".wb-analysis .wb-ok").inner_text() == "Загружен файл «partners.csv»"
    rows = page.locator(".wb-rank-nodes tbody tr").evaluate_all(
        "trs => trs.map(tr => [tr.children[0].textContent.trim(), tr.children[1].textContent.trim()])")
    assert sorted(map(tuple, rows)) == sorted(zip(nodes["label"], nodes["territory"], strict=True))
    ties = page.locator(".wb-ties").inner_text()
    assert "совместный проект" in ties and "грант" in ties and "Связь" in ties
    assert page.locator(".wb-analysis .wb-err").count() == 0
    page.close()
