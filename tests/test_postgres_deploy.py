"""deploy/nginx/workbench.conf on loopback: TLS in front of two processes on one PostgreSQL.

Phones join and vote over HTTPS without a password; the facilitator's pages need the proxy's
password and then the workbench's token; a kernel's websocket passes through the proxy; the
rate limit on cards holds per phone although there are two processes."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from workbench.app import Workbench
from workbench.testing import Phone, Server, free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.served


def _need(binary: str) -> str:
    path = shutil.which(binary) or (f"/usr/sbin/{binary}" if Path(f"/usr/sbin/{binary}").exists() else None)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{binary} is missing under CI=true: .ci/run must install it")
        pytest.skip(f"{binary} not installed (apt-get install nginx-light openssl): deploy test skipped")
    return path


def site_config(ports: list[int], https: int, http: int, tmp: Path) -> str:
    """The documented site file with this test's ports, certificate and password file."""
    conf = (ROOT / "deploy" / "nginx" / "workbench.conf").read_text()
    for upstream in ("workbench_phones", "workbench_facilitator"):
        block = re.search(r"upstream %s \{.*?\}" % upstream, conf, re.S).group(0)
        lines = [ln for ln in block.splitlines() if not ln.strip().startswith("server ")]
        servers = [f"    server 127.0.0.1:{p};" for p in ports]
        conf = conf.replace(block, "\n".join(lines[:-1] + servers + lines[-1:]))
    conf = conf.replace("listen 443 ssl;", f"listen 127.0.0.1:{https} ssl;")
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{http};")
    conf = re.sub(r"/etc/letsencrypt/live/workbench.example.org/fullchain.pem", str(tmp / "cert.pem"), conf)
    conf = re.sub(r"/etc/letsencrypt/live/workbench.example.org/privkey.pem", str(tmp / "key.pem"), conf)
    conf = conf.replace("/var/log/nginx/workbench.access.log", str(tmp / "workbench.access.log"))
    return conf.replace("/etc/nginx/workbench.htpasswd", str(tmp / "htpasswd"))


@pytest.fixture
def proxied(tmp_path, pg_url, monkeypatch):
    nginx, openssl = _need("nginx"), _need("openssl")
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", pg_url)
    monkeypatch.setenv("INVOCATION_ID", "0123abcd")  # the processes run as systemd services (deploy/systemd)
    from workbench.demo import load_demo

    data = tmp_path / "data"
    wb = Workbench(data)
    code = load_demo(wb.store)
    wb.secrets()
    wb.close()
    servers = [Server(data), Server(data)]
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda s: s.start(), servers))
    tmp = tmp_path / "nginx"
    tmp.mkdir()
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem"), "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], check=True, capture_output=True)
    hashed = subprocess.run([openssl, "passwd", "-apr1", "room-secret"], check=True, capture_output=True,
                            text=True).stdout.strip()
    (tmp / "htpasswd").write_text(f"facilitator:{hashed}\n")
    https, http = free_port(), free_port()
    (tmp / "site.conf").write_text(site_config([s.port for s in servers], https, http, tmp))
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
        "events { worker_connections 512; }\n"
        f"http {{\n  access_log {tmp}/access.log;\n  client_body_temp_path {tmp}/body;\n"
        f"  proxy_temp_path {tmp}/proxy;\n  fastcgi_temp_path {tmp}/fcgi;\n  uwsgi_temp_path {tmp}/uwsgi;\n"
        f"  scgi_temp_path {tmp}/scgi;\n  include {tmp}/site.conf;\n}}\n")
    proc = subprocess.Popen([nginx, "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(tmp / "nginx.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def up():
        if proc.poll() is not None:
            raise AssertionError(f"nginx exited: {proc.stderr.read().decode()}")
        try:
            return requests.get(f"https://127.0.0.1:{https}/s/", verify=str(tmp / "cert.pem"), timeout=2).ok
        except requests.ConnectionError:
            return False
    try:
        wait_for(up, timeout=20, message="nginx to answer")
        yield {"base": f"https://127.0.0.1:{https}", "http": f"http://127.0.0.1:{http}", "code": code,
               "cert": str(tmp / "cert.pem"), "servers": servers, "data": data,
               "access_log": tmp / "workbench.access.log"}
    finally:
        proc.terminate()
        proc.wait(10)
        for s in servers:
            s.stop()


def test_phones_over_https_facilitator_behind_password_and_token(proxied):
    base, code, cert = proxied["base"], proxied["code"], proxied["cert"]
    assert requests.get(proxied["http"] + f"/s/{code}", allow_redirects=False, timeout=5).status_code == 301
    page = requests.get(f"{base}/s/{code}", verify=cert, timeout=5)
    assert page.status_code == 200 and "<html" in page.text.lower()
    # Every facilitator route asks the proxy's password first, whatever the token.
    token = proxied["servers"][0].token
    for path in (f"/f?token={token}&session={code}", "/projector", "/voila/render/facilitator.ipynb",
                 "/api/kernels", "/api/health", "/voila/tree"):
        assert requests.get(base + path, verify=cert, timeout=5, allow_redirects=False).status_code == 401, path
    fac = requests.Session()
    fac.verify, fac.trust_env = cert, False  # REQUESTS_CA_BUNDLE would override our certificate
    fac.auth = ("facilitator", "wrong")
    assert fac.get(f"{base}/projector", timeout=5).status_code == 401
    fac.auth = ("facilitator", "room-secret")
    assert fac.get(f"{base}/projector", timeout=5, allow_redirects=False).status_code in (302, 403)  # no token yet
    r = fac.get(f"{base}/f?token={token}&session={code}", timeout=30)
    assert r.status_code == 200 and "facilitator.ipynb" in r.text  # the projector frame, token gone
    r = fac.get(f"{base}/voila/render/facilitator.ipynb?session={code}", timeout=120)
    assert r.status_code == 200
    kernel = re.search(r'kernelId["\']?\s*[:=]\s*["\']([0-9a-f-]{36})', r.text) or \
        re.search(r'data-base-url.*?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', r.text, re.S)
    assert kernel, "no kernel id in the Voila page"
    with ThreadPoolExecutor(1) as pool:  # its own event loop (a browser test may own this thread's)
        pool.submit(asyncio.run, _websocket(base, kernel.group(1), fac, cert)).result()


async def _websocket(base: str, kernel: str, fac: requests.Session, cert: str) -> None:
    import base64
    import ssl

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    ctx = ssl.create_default_context(cafile=cert)
    auth = base64.b64encode(b"facilitator:room-secret").decode()
    cookies = "; ".join(f"{c.name}={c.value}" for c in fac.cookies)
    req = HTTPRequest(base.replace("https", "wss") + f"/api/kernels/{kernel}/channels",
                      headers={"Authorization": f"Basic {auth}", "Cookie": cookies, "Origin": base},
                      ssl_options=ctx)
    conn = await asyncio.wait_for(websocket_connect(req), 20)  # 101 Switching Protocols through nginx
    conn.close()


def test_votes_through_the_proxy_count_once_and_the_card_limit_holds_per_phone(proxied):
    base, code, cert = proxied["base"], proxied["code"], proxied["cert"]
    wb = Workbench(proxied["data"])
    s = wb.store.session(code)
    stages = {st["kind"]: st for st in wb.store.stages(s["id"])}
    wb.store.set_current_stage(s["id"], stages["ideas"]["id"])
    phones = []
    # nginx hashes each phone's random token onto one of the two processes: with 24 phones, the
    # chance that all land on one process is below one in a million (with 6 it was a few per cent).
    for _ in range(24):
        p = Phone(base, code)
        p.http.verify = cert
        p.join()
        phones.append(p)
    # Two processes, yet one phone gets the burst of 5 cards once: it always reaches one process.
    flood = [phones[0].call("POST", "/cards", {"text": f"идея {i}"}).status_code for i in range(9)]
    assert flood.count(201) == 5 and flood[5:] == [429] * 4
    wb.store.update_stage(stages["voting"]["id"], voting_open=True, vote_budget=2)
    wb.store.set_current_stage(s["id"], stages["voting"]["id"])
    cards = [c["id"] for c in phones[1].state()["cards"]]
    before = wb.store.count_votes(stages["voting"]["id"])
    for p in phones:
        for k in range(3):
            for _ in range(2):  # a retried request counts once
                r = p.call("POST", "/vote", {"card": cards[k], "request_id": f"t{k}"})
                assert r.status_code in (200, 409), r.text
    assert wb.store.count_votes(stages["voting"]["id"]) - before == len(phones) * 2
    # Both processes served phones.
    logs = [Path(srv.log_path).read_text(errors="replace") for srv in proxied["servers"]]
    assert all("/api/s/" in log for log in logs) or len(phones) < 2
    wb.close()


def test_hardened_headers_rate_limits_and_no_token_in_logs(proxied):
    """What nginx adds in front of the app (issue 13): HSTS, no version, the phone page unframeable,
    limits per phone on state polling and writes, a slow answer to a wrong password, a Secure
    login cookie, and access logs without the token."""
    import time

    base, code, cert = proxied["base"], proxied["code"], proxied["cert"]
    redirect = requests.get(proxied["http"] + f"/s/{code}", allow_redirects=False, timeout=5)
    assert redirect.headers["Server"] == "nginx" and "nginx/" not in redirect.text
    page = requests.get(f"{base}/s/{code}", verify=cert, timeout=5)
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    assert page.headers["Server"] == "nginx"  # no version
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    missing = requests.get(f"{base}/s/NO_SUCH_PAGE!", verify=cert, timeout=5)
    assert missing.status_code in (401, 404) and "nginx/" not in missing.text
    assert missing.headers["Strict-Transport-Security"].startswith("max-age=")

    # A script polling the state as fast as it can is held back; a real phone is not.
    flooder, phone = Phone(base, code), Phone(base, code)
    for p in (flooder, phone):
        p.http.verify = cert
        p.join()
    codes = [flooder.call("GET", "/state").status_code for _ in range(60)]
    assert codes[0] == 200 and 429 in codes
    assert phone.call("GET", "/state").status_code == 200

    # A wrong password costs seconds; the right one logs in with a Secure, SameSite cookie.
    started = time.monotonic()
    assert requests.get(f"{base}/projector", auth=("facilitator", "guess"), verify=cert, timeout=10).status_code == 401
    assert time.monotonic() - started >= 1.5
    token = proxied["servers"][0].token
    fac = requests.Session()
    fac.verify, fac.trust_env, fac.auth = cert, False, ("facilitator", "room-secret")
    login = fac.get(f"{base}/f?token={token}&session={code}", allow_redirects=False, timeout=30)
    cookie = login.headers["Set-Cookie"]
    assert "Secure" in cookie and "SameSite=Lax" in cookie and "HttpOnly" in cookie
    assert fac.get(f"{base}/voila/render/nope.ipynb?token={token}", timeout=30).status_code == 404
    logs = [proxied["access_log"].read_text()] + [Path(s.log_path).read_text(errors="replace")
                                                  for s in proxied["servers"]]
    requests_logged = [line for log in logs for line in log.splitlines() if "GET /" in line]
    assert any("GET /f " in line for line in requests_logged)
    assert not [line for line in requests_logged if token in line]


def _facilitator(proxied, password: str | None = "room-secret") -> requests.Session:
    fac = requests.Session()
    fac.verify, fac.trust_env = proxied["cert"], False  # REQUESTS_CA_BUNDLE would override our certificate
    fac.auth = ("facilitator", password) if password else None
    fac.mount("https://", requests.adapters.HTTPAdapter(pool_maxsize=16))  # the bursts' 16 threads
    return fac


def test_a_voila_pages_static_files_come_in_a_burst_while_the_password_stays_limited(proxied):
    """A Voila page loads about a hundred static files at once; through the facilitator's budget
    (5 a second, bursts of 100) two pages from one address got dozens of 429s and stayed at
    «Executing 3 of 3». Three pages' worth of them at once from one address now all arrive, with
    no password (the app serves them without its token too), while the facilitator's routes keep
    their limit."""
    base = proxied["base"]
    fac = _facilitator(proxied)
    fac.get(f"{base}/f?token={proxied['servers'][0].token}&session={proxied['code']}", timeout=30)
    page = fac.get(f"{base}/voila/render/facilitator.ipynb?session={proxied['code']}", timeout=120)
    files = sorted({u for u in re.findall(r'(?:src|href)="(/[^"]+)"', page.text)
                    if u.startswith(("/voila/static/", "/voila/templates/", "/wb-static/"))})
    assert "/voila/static/voila.js" in files and len(files) >= 4, files
    burst = (files * (300 // len(files) + 1))[:300] + ["/favicon.ico"] * 10
    anonymous = _facilitator(proxied, password=None)
    with ThreadPoolExecutor(16) as pool:
        codes = list(pool.map(lambda path: anonymous.get(base + path, timeout=30).status_code, burst))
    assert codes == [200] * len(burst), {c: codes.count(c) for c in set(codes)}
    # The facilitator's own routes (and a password guesser's tries) still meet 5 a second.
    with ThreadPoolExecutor(16) as pool:
        health = list(pool.map(lambda _: fac.get(f"{base}/api/health", timeout=30).status_code, range(150)))
    assert health.count(200) >= 100 and 429 in health
    # Nothing but the static files is open: a Voila page without the password is refused.
    assert anonymous.get(f"{base}/voila/render/facilitator.ipynb", timeout=10).status_code in (401, 429)


def test_two_facilitators_on_one_address_open_their_pages_at_once(proxied, browser):
    """Two laptops behind the venue's one address open the control view at once, then one opens
    the drafts page: every page draws (before, 429s on Voila's scripts left them at «Executing»)."""
    base, code, token = proxied["base"], proxied["code"], proxied["servers"][0].token
    refused, contexts = [], []
    for _ in range(2):
        context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 720},
                                      http_credentials={"username": "facilitator", "password": "room-secret"})
        context.on("response", lambda r: refused.append(r.url) if r.status == 429 else None)
        contexts.append(context)
    try:
        screens = [context.new_page() for context in contexts]
        for screen in screens:  # both start loading before either has drawn
            screen.goto(f"{base}/f?token={token}&session={code}", wait_until="commit")
        for screen in screens:
            screen.frame_locator("iframe[name=projector]").locator(".wb-projector").wait_for(timeout=120_000)
        screens[0].goto(f"{base}/voila/render/draft.ipynb?session={code}")
        screens[0].wait_for_selector(".wb-draft-picker", timeout=120_000)
        assert refused == []
    finally:
        for context in contexts:
            context.close()


def test_link_tokens_stay_out_of_the_access_log(proxied):
    """A team's draft link (`/t/TOKEN` gives edit rights), a session's results link and a check-in
    link reach nginx's access log with the token masked."""
    base, cert, code = proxied["base"], proxied["cert"], proxied["code"]
    secret = "Zq7secretLinkToken_0123"
    fac = _facilitator(proxied)
    for path in (f"/t/{secret}", f"/r/{secret}", f"/api/t/{secret}/field", f"/checkin/{secret}"):
        (fac if path.startswith("/checkin/") else requests).get(base + path, verify=cert, timeout=10)
    log = proxied["access_log"].read_text()
    assert secret not in log
    for server in proxied["servers"]:  # nor the processes' own logs (the journal on a server)
        assert secret not in Path(server.log_path).read_text(errors="replace")
    for masked in ("GET /t/[secret] ", "GET /r/[secret] ", "GET /api/t/[secret]/field ", "GET /checkin/[secret] "):
        assert masked in log, log
    assert requests.get(f"{base}/s/{code}", verify=cert, timeout=10).status_code == 200
    assert f"GET /s/{code} " in proxied["access_log"].read_text()  # a session code is no secret


def test_staff_at_the_door_are_told_where_the_token_is_on_a_server(proxied):
    """A check-in link opened by staff not yet signed in: the sign-in page sends them to the
    service's journal and the data folder's secret file, not to a terminal nobody has on a server."""
    from workbench.cli.serve import service_unit

    base, server = proxied["base"], proxied["servers"][0]
    fac = _facilitator(proxied)
    page = fac.get(f"{base}/checkin/{'x' * 22}", timeout=30)
    assert page.status_code == 200 and "Вход ведущего" in page.text
    # workbench@PORT of the process that answered (or the unit the tests themselves run in)
    assert any(f"<code>journalctl -u {service_unit(s.port)}</code>" in page.text for s in proxied["servers"])
    secret_file = str(Path(proxied["data"]).absolute() / ".secret.json")
    assert "журнал службы" in page.text and secret_file in page.text and "терминал" not in page.text
    english = fac.get(f"{base}/login?lang=en", timeout=30)
    assert "service's journal" in english.text and secret_file in english.text and "terminal" not in english.text
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
    wrong = fac.post(page.url, data={"_xsrf": xsrf, "password": "not-the-token"}, timeout=30)
    assert wrong.status_code == 401 and "из журнала службы или из файла .secret.json" in wrong.text
    right = fac.post(page.url, data={"_xsrf": xsrf, "password": server.token}, timeout=30)
    assert right.url.endswith("/checkin/" + "x" * 22) and "Вход ведущего" not in right.text
