"""`workbench init`, `demo`, `sessions`, `new-session`, `session-edit`, `save-template`: the data
folder and its sessions."""

from __future__ import annotations

from workbench.cli import (
    CliError,
    cli_lang,
    data_arg,
    database_url,
    h,
    open_workbench,
    say,
    shown_url,
    working_on,
)
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
    p.add_argument("--all", action="store_true", help=h("cli_help_all_sessions"))
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

    p = sub.add_parser("session-edit", help=h("cli_help_session_edit"))
    data_arg(p)
    p.add_argument("--session", required=True, help=h("cli_help_session_code"))
    p.add_argument("--title", default=None, help=h("cli_help_title"))
    p.add_argument("--territory", default=None, help=h("cli_help_territory"))
    p.add_argument("--date", default=None, help=h("cli_help_date"))
    p.set_defaults(func=cmd_session_edit)

    p = sub.add_parser("save-template", help=h("cli_help_save_template"))
    data_arg(p)
    p.add_argument("--session", required=True, help=h("cli_help_session_code"))
    p.add_argument("--overwrite", action="store_true", help=h("cli_help_overwrite"))
    p.add_argument("name", metavar="NAME", help=h("cli_help_template_name"))
    p.set_defaults(func=cmd_save_template)


def cmd_init(args) -> int:
    with working_on(open_workbench(args, create=True, needs_folder=True)) as wb:
        pass  # opening made (or upgraded) the store; closing it leaves one file, no -wal beside it
    url = database_url(args)
    if url:  # the store is that database (made or upgraded now): no SQLite file beside it
        say(args, "cli_database_ready", url=shown_url(url), data=wb.data_dir)
    else:
        say(args, "cli_data_ready", data=wb.data_dir)
    return 0


def cmd_demo(args) -> int:
    from workbench.demo import load_demo

    with working_on(open_workbench(args, create=True)) as wb:
        code = load_demo(wb.store)
    url = database_url(args)
    say(args, "cli_demo_loaded", code=code, data=shown_url(url) if url else wb.data_dir)
    return 0


def cmd_sessions(args) -> int:
    import sys

    # cell: the session's kind in words, as the data export says it
    from workbench.data_tables import cell
    from workbench.dates import shown_date
    from workbench.i18n import t
    from workbench.session.registration import people_count

    lang = cli_lang(args)
    with working_on(open_workbench(args)) as wb:
        every = wb.store.list_sessions()
        shown = every if args.all else [s for s in every if s.get("archived_at") is None]
        for s in shown:
            n = people_count(wb.store, s["code"])  # who was in the room: phones and the door
            line = t("cli_session_line", lang, code=s["code"], date=shown_date(s["date"], lang) or "-",
                     kind=cell("sessions", "kind", s["kind"], lang),
                     territory=s["territory"] or "-", title=s["title"], n=n)
            print(line + ("  " + t("cli_archived_mark", lang) if s.get("archived_at") is not None else ""))
    if len(shown) < len(every):  # on stderr: a script reads a session per line of stdout
        print(t("cli_sessions_archived", lang, n=len(every) - len(shown)), file=sys.stderr)
    return 0


def session_line(session: dict, lang: str) -> str:
    """A session as `serve` and `session-edit` name it: «title», territory, date.

    >>> session_line({"title": "Будущее", "territory": "Плесецк", "date": "2026-03-14"}, "ru")
    '«Будущее», Плесецк, 14.03.2026'
    >>> session_line({"title": "Future", "territory": "", "date": "2026-03-14"}, "en")
    '“Future”, 14 March 2026'
    """
    from workbench.dates import shown_date
    from workbench.i18n import t

    return ", ".join(x for x in (t("named", lang, value=session["title"]), session["territory"],
                                 shown_date(session["date"], lang)) if x)


def cmd_new_session(args) -> int:
    import sys
    from pathlib import Path

    from workbench.dates import shown_date
    from workbench.errors import WorkbenchError
    from workbench.i18n import t
    from workbench.session import details, templates

    lang = cli_lang(args)
    try:  # what was typed is checked before the data folder is made or the store opened
        typed = details.check(args.title, args.territory, args.date)
        templates.load(args.template, Path(args.data) if Path(args.data).is_dir() else None)
    except WorkbenchError as exc:
        raise CliError.of(exc) from None
    with working_on(open_workbench(args, create=True)) as wb:
        same = details.namesakes(wb.store.list_sessions(), typed["title"])
        # the session's language: --lang, else the command's (`workbench --lang`, WORKBENCH_LANG)
        code = templates.create_session(wb.store, args.title, args.template, data_dir=wb.data_dir,
                                        lang=args.lang or lang,
                                        kind=args.kind, territory=args.territory, date=args.date,
                                        vote_budget=int(wb.settings["default_vote_budget"]),
                                        moderation=args.moderation, approval=args.approval)
    if same:  # allowed (next year's session of the same name), but the room joins by the code
        print(t("cli_namesake", lang, title=same[0]["title"], code=code,
                codes=", ".join(f"{s['code']} {shown_date(s['date'], lang)}" for s in same)), file=sys.stderr)
    print(code)
    return 0


def cmd_session_edit(args) -> int:
    from workbench.errors import WorkbenchError
    from workbench.session import details

    try:  # checked before the store is opened: a mistake changes nothing
        details.check(args.title, args.territory, args.date)
    except WorkbenchError as exc:
        raise CliError.of(exc) from None
    if args.title is None and args.territory is None and args.date is None:
        raise CliError("cli_session_edit_nothing")
    with working_on(open_workbench(args)) as wb:
        session = wb.store.session(args.session)
        now = details.edit(wb.store, session["id"], title=args.title, territory=args.territory, date=args.date)
    say(args, "cli_session_edited", code=now["code"], what=session_line(now, cli_lang(args)))
    return 0


def cmd_save_template(args) -> int:
    from workbench.session import templates

    with working_on(open_workbench(args, needs_folder=True)) as wb:  # the template is a file in the folder
        session = wb.store.session(args.session)
        path = templates.save(wb.store, session["id"], args.name, wb.data_dir, overwrite=args.overwrite)
    print(path)
    return 0
