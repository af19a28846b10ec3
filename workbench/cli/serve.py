"""`workbench serve`: the projector (Voila) and the participant pages on one port."""

from __future__ import annotations

import argparse
import errno
import os
import re
import socket
import sys
import threading

from workbench.cli import (
    DATABASE_ENV,
    LANG_ENV,
    CliError,
    cli_lang,
    data_arg,
    database_url,
    h,
    open_workbench,
    refused_value,
    say,
)
from workbench.i18n import t


def port_number(text: str) -> int:
    """argparse type: a TCP port, 1 to 65535."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(refused_value("cli_not_port", text))
    return int(text)


def register(sub) -> None:
    p = sub.add_parser("serve", help=h("cli_help_serve"))
    data_arg(p)
    p.add_argument("--host", default="0.0.0.0", help=h("cli_help_host"))
    p.add_argument("--port", type=port_number, default=8866, help=h("cli_help_port"))
    p.add_argument("--no-browser", action="store_true",
                   help=h("cli_help_no_browser"))
    p.add_argument("--public-url", default="",
                   help=h("cli_help_public_url"))
    p.add_argument("--session", default="", help=h("cli_help_serve_session"))
    p.set_defaults(func=cmd_serve)


def urls(wb, base: str, code: str | None) -> dict:
    token = wb.secrets()["token"]
    base = base.rstrip("/")
    out = {"projector": f"{base}/f?token={token}" + (f"&session={code}" if code else "")}
    if code:
        out["join"] = f"{base}/s/{code}"
    return out


def check_port_free(host: str, port: int) -> None:
    """Refuse a port another program listens on, before anything is printed (tornado binds the
    same way, with SO_REUSEADDR, so a port merely in TIME_WAIT is not refused)."""
    try:  # the addresses tornado will bind for this host (0.0.0.0: every IPv4 address)
        infos = socket.getaddrinfo(host or None, port, socket.AF_UNSPEC, socket.SOCK_STREAM,
                                   0, socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise CliError("cli_cannot_listen", host=host, why=exc.strerror) from None
    for family, kind, proto, _, address in infos:
        with socket.socket(family, kind, proto) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                s.bind(address)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    raise CliError("cli_port_busy", port=port) from None
                if exc.errno == errno.EACCES:
                    raise CliError("cli_port_admin", port=port) from None
                if exc.errno == errno.EADDRNOTAVAIL:
                    raise CliError("cli_not_local", host=host) from None
                if exc.errno == errno.EAFNOSUPPORT:
                    continue
                raise CliError("cli_cannot_listen", host=f"{host}:{port}", why=exc.strerror) from None


def browser_url(wb, port: int, code: str | None, no_browser: bool, env=os.environ) -> str | None:
    """Where the laptop's browser opens: the projector through loopback, with its token (the
    /f page logs in and drops it from the address bar); None with --no-browser or no display
    (on a server or over ssh a text browser would take the terminal).

    >>> class W:
    ...     def secrets(self): return {"token": "T"}
    >>> browser_url(W(), 8866, "KARGO1", False, {"DISPLAY": ":0"})
    'http://127.0.0.1:8866/f?token=T&session=KARGO1'
    >>> browser_url(W(), 8866, "KARGO1", False, {}), browser_url(W(), 8866, None, True, {"DISPLAY": ":0"})
    (None, None)
    """
    has_display = sys.platform in ("darwin", "win32") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")
    if no_browser or not has_display:
        return None
    return urls(wb, f"http://127.0.0.1:{port}", code)["projector"]


def open_browser_when_up(url: str, port: int, timeout: float = 120.0) -> None:
    """Open `url` in the default browser once the server accepts connections (a thread, so the
    server starts meanwhile; it gives up quietly when the server never comes up)."""
    import time
    import webbrowser

    def wait_and_open():
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            except OSError:
                time.sleep(0.2)
                continue
            try:
                webbrowser.open(url)
            except Exception:  # no browser: the URL is printed anyway
                pass
            return

    threading.Thread(target=wait_and_open, daemon=True, name="open-browser").start()


EMBEDDER_JOIN = 10.0  # seconds a stopping server waits for the embedder's batch to end

SERVICE_ENV = "WORKBENCH_SERVICE"  # the systemd unit serve runs as: the sign-in page names its journal


def service_unit(port: int, env=os.environ, cgroup: str | None = None) -> str | None:
    """The systemd unit this process runs as (its output is in `journalctl -u UNIT`), or None when
    it was started from a terminal. systemd sets INVOCATION_ID for every unit it starts; the unit's
    name is the last part of the process's cgroup (deploy/systemd: `workbench@PORT`).

    >>> service_unit(8801, {}), service_unit(8801, {"INVOCATION_ID": "1"}, "0::/")
    (None, 'workbench@8801')
    >>> service_unit(8801, {"INVOCATION_ID": "1"}, "0::/system.slice/system-workbench.slice/workbench@8802.service")
    'workbench@8802'
    """
    if not env.get("INVOCATION_ID"):
        return None
    if cgroup is None:
        try:
            with open("/proc/self/cgroup") as f:
                cgroup = f.read()
        except OSError:
            cgroup = ""
    found = re.search(r"/([^/\s]+)\.service$", cgroup, re.M)
    return found.group(1) if found else f"workbench@{port}"


def cmd_serve(args) -> int:
    import contextlib

    # The folder keeps the server's secret. The store is closed when the server stops (Ctrl+C) or
    # the command is refused: its connections go, and SQLite folds its -wal file into the store.
    # Not `working_on`: Ctrl+C is how a server stops, not an interrupted change.
    with contextlib.closing(open_workbench(args, needs_folder=True)) as wb:
        return _serve(args, wb)


def _serve(args, wb) -> int:
    from workbench.cli.core import session_line
    from workbench.errors import WorkbenchError
    from workbench.session.details import to_serve
    from workbench.web.server import lan_address, serve

    sessions = wb.store.list_sessions(archived=False)  # an archived one only when named
    if args.session:
        try:
            session = wb.store.session(args.session)
        except WorkbenchError:
            known = ", ".join(s["code"] for s in sessions) or t("cli_none_yet", cli_lang(args))
            raise CliError("cli_no_session", code=args.session, data=args.data, known=known) from None
        if session.get("archived_at") is not None:
            print(t("cli_serve_archived", cli_lang(args), code=session["code"]), file=sys.stderr)
    else:  # today's session, else the nearest by date: not simply the one dated last
        session = to_serve(sessions)
    code = session["code"] if session else None
    check_port_free(args.host, args.port)
    os.environ["WORKBENCH_DATA"] = str(wb.data_dir)  # the kernels open the same store
    if database_url(args):
        os.environ[DATABASE_ENV] = database_url(args)
    os.environ[LANG_ENV] = cli_lang(args)  # the sign-in page quotes this terminal's lines in its language
    unit = service_unit(args.port)  # a service's lines go to its journal, not to a terminal
    if unit:
        os.environ[SERVICE_ENV] = unit
    else:
        os.environ.pop(SERVICE_ENV, None)
    host_for_urls = args.host if args.host not in ("0.0.0.0", "", "::") else lan_address()
    base = args.public_url or f"http://{host_for_urls}:{args.port}"
    os.environ["WORKBENCH_PUBLIC_URL"] = base
    u = urls(wb, base, code)
    say(args, "cli_serve_projector", url=u["projector"])
    if code:
        say(args, "cli_serve_join", url=u["join"])
        say(args, "cli_serve_code", code=code, what=session_line(session, cli_lang(args)))
        if len(sessions) > 1 and not args.session:
            say(args, "cli_serve_others", n=len(sessions) - 1, data=args.data)
        say(args, "cli_serve_drafts", url=f"{base}/voila/render/draft.ipynb?session={code}")
        # the staff's page is no session's: it opens in the terminal's language when that is English
        english = "?lang=en" if cli_lang(args) == "en" else ""
        say(args, "cli_serve_analysis", url=f"{base}/voila/render/analysis.ipynb{english}")
        try:
            import segno

            segno.make(u["join"], error="m").terminal(compact=True)
        except Exception as exc:  # a terminal without UTF-8 must not stop the server
            say(args, "cli_serve_no_qr", why=exc)
    else:
        say(args, "cli_serve_no_session")
    sys.stdout.flush()
    from workbench.session.embedding import start_embedder

    embedder = start_embedder(wb.store)  # cards' sentence vectors, off the request path (grouping by meaning)
    try:
        target = browser_url(wb, args.port, code, args.no_browser)
        if target:
            open_browser_when_up(target, args.port)
        serve(wb, args.host, args.port)
    finally:  # its batch ends before the store closes under it (a daemon: a long one is left behind)
        if embedder is not None:
            embedder.stop()
            embedder.join(timeout=EMBEDDER_JOIN)
    return 0
