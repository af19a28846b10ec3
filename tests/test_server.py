"""Served tests: a real `workbench serve` on a free loopback port, asserting on HTML and JSON."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import threading
import uuid

import pytest
import requests

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.testing import Phone, Server, wait_for


def _open_voting(server, code, budget=3):
    wb = Workbench(server.data_dir)
    s = wb.store.session(code)
    voting = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "voting")
    wb.store.update_stage(voting["id"], voting_open=True, vote_budget=budget, results_visible=False)
    wb.store.set_current_stage(s["id"], voting["id"])
    wb.close()
    return voting["id"]


def _set_stage(server, code, kind):
    wb = Workbench(server.data_dir)
    s = wb.store.session(code)
    st = next(st for st in wb.store.stages(s["id"]) if st["kind"] == kind)
    wb.store.set_current_stage(s["id"], st["id"])
    wb.close()


def test_participant_page_is_small_and_self_contained(served):
    r = requests.get(served.base + "/s/KARGO1", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert int(r.headers.get("Content-Length", len(r.content))) < 20_000
    assert not re.search(r"(src|href)=\"https?://", r.text)  # nothing from the internet
    assert "Присоединиться" in r.text and "Join" in r.text  # both languages inlined


def test_join_add_card_and_see_it_in_state(served):
    _set_stage(served, "KARGO1", "problems")
    phone = Phone(served.base, "KARGO1")
    phone.join(name="Вера", territory="Ошевенск", sector="tos")
    r = phone.call("POST", "/cards", {"text": "Нет врача в Ошевенске"})
    assert r.status_code == 201
    state = phone.state()
    assert state["stage"]["kind"] == "problems"
    assert state["cards"][0] == {"id": r.json()["id"], "text": "Нет врача в Ошевенске", "group": None, "mine": True}
    assert state["participant"]["name"] == "Вера"


def test_a_poll_sends_the_ideas_only_when_they_changed(served):
    """A district vote with many ideas: the page polls every 2 s with the tag of the board it
    has, and gets the cards again only when they changed; its own cards are marked all the same."""
    _set_stage(served, "KARGO1", "problems")
    vera, gleb = Phone(served.base, "KARGO1"), Phone(served.base, "KARGO1")
    vera.join(name="Вера")
    gleb.join(name="Глеб")
    mine = vera.call("POST", "/cards", {"text": "Нет врача в Ошевенске"}).json()["id"]
    first = vera.call("GET", "/state?board=").json()
    assert first["board"] and mine in [c["id"] for c in first["cards"]]
    assert first["mine_cards"] == [mine] and all("mine" not in c for c in first["cards"])
    again = vera.call("GET", "/state?board=" + first["board"])
    assert again.status_code == 200
    assert again.json()["cards"] is None and again.json()["groups"] is None
    assert again.json()["mine_cards"] == [mine] and len(again.content) < len(vera.call("GET", "/state").content) / 2
    # Nothing changed: the same board and ETag give a 304.
    etag = again.headers["ETag"]
    same = vera.call("GET", "/state?board=" + first["board"], headers={"If-None-Match": etag})
    assert same.status_code == 304
    # Глеб adds an idea: the board changes, so Вера gets the cards again, Глеб's not marked hers.
    theirs = gleb.call("POST", "/cards", {"text": "Дорога до Ошевенска разбита"}).json()["id"]
    changed = vera.call("GET", "/state?board=" + first["board"], headers={"If-None-Match": etag}).json()
    assert changed["board"] != first["board"] and theirs in [c["id"] for c in changed["cards"]]
    assert changed["mine_cards"] == [mine]
    # Without the tag (an older page, the command line): every card with its "mine" flag.
    flags = {c["id"]: c["mine"] for c in vera.state()["cards"]}
    assert flags[mine] is True and flags[theirs] is False


def test_rejoin_keeps_identity(served):
    phone = Phone(served.base, "KARGO1")
    first = phone.join(name="Пётр")
    again = phone.join()
    assert again["participant"] == first["participant"]


@pytest.mark.parametrize("body,status,fragment", [
    ({"text": ""}, 400, "empty"),
    ({"text": "   "}, 400, "empty"),
    ({"text": "x" * 501}, 400, "at most 500"),
    ({"text": 42}, 400, "string"),
    ({}, 400, "string"),
])
def test_bad_cards_get_clear_errors_and_change_nothing(served, body, status, fragment):
    _set_stage(served, "KARGO1", "problems")
    phone = Phone(served.base, "KARGO1")
    phone.join()
    before = len(phone.state()["cards"])
    r = phone.call("POST", "/cards", body)
    assert r.status_code == status and fragment in r.json()["message"]
    assert len(phone.state()["cards"]) == before


def test_malformed_requests(served):
    phone = Phone(served.base, "KARGO1")
    phone.join()
    r = phone.call("POST", "/cards", raw=b"{not json")
    assert r.status_code == 400 and "malformed JSON" in r.json()["message"]
    r = phone.call("POST", "/cards", raw=b"[1,2]")
    assert r.status_code == 400
    r = phone.call("POST", "/cards", raw=json.dumps({"text": "a" * 20000}).encode())
    assert r.status_code == 413
    r = phone.call("POST", "/cards", raw="{\"text\": \"\xff\"}".encode("latin-1"))
    assert r.status_code == 400
    r = phone.call("POST", "/vote", {"card": "seven"})
    assert r.status_code == 400 and "integer" in r.json()["message"]


def test_unknown_code_and_missing_token(served):
    r = Phone(served.base, "NOPE99").call("POST", "/join", {})
    assert r.status_code == 404 and "NOPE99" in r.json()["message"]
    r = Phone(served.base, "KARGO1").call("GET", "/state")
    assert r.status_code == 401
    r = Phone(served.base, "KARGO1", lang="ru").call("GET", "/state")
    assert "присоединились" in r.json()["message"]


def test_votes_budget_closed_and_double_tap(served):
    _open_voting(served, "KARGO1", budget=2)
    phone = Phone(served.base, "KARGO1")
    phone.join()
    state = phone.state()
    assert state["voting"]["open"] and state["voting"]["budget"] == 2
    card = state["cards"][0]["id"]
    rid = str(uuid.uuid4())
    a = phone.call("POST", "/vote", {"card": card, "request_id": rid})
    b = phone.call("POST", "/vote", {"card": card, "request_id": rid})  # the same tap, sent twice
    assert a.status_code == b.status_code == 200 and b.json()["used"] == 1
    assert phone.call("POST", "/vote", {"card": card}).json()["used"] == 2
    over = phone.call("POST", "/vote", {"card": card})
    assert over.status_code == 409 and "No dots left" in over.json()["message"]
    assert phone.call("POST", "/unvote", {"card": card}).json()["used"] == 1
    _set_stage(served, "KARGO1", "problems")
    closed = phone.call("POST", "/vote", {"card": card})
    assert closed.status_code == 409 and "closed" in closed.json()["message"]


def test_another_sessions_card_is_not_found(served):
    wb = Workbench(served.data_dir)
    other = wb.store.create_session("Другая сессия")
    s = wb.store.session(other)
    foreign = wb.store.add_card(s["id"], s["current_stage_id"], "чужая карточка")
    wb.close()
    _open_voting(served, "KARGO1")
    phone = Phone(served.base, "KARGO1")
    phone.join()
    r = phone.call("POST", "/vote", {"card": foreign["id"]})
    assert r.status_code == 404


def test_facilitator_pages_need_the_token(served):
    r = requests.get(served.base + "/voila/render/facilitator.ipynb?session=KARGO1", allow_redirects=False)
    assert r.status_code in (302, 403) and "/login" in r.headers.get("Location", "/login")
    r = requests.get(served.base + "/f?session=KARGO1", allow_redirects=False)
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    http = requests.Session()
    r = http.get(served.projector_url("KARGO1"), allow_redirects=False)
    assert r.status_code == 302 and "token" not in r.headers["Location"]
    assert r.headers["Location"].endswith("/projector?session=KARGO1")
    r = requests.get(served.base + "/projector?session=KARGO1", allow_redirects=False)
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    frame = http.get(served.base + "/projector?session=KARGO1")
    assert 'src="/voila/render/facilitator.ipynb?session=KARGO1"' in frame.text


def test_a_passer_by_404_under_voila_prints_no_traceback_in_the_terminal(served):
    """Anyone on the Wi-Fi asking for a missing file under /voila/ gets a plain 404, and the
    facilitator's terminal gets one line for it, not a traceback (Jupyter's error page needed a
    static path the server had not set)."""
    before = served.log_path.read_text(errors="replace")
    for path in ("/voila/labextensions/", "/voila/labextensions/nothing.js", "/voila/static/nothing.css"):
        assert requests.get(served.base + path).status_code in (403, 404)
    wait_for(lambda: served.log_path.read_text(errors="replace").count("labextensions/nothing.js")
             > before.count("labextensions/nothing.js"), message="the requests logged")
    added = served.log_path.read_text(errors="replace")[len(before):]
    assert "Traceback" not in added and "Uncaught exception" not in added, added[-1500:]
    assert requests.get(served.base + "/static/favicon.ico").status_code == 404  # Jupyter's files stay unserved


def test_a_browser_cannot_run_code_in_a_voila_kernel(served, tmp_path):
    """An execute_request sent over the kernel websocket is dropped; allowed messages still pass."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    http = requests.Session()
    assert http.get(served.projector_url("KARGO1")).status_code == 200  # logs in: a cookie
    page = http.get(served.base + "/voila/render/facilitator.ipynb?session=KARGO1")
    assert page.status_code == 200
    kernel_id = re.search(r'kernelId": "([0-9a-f-]+)"', page.text).group(1)
    marker = tmp_path / "pwned"
    cookies = "; ".join(f"{c.name}={c.value}" for c in http.cookies)

    def msg(msg_type, content):
        return json.dumps({"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "x",
                                      "session": uuid.uuid4().hex, "date": "", "version": "5.3"},
                           "parent_header": {}, "metadata": {}, "content": content,
                           "channel": "shell", "buffers": []})

    async def attack():
        url = served.base.replace("http", "ws") + f"/api/kernels/{kernel_id}/channels"
        ws = await websocket_connect(HTTPRequest(url, headers={"Cookie": cookies}))
        await ws.write_message(msg("execute_request", {
            "code": f"open({str(marker)!r}, 'w').write('x')", "silent": False,
            "store_history": False, "user_expressions": {}, "allow_stdin": False}))
        await ws.write_message(msg("kernel_info_request", {}))
        seen = []
        while True:  # the shell answers in order: kernel_info_reply comes after any execute_reply
            raw = await ws.read_message()
            assert raw is not None, "websocket closed"
            m = json.loads(raw) if isinstance(raw, str) else {"msg_type": "binary"}
            seen.append(m.get("msg_type") or m.get("header", {}).get("msg_type"))
            if "kernel_info_reply" in seen:
                ws.close()
                return seen

    # A loop of its own, in a thread: the browser tests' Playwright owns this thread's loop.
    result = []
    thread = threading.Thread(target=lambda: result.append(asyncio.run(asyncio.wait_for(attack(), 30))))
    thread.start()
    thread.join(40)
    seen = result[0]
    assert "execute_reply" not in seen and "execute_input" not in seen
    assert not marker.exists()


def test_killed_server_loses_nothing_acknowledged(tmp_path):
    data = tmp_path / "data"
    wb = Workbench(data)
    code = load_demo(wb.store)
    wb.close()
    server = Server(data).start()
    try:
        _open_voting(server, code, budget=3)
        phones = [Phone(server.base, code) for _ in range(5)]
        acked = 0
        for p in phones:
            p.join()
        cards = phones[0].state()["cards"]
        for i, p in enumerate(phones):
            for j in range(3):
                if p.call("POST", "/vote", {"card": cards[(i + j) % len(cards)]["id"]}).status_code == 200:
                    acked += 1
        server.stop(signal.SIGKILL)
        server = Server(data, port=server.port).start()
        for p in phones:  # each phone reconnects with the same device token
            assert p.state()["voting"]["used"] == 3
        wb = Workbench(data)
        voting = next(st for st in wb.store.stages(wb.store.session(code)["id"]) if st["kind"] == "voting")
        assert acked == 15
        sid = wb.store.session(code)["id"]
        stored = sum(sum(wb.store.dots_of(voting["id"], wb.store.participant_by_token(sid, p.token)["id"]).values())
                     for p in phones)
        assert stored == acked
        wb.close()
    finally:
        server.stop()
    wait_for(lambda: server.proc.poll() is not None, message="server to stop")
