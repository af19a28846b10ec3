"""`workbench export`: a session's drafts, protocol or full data as files."""

from __future__ import annotations

from workbench.cli import CliError, cli_lang, data_arg, document_lang, h, open_workbench, working_on
from workbench.i18n import t

# What each `--what` can be written as.
WHAT_FORMATS = {"drafts": ("docx", "md"), "protocol": ("docx", "xlsx", "md"), "data": ("csv",)}


def register(sub) -> None:
    p = sub.add_parser("export", help=h("cli_help_export"))
    data_arg(p)
    p.add_argument("--session", required=True, help=h("cli_help_session_code"))
    p.add_argument("--what", required=True, choices=sorted(WHAT_FORMATS),
                   help=h("cli_help_what"))
    p.add_argument("--format", required=True, choices=["docx", "md", "xlsx", "csv"], help=h("cli_help_format"))
    p.add_argument("--output-dir", required=True, help=h("cli_help_output_dir"))
    p.add_argument("--lang", default=None, choices=["ru", "en"], help=h("cli_help_export_lang"))
    p.add_argument("--names", action="store_true", help=h("cli_help_names"))
    p.add_argument("--templates", default="", help=h("cli_help_templates"))
    p.add_argument("--include-secrets", action="store_true",
                   help=h("cli_help_data_secrets"))
    p.add_argument("--include-rejected", action="store_true",
                   help=h("cli_help_data_rejected"))
    p.set_defaults(func=cmd_export)


def cmd_export(args) -> int:
    from pathlib import Path

    from workbench.exports import export_data, export_drafts, export_protocol

    if args.format not in WHAT_FORMATS[args.what]:
        raise CliError("cli_what_format", what=args.what, format=args.format,
                       formats=t("cli_or", cli_lang(args)).join(WHAT_FORMATS[args.what]))
    import jinja2

    templates = Path(args.templates) if args.templates else None
    if templates is not None and not templates.is_dir():
        raise CliError("cli_templates_missing", path=templates)
    out = Path(args.output_dir)
    if out.exists() and not out.is_dir():
        raise CliError("cli_output_dir_file", path=out)
    try:  # a refused action (and a table error, an InputError) or Ctrl+C: `working_on`'s one line
        with working_on(open_workbench(args)) as wb:
            code = wb.store.session(args.session)["code"]
            args.lang = document_lang(args, wb.store, code)
            if args.what == "protocol":
                paths = export_protocol(wb, code, args.output_dir, (args.format,), args.lang, args.names,
                                        templates, drafts=False)
            elif args.what == "drafts":
                drafts = wb.store.drafts(wb.store.session(code)["id"])
                if not drafts:
                    raise CliError("cli_no_drafts", code=code)
                paths = export_drafts(wb.store, [d["id"] for d in drafts], args.output_dir, (args.format,),
                                      args.lang, templates)
            else:
                paths = export_data(wb.store, code, args.output_dir, args.lang,
                                    include_secrets=args.include_secrets, include_rejected=args.include_rejected)
    except jinja2.TemplateNotFound as exc:
        raise CliError("cli_template_missing", path=templates, name=exc.name) from None
    except jinja2.TemplateError as exc:  # any other template error the exports did not name
        raise CliError("cli_template_error", where=getattr(exc, "filename", None) or getattr(exc, "name", None)
                       or "?", line=getattr(exc, "lineno", None) or "?", message=exc.message or "") from None
    except OSError as exc:  # a full disk, a read-only folder: nothing half-written
        raise CliError("cli_cannot_write_to", path=args.output_dir,
                       why=getattr(exc, "strerror", None) or exc) from None
    for path in paths:
        print(path)
    return 0
