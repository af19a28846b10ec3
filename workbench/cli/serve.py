"""`workbench serve`: the projector (Voila) and the participant pages on one port."""

from __future__ import annotations

import os
import sys

from workbench.cli import data_arg, open_workbench


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the projector (Voila) and the participant pages")
    data_arg(p)
    p.add_argument("--host", default="0.0.0.0", help="address to listen on (default: all)")
    p.add_argument("--port", type=int, default=8866, help="port (default: 8866)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.add_argument("--public-url", default="",
                   help="base URL phones use, e.g. http://192.168.0.10:8866 (default: guessed)")
    p.add_argument("--session", default="", help="session whose join link and QR code to print (default: newest)")
    p.set_defaults(func=cmd_serve)


def urls(wb, base: str, code: str | None) -> dict:
    token = wb.secrets()["token"]
    base = base.rstrip("/")
    out = {"projector": f"{base}/f?token={token}" + (f"&session={code}" if code else "")}
    if code:
        out["join"] = f"{base}/s/{code}"
    return out


def cmd_serve(args) -> int:
    from workbench.web.server import lan_address, serve

    wb = open_workbench(args)
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
    from workbench.session.embedding import start_embedder

    start_embedder(wb.store)  # cards' sentence vectors, off the request path (grouping by meaning)
    serve(wb, args.host, args.port, open_browser=not args.no_browser)
    return 0
