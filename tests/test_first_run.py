"""A newcomer's first run (issue 18): the browser opens the projector with its token, a browser
without the token gets the workbench's own Russian sign-in page, the log has one URL per purpose."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys

import pytest
import requests

from workbench.testing import free_port, wait_for

JUPYTER_WORDS = ("Setup a Password", "jupyter server list", "Jupyter Server")


def test_a_browser_without_the_token_gets_the_russian_sign_in_page(served):
    r = requests.get(served.base + "/")
    assert r.status_code == 200 and r.url.startswith(served.base + "/login")
    assert "Вход ведущего" in r.text and "workbench serve" in r.text and "терминале" in r.text
    assert not any(word in r.text for word in JUPYTER_WORDS)
    r = requests.get(served.base + "/voila/render/facilitator.ipynb?session=KARGO1")
    assert "Вход ведущего" in r.text and not any(word in r.text for word in JUPYTER_WORDS)
    english = requests.get(served.base + "/login?next=%2F&lang=en")
    assert "Facilitator sign-in" in english.text and "terminal where" in english.text
    # The page quotes the terminal's line as it was printed there (in the terminal's language).
    log = served.log_path.read_text(encoding="utf-8", errors="replace")
    printed = re.search(r"^(.*): http\S*/f\?token=", log, re.M).group(1).strip()
    assert printed == "Проектор (ведущий; токен держите в секрете)"
    assert f"строка «{printed}» с" in r.text and f"the line “{printed}” with" in english.text
    assert "Projector" not in r.text


def test_the_token_in_the_address_reaches_the_control_view(served):
    r = requests.get(f"{served.base}/?token={served.token}")
    assert r.status_code == 200 and r.url == served.base + "/projector"
    assert "voila/render/facilitator.ipynb" in r.text and "Вход ведущего" not in r.text


def test_a_pasted_token_signs_in_and_a_wrong_one_says_so(served):
    browser = requests.Session()
    page = browser.get(served.base + "/")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
    wrong = browser.post(page.url, data={"_xsrf": xsrf, "password": "not-the-token"})
    assert wrong.status_code == 401 and "Токен не подошёл" in wrong.text
    right = browser.post(page.url, data={"_xsrf": xsrf, "password": served.token})
    assert right.status_code == 200 and right.url == served.base + "/projector"
    assert "voila/render/facilitator.ipynb" in right.text
    assert browser.get(served.base + "/").url == served.base + "/projector"  # the cookie holds


def test_the_log_names_each_address_once(served):
    wait_for(lambda: "Voilà is running" in served.log_path.read_text(encoding="utf-8", errors="replace"),
             message="Voila's start line in the log")
    log = served.log_path.read_text(encoding="utf-8", errors="replace")
    addresses = re.findall(r"https?://\S+", log)
    assert any("/f?token=" in a for a in addresses) and any(a.endswith("/s/KARGO1") for a in addresses)
    assert len(addresses) == len(set(addresses))
    assert all(a.startswith(served.base) for a in addresses)  # no second address with the host name


@pytest.mark.served
def test_serve_opens_the_browser_at_the_projector_with_its_token(tmp_path):
    from workbench.cli import main

    data = tmp_path / "data"
    assert main(["demo", "--data", str(data)]) == 0
    opened = tmp_path / "opened.txt"
    fake = tmp_path / "fake-browser"
    fake.write_text(f'#!/bin/sh\necho "$1" >> {opened}\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    port = free_port()
    env = dict(os.environ, BROWSER=f"{fake} %s", DISPLAY=":0", PYTHONUNBUFFERED="1")
    log = open(tmp_path / "serve.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "workbench", "serve", "--data", str(data), "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        wait_for(lambda: opened.exists() and opened.read_text().strip(), timeout=60, message="the browser opened")
        token = __import__("json").loads((data / ".secret.json").read_text())["token"]
        assert opened.read_text().split() == [f"http://127.0.0.1:{port}/f?token={token}&session=KARGO1"]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def test_a_server_started_in_english_signs_in_in_english(tmp_path, monkeypatch):
    """`workbench --lang en serve` prints "Projector (facilitator, keep the token secret)"; its
    sign-in page quoted that line inside a Russian page («Вход ведущего… строка “Projector…”»)."""
    from workbench.app import Workbench
    from workbench.session import templates
    from workbench.testing import Server

    wb = Workbench(tmp_path / "data")
    code = templates.create_session(wb.store, "Future of the district", lang="en", date="2026-12-06")
    wb.close()
    monkeypatch.setenv("WORKBENCH_LANG", "en")
    server = Server(tmp_path / "data").start()
    try:
        log = server.log_path.read_text(encoding="utf-8", errors="replace")
        assert f"Session code: {code} — “Future of the district”, 6 December 2026" in log  # no «…» in English
        assert "/voila/render/analysis.ipynb?lang=en\n" in log  # the staff's page in the terminal's language
        page = requests.get(server.base + "/").text
        assert '<html lang="en">' in page and "Facilitator sign-in" in page
        assert "the line “Projector (facilitator, keep the token secret)” with" in page
        assert "Вход ведущего" not in page
        assert "Вход ведущего" in requests.get(server.base + "/login?next=%2F&lang=ru").text
    finally:
        server.stop()
