"""The `workbench` command. Each subcommand is registered by a small function.

Heavy imports happen inside the command functions, so `workbench --help` is quick.
"""

from __future__ import annotations

import argparse
import sys


class CliError(Exception):
    """A user-facing error: printed without a traceback, exit code 2."""


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


# Other modules add their subcommands here: each entry is "module:function(subparsers)".
REGISTRARS = [
    "workbench.cli:_register_core",
    "workbench.network:register_cli",
    "workbench.opinion:register_cli",
]


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="workbench", description="Workbench for facilitators of strategic sessions."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for entry in REGISTRARS:
        mod, fn = entry.split(":")
        getattr(importlib.import_module(mod), fn)(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
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
