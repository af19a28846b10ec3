"""Move a session between a laptop and a server: `workbench export-session` / `import-session`;
and end its life: `workbench archive-session`, `delete-session`.

The file is JSON with every row of every table of the session (see `workbench.store.transfer`);
the import gives the rows new ids, so the target store may hold other sessions already.
Participants' device tokens stay out of the file unless `--include-secrets` is given. The rules
(what a replace would lose, the archive, the copy a deletion writes first) are
`workbench.session.lifecycle`'s; this module parses and prints.
"""

from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path

from workbench.cli import (
    CliError,
    cli_lang,
    data_arg,
    database_url,
    h,
    open_workbench,
    say,
    working_on,
)
from workbench.i18n import t


def register_export(sub) -> None:
    _register(sub, "export-session", cmd_export_session, h("cli_help_export_session"))


def register_import(sub) -> None:
    _register(sub, "import-session", cmd_import_session, h("cli_help_import_session"))


def register_delete(sub) -> None:
    _register(sub, "delete-session", cmd_delete_session, h("cli_help_delete_session"))


def register_archive(sub) -> None:
    _register(sub, "archive-session", cmd_archive_session, h("cli_help_archive_session"))


def _register(sub, name, fn, help_) -> None:
    p = sub.add_parser(name, help=help_)
    data_arg(p)  # and --database
    if name == "delete-session":
        p.add_argument("--session", required=True, help=h("cli_help_session_code"))
        p.add_argument("--yes", action="store_true", help=h("cli_help_yes_delete"))
    elif name == "archive-session":
        p.add_argument("--session", required=True, help=h("cli_help_session_code"))
        p.add_argument("--unarchive", action="store_true", help=h("cli_help_unarchive"))
    elif name == "export-session":
        p.add_argument("--session", required=True, help=h("cli_help_session_code"))
        p.add_argument("--output", required=True, help=h("cli_help_json_output"))
        p.add_argument("--include-secrets", action="store_true",
                       help=h("cli_help_include_secrets"))
        p.add_argument("--include-rejected", action="store_true",
                       help=h("cli_help_include_rejected"))
    else:
        p.add_argument("file", help=h("cli_help_import_file"))
        p.add_argument("--replace", action="store_true",
                       help=h("cli_help_replace"))
        p.add_argument("--yes", action="store_true", help=h("cli_help_yes_replace"))
        p.add_argument("--as-code", default=None, metavar="CODE", help=h("cli_help_as_code"))
        p.add_argument("--dry-run", action="store_true", help=h("cli_help_dry_run"))
    p.set_defaults(func=fn)


def _store(args):
    """The store of `--database`, else of $WORKBENCH_DATABASE_URL, else of the data folder (an
    import may create it; a dry run makes no folder)."""
    creates = args.command == "import-session" and not getattr(args, "dry_run", False)
    return open_workbench(args, create=creates).store


def cmd_export_session(args) -> int:
    from workbench.store.transfer import export_session
    from workbench.util import write_atomic

    with working_on(_store(args)) as store:
        data = export_session(store, args.session, include_secrets=args.include_secrets,
                              include_rejected=args.include_rejected)
    try:
        write_atomic(args.output, json.dumps(data, ensure_ascii=False))
    except OSError as exc:
        raise CliError("cli_cannot_write", path=args.output, why=exc.strerror or exc) from None
    n = sum(len(rows) for rows in data["tables"].values())
    say(args, "cli_session_exported", code=data["session"], n=n, output=args.output)
    return 0


def _read_export(args) -> dict:
    """The JSON of `args.file`, or a CliError naming what is wrong with the file."""
    lang = cli_lang(args)
    try:
        raw = Path(args.file).read_bytes()
        if raw.startswith(b"PK\x03\x04"):  # an XLSX, DOCX or ZIP picked by mistake
            raise CliError("cli_not_text", path=args.file, why=t("cli_is_zip", lang))
        # A BOM: the file was saved by Windows Notepad (UTF-8, or UTF-16 as its «Юникод»)
        utf16 = raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
        try:
            text = raw.decode("utf-16" if utf16 else "utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CliError("cli_not_text", path=args.file,
                           why=t("cli_not_utf8", lang, byte=f"0x{raw[exc.start]:02x}", pos=exc.start)) from None
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError("cli_not_json", path=args.file, line=exc.lineno, column=exc.colno) from None
    except OSError as exc:
        raise CliError("cli_cannot_read", path=args.file, why=exc) from None
    except RecursionError:
        raise CliError("cli_cannot_read", path=args.file, why=t("cli_too_deep", lang)) from None


def _dry_store(args):
    """A dry run's store: the folder's, or, where none is yet (the import would make it), an empty
    one in memory."""
    from workbench.store import Store

    if args.dry_run and not database_url(args) and not (Path(args.data) / "workbench.sqlite").exists():
        return Store.open_url("sqlite://")
    return _store(args)


def cmd_import_session(args) -> int:
    from workbench.session import lifecycle

    data = _read_export(args)
    with working_on(_dry_store(args)) as store:
        report = lifecycle.import_file(store, data, replace=args.replace, as_code=args.as_code, yes=args.yes,
                                       dry_run=args.dry_run)
    lang = cli_lang(args)
    if args.dry_run:
        _say_dry_run(args, report, lang)
        return 0
    code, found = report["code"], report["found"]
    n = sum(len(rows) for rows in data["tables"].values())
    if args.as_code:
        say(args, "cli_as_code_imported", code=code, source=data["tables"]["sessions"][0]["code"], n=n)
        sys.stdout.flush()
        return 0
    if report["action"] == "replace":
        say(args, "cli_session_replaced", code=code, n=n)
        lost = lifecycle.losses(found)
        if lost is not None:
            say(args, "cli_replaced_lost", code=code, what=lost.message(lang))
    else:
        say(args, "cli_session_imported", code=code, n=n)
    for which, key in (("new", "cli_links_new"), ("kept", "cli_links_kept")):
        what = _links(report["tokens"], which, lang)
        if what:
            say(args, key, code=code, what=what, drafts=f"/voila/render/draft.ipynb?session={code}")
    sys.stdout.flush()
    return 0


def _say_dry_run(args, report: dict, lang: str) -> None:
    """What an import would do, said without doing it."""
    from workbench.session import lifecycle

    found, code = report["found"], report["code"]
    say(args, "cli_dry_run")
    file_, here = lifecycle.summary(found["file"]).message(lang), lifecycle.summary(found["here"]).message(lang)
    if report["action"] == "add":
        say(args, "cli_dry_as_code" if args.as_code else "cli_dry_add", code=code, what=file_)
    else:
        say(args, "cli_dry_refused" if report["action"] == "refused" else "cli_dry_replace",
            code=code, here=here, file=file_)
        lost = lifecycle.losses(found)
        if lost is None:
            say(args, "cli_dry_nothing_lost")
        else:
            say(args, "cli_dry_lost_if_replaced" if report["action"] == "refused" else "cli_dry_lost",
                what=lost.message(lang))
    if not args.as_code:
        for which, key in (("new", "cli_dry_links_new"), ("kept", "cli_dry_links_kept")):
            what = _links(report["tokens"], which, lang)
            if what:
                say(args, key, what=what)
    sys.stdout.flush()


def cmd_archive_session(args) -> int:
    from workbench.session import lifecycle

    with working_on(_store(args)) as store:
        done = (lifecycle.unarchive if args.unarchive else lifecycle.archive)(store, args.session)
    code = done["session"]["code"]
    if args.unarchive:
        say(args, "cli_unarchived" if done["changed"] else "cli_unarchived_already", code=code)
    else:
        say(args, "cli_archived" if done["changed"] else "cli_archived_already", code=code)
    return 0


def cmd_delete_session(args) -> int:
    from workbench.cli.core import session_line
    from workbench.session import lifecycle
    from workbench.store.copies import server_running

    lang = cli_lang(args)
    with working_on(_store(args)) as store:
        session = store.session(args.session)
        code = session["code"]
        counts = lifecycle.summary(lifecycle.counts(store, code)).message(lang)
        say(args, "cli_delete_about", code=code, what=session_line(session, lang), counts=counts)
        if Path(args.data).is_dir() and server_running(args.data):
            print(t("cli_delete_server", lang, data=args.data, code=code), file=sys.stderr)
        if not args.yes:
            sys.stdout.flush()
            try:
                typed = input(t("cli_delete_confirm", lang))
            except EOFError:  # nothing typed (stdin closed): the prompt's line ends here
                print()
                typed = ""
            if typed.strip().upper() != code:
                raise CliError("cli_delete_not_confirmed", code=code)
        done = lifecycle.delete(store, code, Path(args.data) / lifecycle.DELETED_DIR)
    say(args, "cli_deleted", code=code, path=done["path"], data=args.data)
    return 0


# The session's links, in the order a facilitator hands them out.
LINKS = ("team_links", "public_pages", "registrations", "participants")


def _links(tokens: dict, which: str, lang: str) -> str:
    """The links an import made anew (`which="new"`) or kept, in words: "ссылки команд: 3, …".

    >>> _links({"team_links": {"kept": 0, "new": 3}, "public_pages": {"kept": 0, "new": 1}}, "new", "ru")
    'ссылки команд: 3, публичная страница итогов'
    >>> _links({"team_links": {"kept": 0, "new": 3}}, "kept", "ru")
    ''
    """
    new = {"participants": "_new"} if which == "new" else {}  # a phone with a new token joins again
    return ", ".join(t(f"cli_links_{table}{new.get(table, '')}", lang, n=tokens[table][which]) for table in LINKS
                     if tokens.get(table, {}).get(which))
