"""Hostile or broken requests against a real server (issue 13): a clear 4xx with the documented
shape, never a 500; a full disk is said plainly to phones and to the projector; the login cookie,
`/logout` and the access log keep the facilitator's token safe."""

from __future__ import annotations

import resource

import pytest

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.session import facilitator
from workbench.testing import Http, Phone, Server, wait_for


@pytest.fixture(scope="module")
def room(serve):
    """The demo session on a server of its own, its voting stage current and open."""
    def prepare(wb):
        load_demo(wb.store, teams=False)
        s = wb.store.session("KARGO1")
        voting = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "voting")
        facilitator.show_stage(wb.store, s["id"], voting["id"])
        if not voting["voting_open"]:
            facilitator.toggle_voting(wb.store, voting["id"])

    return serve(prepare)[0]


def _counts(server):
    wb = Workbench(server.data_dir)
    try:
        s = wb.store.session("KARGO1")
        return len(wb.store.participants(s["id"])), sum(len(wb.store.cards(s["id"], st["id"]))
                                                        for st in wb.store.stages(s["id"]))
    finally:
        wb.close()


@pytest.mark.parametrize("path, raw, detail", [
    ("/vote", b'{"card": 9223372036854775808}', "number out of range"),  # one past SQLite's INTEGER
    ("/unvote", b'{"card": -99999999999999999999999}', "number out of range"),
    ("/compare", b'{"left": 1, "right": 2, "winner": 18446744073709551616}', "number out of range"),
    ("/join", b'{"name": "\\ud800"}', "text that is not valid Unicode"),  # a lone surrogate
    ("/cards", b'{"text": "\\udfff \xd0\xb8\xd0\xb4\xd0\xb5\xd1\x8f"}', "text that is not valid Unicode"),
    ("/vote", b"[" * 8000, "nested too deeply"),
    ("/cards", b'{"text": ' + b"[" * 8000 + b"}", "nested too deeply"),
    ("/vote", b'{"card": NaN}', "NaN is not JSON"),
])
def test_malformed_input_is_a_400_with_the_documented_shape(room, path, raw, detail):
    phone = Phone(room.base, "KARGO1")
    phone.join()
    before = _counts(room)
    r = phone.call("POST", path, raw=raw)
    assert r.status_code == 400, r.text
    assert r.json() == {"error": "bad_request", "message": f"Bad request: {detail}"}
    assert _counts(room) == before  # nothing stored


def test_a_russian_phone_is_told_in_russian_what_is_wrong_with_its_request(room):
    phone = Phone(room.base, "KARGO1", lang="ru")
    phone.join()
    r = phone.call("POST", "/cards", raw=b'{"text": "\\ud800 \xd0\xb8\xd0\xb4\xd0\xb5\xd1\x8f"}')
    assert r.status_code == 400
    assert r.json()["message"] == "Неверный запрос: в тексте знак, которого нет в Юникоде"


@pytest.mark.parametrize("size", [20_000, 500_000, 2 * 1024 * 1024])
def test_a_body_over_the_limit_gets_a_json_413_before_it_is_read(room, size):
    r = Http().request("POST", room.base + "/api/s/KARGO1/cards", data=b"x" * size,
                       headers={"Content-Type": "application/json", "X-Lang": "en"}, timeout=30)
    assert r.status_code == 413
    assert r.json() == {"error": "body_too_large", "message": "Request too large: at most 16384 bytes"}
    assert Http().get(room.base + "/api/health", timeout=5).json()["ok"]


def test_the_phone_page_cannot_be_framed_by_another_site(room):
    r = Http().get(room.base + "/s/KARGO1", timeout=5)
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Frame-Options"] == "DENY"


def _cookies(r) -> list[str]:
    return [v for k, v in r.headers.items() if k.lower() == "set-cookie"]


def test_login_cookie_is_samesite_and_secure_only_behind_tls(room):
    plain = _cookies(Http().get(room.projector_url("KARGO1"), timeout=10))
    assert plain and all("SameSite=Lax" in c and "HttpOnly" in c and "Secure" not in c for c in plain)
    # nginx on the same host (a trusted proxy) says the browser came over https
    tls = _cookies(Http().get(room.projector_url("KARGO1"), headers={"X-Forwarded-Proto": "https"}, timeout=10))
    assert tls and all("Secure" in c and "SameSite=Lax" in c for c in tls)


def test_logout_forgets_the_login(room):
    http = Http()
    login = http.get(room.projector_url("KARGO1"), timeout=10)
    cookie = _cookies(login)[0].split(";")[0]
    assert http.get(room.base + "/projector?session=KARGO1", headers={"Cookie": cookie}, timeout=10).status_code == 200
    out = http.get(room.base + "/logout", headers={"Cookie": cookie}, timeout=10)
    assert out.status_code == 200 and "You are logged out" in out.text
    cleared = _cookies(out)
    assert cleared and all("expires=" in c.lower() for c in cleared)
    again = http.get(room.base + "/projector?session=KARGO1", timeout=10)  # the browser dropped it
    assert again.status_code == 302 and "/login" in again.headers["Location"]


def test_a_token_in_a_failed_request_never_reaches_the_log(room):
    secret = "Zq9SECRETtoken"
    for url in (f"/voila/render/nope.ipynb?token={secret}", f"/api/s/KARGO1/state?token={secret}",
                f"/api/s/NOPE99/state?x=1&token={secret}", f"/f?session=KARGO1&token={secret}"):
        assert Http().get(room.base + url, timeout=10).status_code >= 300
    wait_for(lambda: "NOPE99/state?x=1&token=[secret]" in room.log_path.read_text(), message="the log line")
    log = room.log_path.read_text()
    assert secret not in log and room.token not in log.replace(f"token={room.token}", "")


def test_a_full_disk_is_a_clear_message_and_the_projector_hears_of_it(tmp_path):
    """The server may not grow any file past its size now (as on a full disk): phones get 507
    with a message, the projector's health check says so, and once there is room all works."""
    wb = Workbench(tmp_path / "data")
    load_demo(wb.store, teams=False)
    wb.close()
    server = Server(tmp_path / "data").start()
    try:
        soft, hard = resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE)
        files = [p for p in (tmp_path / "data").iterdir() if p.name.startswith("workbench.sqlite")]
        resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE, (max(p.stat().st_size for p in files), hard))
        answers = []
        for _ in range(400):  # joins write rows until the store cannot grow
            r = Phone(server.base, "KARGO1", lang="ru").call("POST", "/join", {"name": "Гость"})
            answers.append(r)
            if r.status_code != 200:
                break
        r = answers[-1]
        assert r.status_code == 507, r.text
        assert r.json()["error"] == "storage_full" and "кончилось место" in r.json()["message"]
        assert Http().get(server.base + "/api/health", timeout=5).json()["storage_full"] is True
        for _ in range(5):  # phones waiting for room retry every 2 s: the terminal is not filled with them
            assert Phone(server.base, "KARGO1").call("POST", "/join", {"name": "Гость"}).status_code == 507
        assert Http().get(server.base + "/api/s/NOPE99/state", timeout=5).status_code >= 400  # logged after them
        wait_for(lambda: "NOPE99" in server.log_path.read_text(), message="the access log's line")
        log = server.log_path.read_text()
        assert log.count("cannot save to the store") == 1, log[-3000:]  # once a minute at most
        assert not [line for line in log.splitlines() if " 507 " in f" {line} "], log[-3000:]
        projector = Http().get(server.projector_url("KARGO1"), timeout=10)
        cookie = _cookies(projector)[0].split(";")[0]
        frame = Http().get(server.base + "/projector?session=KARGO1", headers={"Cookie": cookie}, timeout=10)
        assert "кончилось место на диске" in frame.text and "health.storage_full" in frame.text
        resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE, (soft, hard))  # room again
        phone = Phone(server.base, "KARGO1")
        phone.join(name="После")
        assert phone.state()["session"]["code"] == "KARGO1"
    finally:
        server.stop()
    assert "Traceback" not in server.log_path.read_text().split("cannot save to the store")[0][-2000:]
