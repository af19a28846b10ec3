"""`workbench opinion-groups VOTES.csv --output OUT.csv [--seed N] [--comments FILE]`:
Pol.is-style opinion groups from a Pol.is export."""

from __future__ import annotations

from workbench.cli import CliError, check_table_output, cli_lang, h, positive_mb, say, write_table


def register(sub) -> None:
    """Add the ``opinion-groups`` subcommand to the `workbench` parser.

    >>> import argparse
    >>> sub = argparse.ArgumentParser().add_subparsers()
    >>> register(sub)
    """
    p = sub.add_parser("opinion-groups",
                       help=h("cli_help_opinion"))
    p.add_argument("votes", metavar="VOTES.csv", help=h("cli_help_votes"))
    p.add_argument("--output", required=True, metavar="OUT.csv|OUT.xlsx",
                   help=h("cli_help_opinion_output"))
    p.add_argument("--seed", type=int, default=0, help=h("cli_help_seed"))
    p.add_argument("--keep-unclear-groups", action="store_true",
                   help=h("cli_help_keep_unclear"))
    p.add_argument("--max-mb", type=positive_mb, default=None, metavar="MB",
                   help=h("cli_help_max_mb"))
    p.add_argument("--comments", default=None, metavar="comments.csv",
                   help=h("cli_help_comments"))
    p.set_defaults(func=cmd_opinion_groups)


def _read_csv(path: str, max_mb: float | None = None):
    """A votes or comments table as text columns, read as `cluster` and `network` read theirs
    (`workbench.tableio.read_table`: UTF-8 or cp1251, any delimiter, XLSX), or a CliError."""
    from workbench.tableio import TableError, read_table

    try:
        return read_table(path, max_mb)
    except TableError as exc:
        raise CliError.of(exc) from None


def _moderated_out(path: str, max_mb: float | None = None) -> set:
    """The ids of the statements a Pol.is comments.csv marks as moderated out (-1)."""
    import pandas as pd

    comments = _read_csv(path, max_mb)
    miss = [c for c in ("comment-id", "moderated") if c not in comments.columns]
    if miss:
        raise CliError("cli_comments_columns", path=path, columns=", ".join(miss))
    mod = pd.to_numeric(comments["moderated"], errors="coerce")
    return set(comments.loc[mod == -1, "comment-id"].str.strip())


def cmd_opinion_groups(args) -> int:
    import pandas as pd

    from workbench.opinion import VotesError, opinion_groups

    check_table_output(args.output)
    votes = _read_csv(args.votes, args.max_mb)
    moderated = _moderated_out(args.comments, args.max_mb) if args.comments else ()
    for col in ("voter-id", "comment-id", "participant", "statement"):
        if col in votes.columns:
            votes[col] = votes[col].str.strip()
    try:
        # The input is a Pol.is export: replay its history so the grouped set matches Pol.is.
        res = opinion_groups(votes, moderated_out=moderated, seed=args.seed,
                             polis_history="timestamp" in votes.columns)
    except VotesError as exc:
        raise CliError("cli_votes_file", path=args.votes, problem=exc) from exc
    except ValueError as exc:  # any other refusal of the analysis, as it words it
        raise CliError("cli_votes_file", path=args.votes, problem=str(exc)) from exc
    # Groups numbered from 1, as the projector's map names them ("Группа 1"); none at all when
    # the room shows no clear groups (the projector draws none then either).
    shown = res.k > 0 and (res.clear_groups or args.keep_unclear_groups)
    out = pd.DataFrame({"participant": list(res.groups),
                        "group": ["" if g is None or not shown else int(g) + 1
                                  for g in res.groups.values()]})
    write_table(out, args.output)
    placed = sum(g is not None for g in res.groups.values()) if shown else 0
    say(args, "cli_opinion_done", placed=placed, n=res.n_participants, reason=res.verdict_text(cli_lang(args)))
    if not shown and res.k > 0:
        say(args, "cli_opinion_unclear", output=args.output)
    elif shown and not res.clear_groups:
        say(args, "cli_opinion_kept", output=args.output, k=res.k)
    return 0
