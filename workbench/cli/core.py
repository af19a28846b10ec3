"""`workbench init`, `demo`, `sessions`, `new-session`: the data folder and its sessions."""

from __future__ import annotations

from workbench.cli import CliError, data_arg, open_workbench
from workbench.session.moderation import MODES


def register(sub) -> None:
    p = sub.add_parser("init", help="create an empty data folder with its store")
    data_arg(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="load the demo session (Kargopol district) into the data folder")
    data_arg(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("sessions", help="list sessions, one line each, starting with the code")
    data_arg(p)
    p.set_defaults(func=cmd_sessions)

    p = sub.add_parser("new-session", help="create a session from the stage template")
    data_arg(p)
    p.add_argument("--title", required=True)
    p.add_argument("--territory", default="")
    p.add_argument("--date", default="", help="YYYY-MM-DD (default: today)")
    p.add_argument("--kind", default="strategic_session",
                   choices=["strategic_session", "educational_module", "online_meeting"])
    p.add_argument("--moderation", default="off", choices=MODES,
                   help="obscene words in cards from phones: off, mask (asterisks) or hold "
                        "(the card waits for the facilitator); default off")
    p.add_argument("--approval", action="store_true",
                   help="every card from a phone waits for the facilitator's approval")
    p.set_defaults(func=cmd_new_session)


def cmd_init(args) -> int:
    wb = open_workbench(args, create=True)
    print(f"data folder ready: {wb.data_dir}")
    return 0


def cmd_demo(args) -> int:
    from workbench.demo import load_demo

    wb = open_workbench(args, create=True)
    code = load_demo(wb.store)
    print(f"demo session {code} loaded into {wb.data_dir}")
    return 0


def cmd_sessions(args) -> int:
    wb = open_workbench(args)
    for s in wb.store.list_sessions():
        n = len(wb.store.participants(s["id"]))
        print(f"{s['code']}  {s['date']}  {s['kind']}  {s['territory'] or '-'}  {s['title']}  ({n} participants)")
    return 0


def cmd_new_session(args) -> int:
    from workbench.errors import WorkbenchError

    wb = open_workbench(args, create=True)
    try:
        code = wb.store.create_session(args.title, territory=args.territory, date=args.date, kind=args.kind,
                                       vote_budget=int(wb.settings["default_vote_budget"]),
                                       moderation=args.moderation, approval=args.approval)
    except WorkbenchError as exc:
        raise CliError(exc.message("en")) from None
    print(code)
    return 0
