"""`workbench opinion-groups VOTES.csv --output OUT.csv [--seed N] [--comments FILE]`:
Pol.is-style opinion groups from a Pol.is export."""

from __future__ import annotations

from workbench.cli import CliError


def register(sub) -> None:
    """Add the ``opinion-groups`` subcommand to the `workbench` parser.

    >>> import argparse
    >>> sub = argparse.ArgumentParser().add_subparsers()
    >>> register(sub)
    """
    p = sub.add_parser("opinion-groups",
                       help="Pol.is-style opinion groups from a votes CSV (voter-id, comment-id, vote)")
    p.add_argument("votes", metavar="VOTES.csv", help="Pol.is votes.csv (timestamp orders re-votes)")
    p.add_argument("--output", required=True, metavar="OUT.csv",
                   help="CSV with columns participant, group (empty = not grouped)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("--comments", default=None, metavar="comments.csv",
                   help="Pol.is comments.csv; statements with moderated == -1 are dropped")
    p.set_defaults(func=cmd_opinion_groups)


def _read_csv(path: str, what: str):
    """A CSV file as text columns (their names stripped), or a CliError naming the file."""
    import pandas as pd

    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError as exc:
        raise CliError(f"{what} file not found: {path}") from exc
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CliError(f"cannot read {what} file {path}: {exc}") from exc
    df.columns = [c.strip() for c in df.columns]
    return df


def _moderated_out(path: str) -> set:
    """The ids of the statements a Pol.is comments.csv marks as moderated out (-1)."""
    import pandas as pd

    comments = _read_csv(path, "comments")
    miss = [c for c in ("comment-id", "moderated") if c not in comments.columns]
    if miss:
        raise CliError(f"comments file {path}: missing column(s): {', '.join(miss)}")
    mod = pd.to_numeric(comments["moderated"], errors="coerce")
    return set(comments.loc[mod == -1, "comment-id"].str.strip())


def _write_atomically(df, output: str) -> None:
    """Write the CSV with `workbench.tableio.write_csv` (atomic: a failed run leaves no half
    file), or a CliError naming the file."""
    from workbench.tableio import TableError, write_csv

    try:
        write_csv(df, output)
    except (TableError, OSError) as exc:
        raise CliError(f"cannot write {output}: {exc}") from exc


def cmd_opinion_groups(args) -> int:
    import pandas as pd

    from workbench.opinion import opinion_groups

    votes = _read_csv(args.votes, "votes")
    moderated = _moderated_out(args.comments) if args.comments else ()
    for col in ("voter-id", "comment-id", "participant", "statement"):
        if col in votes.columns:
            votes[col] = votes[col].str.strip()
    try:
        # The input is a Pol.is export: replay its history so the grouped set matches Pol.is.
        res = opinion_groups(votes, moderated_out=moderated, seed=args.seed,
                             polis_history="timestamp" in votes.columns)
    except ValueError as exc:
        raise CliError(f"{args.votes}: {exc}") from exc
    out = pd.DataFrame({"participant": list(res.groups),
                        "group": ["" if g is None else str(g) for g in res.groups.values()]})
    _write_atomically(out, args.output)
    print(f"{res.n_grouped} of {res.n_participants} participants grouped; {res.reason}")
    return 0
