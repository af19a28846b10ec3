"""The core CLI commands: data folder, sessions, serving."""

from __future__ import annotations

import os
import sys

from workbench.app import Workbench
from workbench.cli import CliError
from workbench.errors import WorkbenchError


def _wb(args) -> Workbench:
    try:
        return Workbench(args.data)
    except (ValueError, RuntimeError) as exc:
        raise CliError(str(exc)) from None


def cmd_init(args) -> int:
    wb = _wb(args)
    print(f"data folder ready: {wb.data_dir}")
    return 0


def cmd_demo(args) -> int:
    from workbench.demo import load_demo

    wb = _wb(args)
    code = load_demo(wb.store)
    print(f"demo session {code} loaded into {wb.data_dir}")
    return 0


def cmd_sessions(args) -> int:
    wb = _wb(args)
    for s in wb.store.list_sessions():
        n = len(wb.store.participants(s["id"]))
        print(f"{s['code']}  {s['date']}  {s['kind']}  {s['territory'] or '-'}  {s['title']}  ({n} participants)")
    return 0


def cmd_new_session(args) -> int:
    wb = _wb(args)
    try:
        code = wb.store.create_session(args.title, territory=args.territory, date=args.date, kind=args.kind,
                                       vote_budget=int(wb.settings["default_vote_budget"]))
    except WorkbenchError as exc:
        raise CliError(exc.message("en")) from None
    print(code)
    return 0


def urls(wb: Workbench, base: str, code: str | None) -> dict:
    token = wb.secrets()["token"]
    base = base.rstrip("/")
    out = {"projector": f"{base}/f?token={token}" + (f"&session={code}" if code else "")}
    if code:
        out["join"] = f"{base}/s/{code}"
    return out


def cmd_serve(args) -> int:
    from workbench.web.server import lan_address, serve

    wb = _wb(args)
    os.environ["WORKBENCH_DATA"] = str(wb.data_dir)  # the kernels open the same store
    host_for_urls = args.host if args.host not in ("0.0.0.0", "", "::") else lan_address()
    base = args.public_url or f"http://{host_for_urls}:{args.port}"
    sessions = wb.store.list_sessions()
    code = args.session or (sessions[-1]["code"] if sessions else None)
    os.environ["WORKBENCH_PUBLIC_URL"] = base
    u = urls(wb, base, code)
    print(f"Projector (facilitator, keep the token secret): {u['projector']}")
    if code:
        print(f"Participants join at: {u['join']}")
        print(f"Session code: {code}")
        print(f"Project drafts (after logging in with the projector URL): {base}/voila/render/draft.ipynb?session={code}")
        print(f"Network analysis for staff: {base}/voila/render/analysis.ipynb")
        try:
            import segno

            segno.make(u["join"], error="m").terminal(compact=True)
        except Exception as exc:  # a terminal without UTF-8 must not stop the server
            print(f"(QR code not shown: {exc})")
    else:
        print("No session yet: create one with `workbench new-session --title ...`")
    sys.stdout.flush()
    serve(wb, args.host, args.port, open_browser=not args.no_browser)
    return 0
