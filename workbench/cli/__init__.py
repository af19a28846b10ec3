"""The `workbench` command: one module per command family, each with a `register(subparsers)`.

The domain modules never import this package: they raise `WorkbenchError` or `ValueError`, and
the command modules turn those into a `CliError` line (exit code 2, no traceback). Heavy imports
(pandas, scikit-learn, networkx…) happen inside the command functions, so `workbench --help` is quick.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.app import Workbench


class CliError(Exception):
    """A user-facing error of a command: printed without a traceback, exit code 2."""


def data_arg(p: argparse.ArgumentParser) -> None:
    """The `--data` option every command that opens the store takes."""
    p.add_argument("--data", default="sessions_data", help="data folder (default: sessions_data)")


def open_workbench(args, create: bool = False) -> Workbench:
    """Open a Workbench on `args.data`, or raise CliError (a bad folder, settings file or store).

    Only the commands that create a data folder (`init`, `demo`, `new-session`) pass `create`: for
    every other one a typo in `--data` is an error, not a new empty store."""
    from pathlib import Path

    from workbench.app import Workbench

    data = Path(args.data)
    if not create:
        if not data.is_dir():
            raise CliError(f"data folder {data} does not exist (create it with `workbench init --data {data}`)")
        if not os.environ.get("WORKBENCH_DATABASE_URL") and not (data / "workbench.sqlite").exists():
            raise CliError(f"{data} holds no workbench store (workbench.sqlite); "
                           f"create one with `workbench init --data {data}`")
    elif data.exists() and not data.is_dir():
        raise CliError(f"data folder {data} is a file, not a folder")
    try:
        return Workbench(data)
    except (ValueError, RuntimeError) as exc:
        raise CliError(str(exc)) from None
    except Exception as exc:
        raise CliError(store_problem(exc, data)) from None


def store_problem(exc: BaseException, data) -> str:
    """One line for a store that cannot be opened or written: corrupt, read-only, a full disk."""
    from workbench.store.failures import storage_failed

    text = " ".join(str(e) for e in _chain(exc)).lower()
    if storage_failed(exc):
        return f"cannot write to the store in {data}: the disk is full or failing; nothing was saved"
    if "not a database" in text or "malformed" in text:
        return f"{data}/workbench.sqlite is damaged or not a workbench store (file is not a database)"
    if "readonly" in text or "read-only" in text or "permission denied" in text or "unable to open" in text:
        return f"cannot write to the store in {data}: the folder or workbench.sqlite is read-only"
    if isinstance(exc, OSError):
        return f"cannot use {exc.filename or data}: {exc.strerror or exc}"
    raise exc


def _chain(exc: BaseException | None):
    while exc is not None:
        yield exc
        exc = exc.__cause__ or getattr(exc, "orig", None)


TABLE_SUFFIXES = (".csv", ".xlsx")


def check_table_output(output: str) -> str:
    """The format of a command's `--output` by its suffix ('.csv' or '.xlsx'), or a CliError:
    said before the work, not after it.

    >>> check_table_output("groups.XLSX"), check_table_output("groups.csv")
    ('.xlsx', '.csv')
    >>> check_table_output("groups.txt")
    Traceback (most recent call last):
    ...
    workbench.cli.CliError: --output groups.txt: give a file ending in .csv or .xlsx
    """
    from pathlib import Path

    suffix = Path(str(output)).suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise CliError(f"--output {output}: give a file ending in .csv or .xlsx")
    return suffix


def write_table(df, output: str) -> None:
    """Write a command's result by the suffix of `output`: CSV with `workbench.tableio.write_csv`
    (atomic, BOM, formulas escaped with a '), XLSX with `workbench.tableio.write_xlsx` (atomic,
    a text starting with = kept as text, as it is), or a CliError naming the file once."""
    from workbench.tableio import TableError, write_csv, write_xlsx

    suffix = check_table_output(output)
    try:
        if suffix == ".xlsx":
            write_xlsx(df, output)
        else:
            write_csv(df, output)
    except TableError as exc:
        raise CliError(f"cannot write {output}: {str(exc).removeprefix(f'{output}: ')}") from None
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror or exc}") from None


def positive_int(text: str) -> int:
    """argparse type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


def positive_mb(text: str) -> float:
    """argparse type: a size in megabytes, above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of megabytes") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be above 0")
    return value


class Parser(argparse.ArgumentParser):
    """Usage mistakes as one line in the style of every other error, exit code 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


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
    "registrations=workbench.cli.person:register_list",
]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; given the command about to run, the modules of other commands stay unloaded."""
    import importlib

    parser = Parser(prog="workbench", description="Workbench for facilitators of strategic sessions.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
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
    if first is not None and first not in parser._subparsers._group_actions[0].choices:
        commands = ", ".join(build_parser(None)._subparsers._group_actions[0].choices)
        print(f"workbench: error: unknown command {first!r}; the commands are: {commands}", file=sys.stderr)
        return 2
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # a usage mistake, its line already printed: exit code 2
        if not exc.code:
            raise  # --help, as argparse does
        return exc.code
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
    except CliError as exc:
        print(f"workbench {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a store that fails under a command: one line, never a traceback
        try:
            line = store_problem(exc, getattr(args, "data", "the data folder"))
        except Exception:
            raise exc from None
        print(f"workbench {args.command}: error: {line}", file=sys.stderr)
        return 2

