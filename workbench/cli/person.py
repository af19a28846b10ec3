"""`workbench person`: a person's data on request (152-ФЗ): export everything the store holds
about them, or delete it."""

from __future__ import annotations

import json

from workbench.cli import CliError, data_arg, open_workbench


def register(sub) -> None:
    p = sub.add_parser("person", help="export or delete a person's data (registrations, sessions joined)")
    data_arg(p)
    p.add_argument("query", metavar="NAME_OR_CONTACT", help="the person's name, e-mail or phone (any case)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--export", metavar="FILE.json", help="write everything about the person to this file")
    what.add_argument("--forget", action="store_true",
                      help="delete their registrations and blank their name, territory and organisation in sessions")
    p.set_defaults(func=cmd_person)


def cmd_person(args) -> int:
    from workbench.errors import WorkbenchError
    from workbench.session import registration
    from workbench.util import write_atomic

    wb = open_workbench(args)
    try:
        if args.export:
            data = registration.person_data(wb.store, args.query)
            write_atomic(args.export, json.dumps(data, ensure_ascii=False, indent=1))
            print(f"{len(data['registrations'])} registrations, {len(data['participants'])} sessions joined "
                  f"-> {args.export}")
        else:
            n = registration.forget_person(wb.store, args.query)
            print(f"deleted {n['registrations']} registrations, blanked {n['participants']} participants")
    except WorkbenchError as exc:
        raise CliError(exc.message("en")) from None
    finally:
        wb.close()
    return 0
