"""`workbench backup` and `workbench restore`: the store as one file, and back."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from workbench.cli import (
    CliError,
    data_arg,
    database_url,
    h,
    no_store,
    open_workbench,
    say,
    shown_url,
)


def register_backup(sub) -> None:
    p = sub.add_parser("backup", help=h("cli_help_backup"))
    data_arg(p)
    p.add_argument("--output", default="", metavar="FILE", help=h("cli_help_backup_output"))
    p.set_defaults(func=cmd_backup)


def register_restore(sub) -> None:
    p = sub.add_parser("restore", help=h("cli_help_restore"))
    data_arg(p)
    p.add_argument("file", metavar="FILE", help=h("cli_help_restore_file"))
    p.set_defaults(func=cmd_restore)


def _on_postgres(args) -> None:
    """On PostgreSQL, point to pg_dump with the address as the user gave it: the one typed in
    `--database` (its password hidden), else $WORKBENCH_DATABASE_URL, which the shell fills in."""
    from workbench.errors import Text

    if getattr(args, "database", ""):
        url = shown_url(args.database)
        raise CliError("backup_postgres_given", url=url,
                       hidden=Text("backup_password_hidden") if url != args.database else "")
    if database_url(args):
        raise CliError("backup_postgres")


def cmd_backup(args) -> int:
    from workbench.errors import WorkbenchError
    from workbench.store.copies import STORE_FILE, backup, backup_name, counts
    from workbench.store.failures import storage_failed

    _on_postgres(args)
    data = Path(args.data)
    if not data.is_dir():
        raise no_store("cli_data_missing", data)
    if not (data / STORE_FILE).exists():
        raise no_store("cli_no_store", data)
    # The store is copied as it is, not opened: a folder an older version wrote stays that version's.
    output = Path(args.output) if args.output else data / "backups" / backup_name()
    try:
        backup(data, output)
    except WorkbenchError as exc:
        raise CliError.of(exc) from None
    except OSError as exc:
        raise CliError("cli_cannot_write", path=output, why=exc.strerror or exc) from None
    except sqlite3.Error as exc:  # SQLite writing the copy: a full disk is the copy's, not the store's
        if not storage_failed(exc):
            raise
        raise CliError("cli_cannot_write", path=output, why=os.strerror(errno.ENOSPC)) from None
    say(args, "cli_backup_done", path=output, **counts(output))
    return 0


def cmd_restore(args) -> int:
    from workbench.errors import WorkbenchError
    from workbench.store.copies import STORE_FILE, counts, restore

    _on_postgres(args)
    data = Path(args.data)
    if data.exists() and not data.is_dir():
        raise CliError("cli_data_is_file", data=data)
    try:
        kept = restore(data, args.file)
    except WorkbenchError as exc:
        raise CliError.of(exc) from None
    except OSError as exc:
        raise CliError("cli_cannot_write_to", path=data, why=exc.strerror or exc) from None
    if kept is not None:
        say(args, "cli_restore_kept", path=kept)
    open_workbench(args).close()  # a backup from an older version is upgraded here, and says so
    say(args, "cli_restore_done", file=args.file, **counts(data / STORE_FILE))
    return 0
