"""The `workbench` command: one module per command family, each with a `register(subparsers)`.

The domain modules never import this package: they raise `WorkbenchError` or `ValueError`, and
the command modules turn those into a `CliError` line (exit code 2, no traceback). Every message the
command prints is a key of the catalogue in `workbench.i18n` (`cli_*`), in Russian, or in English with
`workbench --lang en COMMAND …` or WORKBENCH_LANG=en (`cli_lang`): its errors, the help of every
command and option (`cli_help_*`), and argparse's own words ("usage:", "options", "the following
arguments are required", `cli_ap_*`; see `argparse_words`). Heavy imports (pandas, scikit-learn,
networkx…) happen inside the command functions, so `workbench --help` is quick.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.app import Workbench


LANG_ENV = "WORKBENCH_LANG"

# The language of the command `main` is running, while it builds the parser, parses and runs: the
# help texts and argparse's own words are looked up in it. A context variable, reset when `main`
# returns, so nothing outlives the command.
_RUNNING_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("workbench_cli_lang", default=None)


def cli_lang(args=None, env=os.environ) -> str:
    """The language of the command's messages: `--lang` before the command, else $WORKBENCH_LANG,
    else Russian.

    >>> cli_lang(None, {}), cli_lang(None, {"WORKBENCH_LANG": "en"}), cli_lang(None, {"WORKBENCH_LANG": "fr"})
    ('ru', 'en', 'ru')
    """
    from workbench.i18n import DEFAULT_LANG, LANGS

    lang = getattr(args, "ui_lang", None) or _RUNNING_LANG.get() or env.get(LANG_ENV, "")
    return lang if lang in LANGS else DEFAULT_LANG


def document_lang(args, store, code: str) -> str:
    """The language of a session's documents and tables (`export`, `registrations`): the
    command's own `--lang`, else the session's language (the one it was made in, or the control
    view's RU/EN last chose, as its protocol button writes), else the command's language.

    An English session's protocol came out in Russian unless `--lang en` followed the command."""
    from workbench.i18n import LANGS

    if getattr(args, "lang", None) in LANGS:
        return args.lang
    lang = store.display_lang(store.session(code)["id"])
    return lang if lang in LANGS else cli_lang(args)


def h(key: str, /, **params) -> str:
    """A help text of the catalogue in the command's language, with its % kept from argparse's
    own %(default)s expansion.

    >>> h("cli_help_seed")
    'начальное число случайного генератора (по умолчанию 0)'
    """
    from workbench.i18n import t

    return t(key, cli_lang(), **params).replace("%", "%%")


# argparse's own words (it looks them up with gettext as it builds a parser and parses) and the
# catalogue's keys for them.
ARGPARSE_WORDS = {
    "usage: ": "cli_ap_usage",
    "positional arguments": "cli_ap_positional",
    "options": "cli_ap_options",
    "show this help message and exit": "cli_ap_help",
    "argument %(argument_name)s: %(message)s": "cli_ap_argument",
    "unrecognized arguments: %s": "cli_ap_unrecognized",
    "not allowed with argument %s": "cli_ap_not_allowed",
    "ignored explicit argument %r": "cli_ap_ignored",
    "the following arguments are required: %s": "cli_ap_required",
    "one of the arguments %s is required": "cli_ap_one_of",
    "expected one argument": "cli_ap_expected_one",
    "expected at most one argument": "cli_ap_expected_at_most_one",
    "expected at least one argument": "cli_ap_expected_at_least_one",
    "expected %s argument": "cli_ap_expected_n",
    "expected %s arguments": "cli_ap_expected_n",
    "ambiguous option: %(option)s could match %(matches)s": "cli_ap_ambiguous",
    "unexpected option string: %s": "cli_ap_unexpected",
    "invalid %(type)s value: %(value)r": "cli_ap_invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli_ap_invalid_choice",
    "can't open '%(filename)s': %(error)s": "cli_ap_cannot_open",
}


@contextlib.contextmanager
def argparse_words(lang: str):
    """While the block runs, argparse says its own words in `lang` (English is argparse's own).

    argparse calls `gettext` on its fixed strings as it builds a parser and parses, through the
    names `_` and `ngettext` of its module: they are swapped for the catalogue's words here and put
    back when the block ends, so nothing else in the process sees the change.

    >>> p = argparse.ArgumentParser(prog="x")
    >>> with argparse_words("ru"):
    ...     p = argparse.ArgumentParser(prog="x")
    ...     print(p.format_usage().strip(), "|", p._optionals.title)
    использование: x [-h] | параметры
    >>> argparse.ArgumentParser(prog="x").format_usage().strip()
    'usage: x [-h]'
    """
    if lang == "en":
        yield
        return
    from workbench.i18n import t

    def gettext(message: str) -> str:
        key = ARGPARSE_WORDS.get(message)
        if key == "cli_ap_invalid_choice":
            return _QuotedChoices(t(key, lang), lang)
        return t(key, lang) if key else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = gettext, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class _QuotedChoices(str):
    """argparse's «invalid choice» in a language that quotes with «…»: argparse fills
    `%(choices)s` with the choices' repr() joined ('off', 'mask'); they are quoted again as the
    catalogue quotes (`quoted`).

    >>> _QuotedChoices("«%(value)s» (можно: %(choices)s)", "ru") % {"value": "ban", "choices": "'off', 'mask'"}
    '«ban» (можно: «off», «mask»)'
    """

    def __new__(cls, text: str, lang: str):
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    def __mod__(self, args):
        import ast

        from workbench.i18n import t

        if isinstance(args, dict) and isinstance(args.get("choices"), str):
            try:
                choices = ast.literal_eval(f"[{args['choices']}]")
            except (ValueError, SyntaxError):  # not the repr() of plain values: left as argparse wrote it
                choices = None
            if choices is not None:
                args = {**args, "choices": ", ".join(t("quoted", self.lang, value=str(c)) for c in choices)}
        return str(self) % args


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
        from workbench.errors import word
        from workbench.i18n import MESSAGES

        return word(self.key, lang, self.params) if self.key in MESSAGES else self.key

    def __str__(self) -> str:
        return self.message(cli_lang())


@contextlib.contextmanager
def working_on(opened):
    """The body of a command on an open store or workbench (`opened`, closed when the block ends,
    whatever happened): a refused action (`WorkbenchError`) becomes the command's one error line
    (`CliError.of`), and Ctrl+C «прервано: ничего не изменено» rather than a traceback (the
    store's transaction in progress rolls back).

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> with working_on(store):
    ...     store.session("NOSUCH")
    Traceback (most recent call last):
    ...
    workbench.cli.CliError: Сессия с кодом «NOSUCH» не найдена
    """
    from workbench.errors import WorkbenchError

    try:
        yield opened
    except WorkbenchError as exc:
        raise CliError.of(exc) from None
    except KeyboardInterrupt:
        raise CliError("cli_interrupted") from None
    finally:
        opened.close()


def say(args, key: str, /, **params) -> None:
    """Print one line of the catalogue in the command's language; on stderr when the command
    wrote its file to stdout (`--output /dev/stdout`: the line came after the JSON, and `| jq`
    failed on it)."""
    from workbench.i18n import t

    out = next((getattr(args, a) for a in ("output", "export") if isinstance(getattr(args, a, None), str)), None)
    print(t(key, cli_lang(args), **params), file=sys.stderr if out and _is_stdout(out) else sys.stdout)


def _is_stdout(path: str) -> bool:
    """Whether `path` is the file, pipe or terminal this process's stdout is."""
    try:
        there, mine = os.stat(path), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no such file; stdout replaced (a test)
        return False
    return (there.st_dev, there.st_ino) == (mine.st_dev, mine.st_ino)


DATABASE_ENV = "WORKBENCH_DATABASE_URL"
# Where a server set up from deploy/ keeps WORKBENCH_DATABASE_URL (deploy/systemd/workbench@.service
# reads it): a command run by hand on that server does not see it unless told.
SERVER_ENV_FILE = "/etc/workbench/workbench.env"


def data_arg(p: argparse.ArgumentParser) -> None:
    """The `--data` and `--database` options every command that opens the store takes."""
    p.add_argument("--data", default="sessions_data", help=h("cli_help_data"))
    p.add_argument("--database", default="", metavar="URL", help=h("cli_help_database", name=DATABASE_ENV))


def database_url(args, env=os.environ) -> str | None:
    """The database a command opens: `--database`, else $WORKBENCH_DATABASE_URL; None for the
    SQLite file in `--data`.

    >>> import argparse as a
    >>> database_url(a.Namespace(database="postgresql://h/db"), {DATABASE_ENV: "postgresql://h/other"})
    'postgresql://h/db'
    >>> database_url(a.Namespace(database=""), {DATABASE_ENV: "postgresql://h/other"}), database_url(a.Namespace(), {})
    ('postgresql://h/other', None)
    """
    return getattr(args, "database", "") or env.get(DATABASE_ENV) or None


def shown_url(url: str) -> str:
    """A database URL as a message may print it: its password hidden.

    >>> shown_url("postgresql://workbench:secret@db.local/workbench")
    'postgresql://workbench:***@db.local/workbench'
    """
    import sqlalchemy as sa

    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: said as typed, up to any password-like part
        return url.split("@")[-1]


def no_store(key: str, data) -> CliError:
    """No store where `--data` points and no database named: the folder-missing or no-store line,
    naming both ways out (a database on a server, `init` on a laptop) and, on a server set up
    from deploy/, the file that holds the database's address."""
    env_file = SERVER_ENV_FILE if os.path.isfile(SERVER_ENV_FILE) else ""
    return CliError(f"{key}_server" if env_file else key, data=data, name=DATABASE_ENV, env_file=env_file)


def open_workbench(args, create: bool = False, needs_folder: bool = False) -> Workbench:
    """Open a Workbench on `args.data` and the store of `database_url(args)`, or raise CliError
    (a bad folder, settings file or store, a database that cannot be reached).

    Only the commands that create a data folder (`init`, `demo`, `new-session`, `import-session`)
    pass `create`: for every other one a typo in `--data` is an error, not a new empty store. With a
    database the folder holds only settings, templates and the server's secret: a command may run
    without it, and `create` does not make it, unless the command `needs_folder` (`init`, `serve`,
    `save-template`)."""
    from pathlib import Path

    from workbench.app import Workbench
    from workbench.errors import WorkbenchError

    data = Path(args.data)
    url = database_url(args)
    folder = needs_folder or not url  # with a database, a missing folder stays missing
    if not create:
        if folder and not data.is_dir():
            raise CliError("cli_data_missing_db", data=data) if url else no_store("cli_data_missing", data)
        if not url and not (data / "workbench.sqlite").exists():
            raise no_store("cli_no_store", data)
    elif data.exists() and not data.is_dir():
        raise CliError("cli_data_is_file", data=data)
    try:
        wb = Workbench(data, database_url=url, make_folder=folder)
    except WorkbenchError as exc:  # settings.json that cannot be used, a store too new or not upgraded
        raise CliError.of(exc) from None
    except (ValueError, RuntimeError) as exc:
        raise CliError(str(exc)) from None
    except Exception as exc:
        if url:
            raise database_problem(exc, url) from None
        raise store_problem(exc, data) from None
    say_upgraded(args, wb.store)
    return wb


def database_problem(exc: BaseException, url: str) -> CliError:
    """One line for a database that cannot be opened: not running, refused, a wrong address."""
    import sqlalchemy as sa

    if isinstance(exc, (sa.exc.DBAPIError, sa.exc.ArgumentError, ImportError)):
        why = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        return CliError("cli_database_failed", url=shown_url(url), why=why[0] if why else type(exc).__name__)
    raise exc


def say_upgraded(args, store) -> None:
    """Say once, on stderr, that opening the store upgraded it (and where its copy is): an older
    version of the workbench no longer opens the folder."""
    if store.upgraded is not None:
        print(store.upgraded.message(cli_lang(args)), file=sys.stderr)


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


def write_table(df, output: str, sheet: str = "Sheet1") -> None:
    """Write a command's result by the suffix of `output`: CSV with `workbench.tableio.write_csv`
    (atomic, BOM, formulas escaped with a ', comma-separated for the tools that read it), XLSX
    with `workbench.tableio.write_xlsx` on a sheet named `sheet` (atomic, a text starting with =
    kept as text, as it is), or a CliError naming the file once."""
    from workbench.tableio import TableError, write_csv, write_xlsx

    suffix = check_table_output(output)
    try:
        if suffix == ".xlsx":
            write_xlsx(df, output, sheet)
        else:
            write_csv(df, output)
    except TableError as exc:
        raise CliError.of(exc) from None
    except OSError as exc:
        raise CliError("cli_cannot_write", path=output, why=exc.strerror or exc) from None


def positive_int(text: str) -> int:
    """argparse type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(refused_value("cli_not_positive_int", text))
    return value


def positive_mb(text: str) -> float:
    """argparse type: a size in megabytes, above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(refused_value("cli_not_megabytes", text)) from None
    if not value > 0:
        raise argparse.ArgumentTypeError(refused_value("cli_not_above_zero", text))
    return value


def refused_value(key: str, text: str) -> str:
    """A value argparse refused, said in the command's language."""
    from workbench.errors import Text

    return Text(key, value=Text("quoted", value=text)).message(cli_lang())


class Parser(argparse.ArgumentParser):
    """Usage mistakes as one line in the style of every other error, exit code 2."""

    def error(self, message: str):
        from workbench.i18n import t

        self.exit(2, t("cli_usage_error", cli_lang(), prog=self.prog, message=message) + "\n")


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
    "archive-session=workbench.cli.transfer:register_archive",
    "delete-session=workbench.cli.transfer:register_delete",
    "stage=workbench.cli.stage:register",
    "person=workbench.cli.person:register",
    "registrations=workbench.cli.person:register_list",
    "backup=workbench.cli.backup:register_backup",
    "restore=workbench.cli.backup:register_restore",
]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; given the command about to run, the modules of other commands stay unloaded."""
    import importlib

    parser = Parser(prog="workbench", description=h("cli_help_workbench"))
    parser.add_argument("--lang", dest="ui_lang", choices=["ru", "en"], help=h("cli_help_ui_lang", name=LANG_ENV))
    sub = parser.add_subparsers(dest="command", metavar=h("cli_help_command_metavar"), help=h("cli_help_commands"),
                                parser_class=Parser)
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
    argv = sys.argv[1:] if argv is None else argv
    _, asked_lang = _command(argv)
    lang = cli_lang(argparse.Namespace(ui_lang=asked_lang))
    token = _RUNNING_LANG.set(lang)
    try:
        return _main(argv, lang)
    finally:
        _RUNNING_LANG.reset(token)


def _main(argv: list[str], lang: str) -> int:
    from workbench.i18n import t

    first, _ = _command(argv)
    asks_help = "-h" in argv or "--help" in argv
    # argparse's words are swapped only while the parser is built and reads the command line: a
    # command that runs on (`serve`) leaves argparse as it found it for everything else.
    with argparse_words(lang):
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
            url = database_url(args) if hasattr(args, "data") else None
            problem = database_problem(exc, url) if url else store_problem(exc, getattr(args, "data", "the data folder"))
            line = problem.message(lang)
        except Exception:
            raise exc from None
        print(t("cli_error", lang, prog=prog, message=line), file=sys.stderr)
        return 2
