"""`workbench init`, `demo`, `sessions`, `new-session`, `save-template`: the data folder and its sessions."""

from __future__ import annotations

from workbench.cli import CliError, cli_lang, data_arg, h, open_workbench, say
from workbench.session.moderation import MODES


def register(sub) -> None:
    p = sub.add_parser("init", help=h("cli_help_init"))
    data_arg(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help=h("cli_help_demo"))
    data_arg(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("sessions", help=h("cli_help_sessions"))
    data_arg(p)
    p.set_defaults(func=cmd_sessions)

    from workbench.session.templates import BUILTIN

    p = sub.add_parser("new-session", help=h("cli_help_new_session"))
    data_arg(p)
    p.add_argument("--template", default="strategic_session", metavar="NAME",
                   help=h("cli_help_template", names=", ".join(BUILTIN)))
    p.add_argument("--lang", default=None, choices=["ru", "en"], help=h("cli_help_stages_lang"))
    p.add_argument("--title", required=True, help=h("cli_help_title"))
    p.add_argument("--territory", default="", help=h("cli_help_territory"))
    p.add_argument("--date", default="", help=h("cli_help_date"))
    p.add_argument("--kind", default=None, choices=["strategic_session", "educational_module", "online_meeting"],
                   help=h("cli_help_kind"))
    p.add_argument("--moderation", default="off", choices=MODES,
                   help=h("cli_help_moderation"))
    p.add_argument("--approval", action="store_true",
                   help=h("cli_help_approval"))
    p.set_defaults(func=cmd_new_session)

    p = sub.add_parser("save-template", help=h("cli_help_save_template"))
    data_arg(p)
    p.add_argument("--session", required=True, help=h("cli_help_session_code"))
    p.add_argument("--overwrite", action="store_true", help=h("cli_help_overwrite"))
    p.add_argument("name", metavar="NAME", help=h("cli_help_template_name"))
    p.set_defaults(func=cmd_save_template)


def cmd_init(args) -> int:
    wb = open_workbench(args, create=True)
    say(args, "cli_data_ready", data=wb.data_dir)
    return 0


def cmd_demo(args) -> int:
    from workbench.demo import load_demo

    wb = open_workbench(args, create=True)
    code = load_demo(wb.store)
    say(args, "cli_demo_loaded", code=code, data=wb.data_dir)
    return 0


def cmd_sessions(args) -> int:
    # the session's kind in words, as the data export says it
    from workbench.data_tables import cell

    wb = open_workbench(args)
    lang = cli_lang(args)
    for s in wb.store.list_sessions():
        n = wb.store.count_participants(s["id"], people_only=True)
        say(args, "cli_session_line", code=s["code"], date=s["date"], kind=cell("sessions", "kind", s["kind"], lang),
            territory=s["territory"] or "-", title=s["title"], n=n)
    return 0


def cmd_new_session(args) -> int:
    from workbench.errors import WorkbenchError
    from workbench.session import templates

    wb = open_workbench(args, create=True)
    try:
        # the session's language: --lang, else the command's (`workbench --lang`, WORKBENCH_LANG)
        code = templates.create_session(wb.store, args.title, args.template, data_dir=wb.data_dir,
                                        lang=args.lang or cli_lang(args),
                                        kind=args.kind, territory=args.territory, date=args.date,
                                        vote_budget=int(wb.settings["default_vote_budget"]),
                                        moderation=args.moderation, approval=args.approval)
    except WorkbenchError as exc:
        raise CliError.of(exc) from None
    print(code)
    return 0


def cmd_save_template(args) -> int:
    from workbench.errors import WorkbenchError
    from workbench.session import templates

    wb = open_workbench(args)
    try:
        session = wb.store.session(args.session)
        path = templates.save(wb.store, session["id"], args.name, wb.data_dir, overwrite=args.overwrite)
    except WorkbenchError as exc:
        raise CliError.of(exc) from None
    finally:
        wb.close()
    print(path)
    return 0
