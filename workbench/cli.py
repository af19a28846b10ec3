"""The `workbench` command. Each subcommand is registered by a small function.

Heavy imports happen inside the command functions, so `workbench --help` is quick.
"""

from __future__ import annotations

import argparse
import sys

from workbench.errors import CliError  # noqa: F401 (commands raise workbench.cli.CliError)


def _data_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", default="sessions_data", help="data folder (default: sessions_data)")


def _register_core(sub) -> None:
    from workbench import commands

    p = sub.add_parser("init", help="create an empty data folder with its store")
    _data_arg(p)
    p.set_defaults(func=commands.cmd_init)

    p = sub.add_parser("demo", help="load the demo session (Kargopol district) into the data folder")
    _data_arg(p)
    p.set_defaults(func=commands.cmd_demo)

    p = sub.add_parser("sessions", help="list sessions, one line each, starting with the code")
    _data_arg(p)
    p.set_defaults(func=commands.cmd_sessions)

    p = sub.add_parser("new-session", help="create a session from the stage template")
    _data_arg(p)
    p.add_argument("--title", required=True)
    p.add_argument("--territory", default="")
    p.add_argument("--date", default="", help="YYYY-MM-DD (default: today)")
    p.add_argument("--kind", default="strategic_session",
                   choices=["strategic_session", "educational_module", "online_meeting"])
    p.set_defaults(func=commands.cmd_new_session)

    p = sub.add_parser("serve", help="serve the projector (Voila) and the participant pages")
    _data_arg(p)
    p.add_argument("--host", default="0.0.0.0", help="address to listen on (default: all)")
    p.add_argument("--port", type=int, default=8866, help="port (default: 8866)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.add_argument("--public-url", default="",
                   help="base URL phones use, e.g. http://192.168.0.10:8866 (default: guessed)")
    p.add_argument("--session", default="", help="session whose join link and QR code to print (default: newest)")
    p.set_defaults(func=commands.cmd_serve)


# Other modules add their subcommands here: each entry is "module:function(subparsers)", or
# "command=module:function" for a module too heavy to import on every run (numpy, pandas…): it is
# imported only when that command, or the full help, is asked for. The server imports none of them.
REGISTRARS = [
    "workbench.cli:_register_core",
    "cluster=workbench.clustering:register_cli",
    "network=workbench.network:register_cli",
    "opinion-groups=workbench.opinion:register_cli",
    "export=workbench.exports:register_cli",
    "export-session=workbench.transfer:register_export",
    "import-session=workbench.transfer:register_import",
]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; given the command about to run, heavy modules of other commands stay unloaded."""
    import importlib

    parser = argparse.ArgumentParser(
        prog="workbench", description="Workbench for facilitators of strategic sessions."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for entry in REGISTRARS:
        name, _, target = entry.rpartition("=")
        if name and command is not None and name != command:
            continue
        mod, fn = target.split(":")
        getattr(importlib.import_module(mod), fn)(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    first = next((a for a in argv if not a.startswith("-")), None)
    asks_help = "-h" in argv or "--help" in argv
    parser = build_parser(None if asks_help else first)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
    except CliError as exc:
        print(f"workbench {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
