"""The `workbench` command: one module per command family, each with a `register(subparsers)`.

The domain modules never import this package: they raise `WorkbenchError` or `ValueError`, and
the command modules turn those into a `CliError` line (exit code 2, no traceback). Heavy imports
(pandas, scikit-learn, networkx…) happen inside the command functions, so `workbench --help` is quick.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.app import Workbench


class CliError(Exception):
    """A user-facing error of a command: printed without a traceback, exit code 2."""


def data_arg(p: argparse.ArgumentParser) -> None:
    """The `--data` option every command that opens the store takes."""
    p.add_argument("--data", default="sessions_data", help="data folder (default: sessions_data)")


def open_workbench(args) -> Workbench:
    """Open a Workbench on `args.data`, or raise CliError (a bad folder or settings file)."""
    from workbench.app import Workbench

    try:
        return Workbench(args.data)
    except (ValueError, RuntimeError) as exc:
        raise CliError(str(exc)) from None


# Each entry is "module:function(subparsers)", or "command=module:function" for a module that only
# that command needs: it is imported only when that command, or the full help, is asked for.
# The command modules import the domain (numpy, pandas…) inside their command functions.
REGISTRARS = [
    "workbench.cli.core:register",
    "serve=workbench.cli.serve:register",
    "cluster=workbench.cli.cluster:register",
    "network=workbench.cli.network:register",
    "opinion-groups=workbench.cli.opinion:register",
    "export=workbench.cli.export:register",
    "export-session=workbench.cli.transfer:register_export",
    "import-session=workbench.cli.transfer:register_import",
    "stage=workbench.cli.stage:register",
    "person=workbench.cli.person:register",
]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; given the command about to run, the modules of other commands stay unloaded."""
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

