"""`workbench person`: a person's data on request (152-ФЗ): export everything the store holds
about them, or delete it. `workbench registrations`: who registered for an event, for staff."""

from __future__ import annotations

import json

from workbench.cli import (
    CliError,
    check_table_output,
    cli_lang,
    data_arg,
    document_lang,
    h,
    open_workbench,
    say,
    working_on,
)


def register(sub) -> None:
    p = sub.add_parser("person", help=h("cli_help_person"))
    data_arg(p)
    p.add_argument("query", metavar="NAME_OR_CONTACT", help=h("cli_help_person_query"))
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--export", metavar="FILE.json", help=h("cli_help_person_export"))
    what.add_argument("--forget", action="store_true",
                      help=h("cli_help_person_forget"))
    p.set_defaults(func=cmd_person)


def cmd_person(args) -> int:
    from workbench.session import registration
    from workbench.util import write_atomic

    with working_on(open_workbench(args)) as wb:
        if args.export:
            data = registration.person_data(wb.store, args.query)
            try:  # whole or not at all; the file named as typed, not the temporary one beside it
                write_atomic(args.export, json.dumps(data, ensure_ascii=False, indent=1))
            except OSError as exc:
                raise CliError("cli_cannot_write", path=args.export, why=exc.strerror or exc) from None
            say(args, "cli_person_exported", registrations=len(data["registrations"]),
                participants=len(data["participants"]), output=args.export)
        else:
            n = registration.forget_person(wb.store, args.query)
            say(args, "cli_person_forgotten", registrations=n["registrations"], participants=n["participants"])
    return 0


def register_list(sub) -> None:
    p = sub.add_parser("registrations", help=h("cli_help_registrations"))
    data_arg(p)
    p.add_argument("--session", required=True, help=h("cli_help_event_code"))
    p.add_argument("--output", metavar="FILE.csv|FILE.xlsx", help=h("cli_help_registrations_output"))
    p.add_argument("--lang", choices=["ru", "en"], help=h("cli_help_headings_lang"))
    p.set_defaults(func=cmd_registrations)


def cmd_registrations(args) -> int:
    from workbench.i18n import t
    from workbench.session import registration

    if args.output:  # a wrong suffix is said before the store is opened, in the CLI's words
        check_table_output(args.output)
    with working_on(open_workbench(args)) as wb:
        contacts = wb.settings["staff_see_contacts"]  # the same rule as the staff's page
        lang = document_lang(args, wb.store, args.session)
        try:
            if args.output:
                registration.export_registrations(wb.store, args.session, args.output, lang, contacts)
                say(args, "cli_registrations", n=len(registration.registration_list(wb.store, args.session)),
                    output=args.output)
            else:
                table = registration.registration_table(wb.store, args.session, lang, contacts, shown=True)
                # an empty list is a message to whoever typed the command: in its language
                print(table.to_string(index=False) if len(table) else t("reg_list_none", args.lang or cli_lang(args)))
        except OSError as exc:
            raise CliError("cli_cannot_write", path=args.output, why=exc.strerror or exc) from None
    return 0
