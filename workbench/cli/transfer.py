"""Move a session between a laptop and a server: `workbench export-session` / `import-session`.

The file is JSON with every row of every table of the session (see `workbench.store.transfer`);
the import gives the rows new ids, so the target store may hold other sessions already.
Participants' device tokens stay out of the file unless `--include-secrets` is given.
"""

from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path

from workbench.cli import CliError, cli_lang, data_arg, h, open_workbench, say
from workbench.i18n import t


def register_export(sub) -> None:
    _register(sub, "export-session", cmd_export_session, h("cli_help_export_session"))


def register_import(sub) -> None:
    _register(sub, "import-session", cmd_import_session, h("cli_help_import_session"))


def _register(sub, name, fn, help_) -> None:
    p = sub.add_parser(name, help=help_)
    data_arg(p)  # and --database
    if name == "export-session":
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
    p.set_defaults(func=fn)


def _store(args):
    """The store of `--database`, else of $WORKBENCH_DATABASE_URL, else of the data folder (an
    import may create it)."""
    return open_workbench(args, create=args.command == "import-session").store


def cmd_export_session(args) -> int:
    from workbench.errors import WorkbenchError
    from workbench.store.transfer import export_session
    from workbench.util import write_atomic

    store = _store(args)
    try:
        data = export_session(store, args.session, include_secrets=args.include_secrets,
                              include_rejected=args.include_rejected)
    except WorkbenchError as exc:
        raise CliError.of(exc) from None
    finally:
        store.close()
    try:
        write_atomic(args.output, json.dumps(data, ensure_ascii=False))
    except OSError as exc:
        raise CliError("cli_cannot_write", path=args.output, why=exc.strerror or exc) from None
    n = sum(len(rows) for rows in data["tables"].values())
    say(args, "cli_session_exported", code=data["session"], n=n, output=args.output)
    return 0


def cmd_import_session(args) -> int:
    from workbench.store.transfer import TransferError, import_session_report

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
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError("cli_not_json", path=args.file, line=exc.lineno, column=exc.colno) from None
    except OSError as exc:
        raise CliError("cli_cannot_read", path=args.file, why=exc) from None
    except RecursionError:
        raise CliError("cli_cannot_read", path=args.file, why=t("cli_too_deep", lang)) from None
    store = _store(args)
    try:
        report = import_session_report(store, data, replace=args.replace)
    except TransferError as exc:
        raise CliError.of(exc) from None
    except KeyboardInterrupt:
        raise CliError("cli_interrupted") from None
    finally:
        store.close()
    code = report["code"]
    n = sum(len(rows) for rows in data["tables"].values())
    if args.replace:
        say(args, "cli_session_replaced", code=code, n=n)
    else:
        say(args, "cli_session_imported", code=code, n=n)
    for which, key in (("new", "cli_links_new"), ("kept", "cli_links_kept")):
        what = _links(report["tokens"], which, cli_lang(args))
        if what:
            say(args, key, code=code, what=what, drafts=f"/voila/render/draft.ipynb?session={code}")
    sys.stdout.flush()
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
