"""The `workbench` command: one module per command family, each with a `register(subparsers)`.

The domain modules never import this package: they raise `WorkbenchError` or `ValueError`, and
the command modules turn those into a `CliError` line (exit code 2, no traceback). Every message the
command prints is a key of the catalogue in `workbench.i18n` (`cli_*`), in Russian, or in English with
`workbench --lang en COMMAND …` or WORKBENCH_LANG=en (`cli_lang`); argparse's own usage lines and
--help stay English. Heavy imports
(pandas, scikit-learn, networkx…) happen inside the command functions, so `workbench --help` is quick.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.app import Workbench


LANG_ENV = "WORKBENCH_LANG"


def cli_lang(args=None, env=os.environ) -> str:
    """The language of the command's messages: `--lang` before the command, else $WORKBENCH_LANG,
    else Russian.

    >>> cli_lang(None, {}), cli_lang(None, {"WORKBENCH_LANG": "en"}), cli_lang(None, {"WORKBENCH_LANG": "fr"})
    ('ru', 'en', 'ru')
    """
    from workbench.i18n import DEFAULT_LANG, LANGS

    lang = getattr(args, "ui_lang", None) or env.get(LANG_ENV, "")
    return lang if lang in LANGS else DEFAULT_LANG


class CliError(Exception):
    """A user-facing error of a command: printed without a traceback, exit code 2. `key` names a
    message of the catalogue and `params` fill it; a text that is not a key (a file reader's own
    message) is printed as it is."""

    def __init__(self, key: str, /, **params):
        super().__init__(key)
        self.key, self.params = key, params

    @classmethod
    def of(cls, exc) -> CliError:
        """A refused action (`WorkbenchError`) as a command's error, its message in the CLI's language."""
        return cls(exc.key, **exc.params)

    def message(self, lang: str = "ru") -> str:
        from workbench.i18n import MESSAGES, t

        return t(self.key, lang, **self.params) if self.key in MESSAGES else self.key

    def __str__(self) -> str:
        return self.message(cli_lang())


def say(args, key: str, /, **params) -> None:
    """Print one line of the catalogue in the command's language."""
    from workbench.i18n import t

    print(t(key, cli_lang(args), **params))


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
            raise CliError("cli_data_missing", data=data)
        if not os.environ.get("WORKBENCH_DATABASE_URL") and not (data / "workbench.sqlite").exists():
            raise CliError("cli_no_store", data=data)
    elif data.exists() and not data.is_dir():
        raise CliError("cli_data_is_file", data=data)
    try:
        return Workbench(data)
    except (ValueError, RuntimeError) as exc:
        raise CliError(str(exc)) from None
    except Exception as exc:
        raise store_problem(exc, data) from None


def store_problem(exc: BaseException, data) -> CliError:
    """One line for a store that cannot be opened or written: corrupt, read-only, a full disk."""
    from workbench.store.failures import storage_failed

    text = " ".join(str(e) for e in _chain(exc)).lower()
    if storage_failed(exc):
        return CliError("cli_store_full", data=data)
    if "not a database" in text or "malformed" in text:
        return CliError("cli_store_damaged", data=data)
    if "readonly" in text or "read-only" in text or "permission denied" in text or "unable to open" in text:
        return CliError("cli_store_readonly", data=data)
    if isinstance(exc, OSError):
        return CliError("cli_cannot_use", path=exc.filename or data, why=exc.strerror or exc)
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
    workbench.cli.CliError: --output groups.txt: укажите файл с расширением .csv или .xlsx
    """
    from pathlib import Path

    suffix = Path(str(output)).suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise CliError("cli_output_suffix", output=output)
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
        raise CliError("cli_cannot_write", path=output, why=str(exc).removeprefix(f"{output}: ")) from None
    except OSError as exc:
        raise CliError("cli_cannot_write", path=output, why=exc.strerror or exc) from None


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
    parser.add_argument("--lang", dest="ui_lang", choices=["ru", "en"],
                        help=f"language of the command's messages (default: ${LANG_ENV}, else ru)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for entry in REGISTRARS:
        name, _, target = entry.rpartition("=")
        if name and command is not None and name != command:
            continue
        mod, fn = target.split(":")
        getattr(importlib.import_module(mod), fn)(sub)
    return parser


def _command(argv: list[str]) -> tuple[str | None, str | None]:
    """The command named in `argv` and the `--lang` given before it (its value is no command).

    >>> _command(["--lang", "en", "export", "--lang", "ru"]), _command(["--lang=en"]), _command(["demo"])
    (('export', 'en'), (None, 'en'), ('demo', None))
    """
    lang, i = None, 0
    while i < len(argv) and argv[i].startswith("-"):
        if argv[i] == "--lang" and i + 1 < len(argv):
            lang, i = argv[i + 1], i + 2
            continue
        if argv[i].startswith("--lang="):
            lang = argv[i].split("=", 1)[1]
        i += 1
    return (argv[i] if i < len(argv) else None), lang


def main(argv: list[str] | None = None) -> int:
    from workbench.i18n import t

    argv = sys.argv[1:] if argv is None else argv
    first, asked_lang = _command(argv)
    lang = cli_lang(argparse.Namespace(ui_lang=asked_lang))
    asks_help = "-h" in argv or "--help" in argv
    parser = build_parser(None if asks_help else first)
    if first is not None and first not in parser._subparsers._group_actions[0].choices:
        commands = ", ".join(build_parser(None)._subparsers._group_actions[0].choices)
        message = t("cli_unknown_command", lang, name=first, commands=commands)
        print(t("cli_error", lang, prog="workbench", message=message), file=sys.stderr)
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
    args.ui_lang = lang
    prog = f"workbench {args.command}"
    try:
        return args.func(args) or 0
    except CliError as exc:
        print(t("cli_error", lang, prog=prog, message=exc.message(lang)), file=sys.stderr)
        return 2
    except Exception as exc:  # a store that fails under a command: one line, never a traceback
        try:
            line = store_problem(exc, getattr(args, "data", "the data folder")).message(lang)
        except Exception:
            raise exc from None
        print(t("cli_error", lang, prog=prog, message=line), file=sys.stderr)
        return 2

