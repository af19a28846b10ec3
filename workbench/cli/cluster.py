"""`workbench cluster`: group the ideas of one column of a table by topic."""

from __future__ import annotations

from workbench.cli import (
    CliError,
    check_table_output,
    cli_lang,
    h,
    positive_int,
    positive_mb,
    say,
    write_table,
)
from workbench.i18n import t

# Clustering compares every pair of texts (a kNN graph from an n × n similarity matrix): 5,000 texts
# take about 200 MB; 60,000 would ask for 27 GB. A session has hundreds of ideas.
MAX_TEXTS = 5000


def register(sub) -> None:
    """Add ``workbench cluster`` to the CLI subparsers."""
    p = sub.add_parser(
        "cluster",
        help=h("cli_help_cluster"),
        description=h("cli_help_cluster_about"),
    )
    p.add_argument("input", metavar="INPUT", help=h("cli_help_cluster_input"))
    p.add_argument("--text-column", required=True, metavar="COLUMN", help=h("cli_help_text_column"))
    p.add_argument("--output", required=True, metavar="OUT.csv|OUT.xlsx",
                   help=h("cli_help_table_output"))
    p.add_argument("--lang", default="auto", choices=["auto", "ru", "en"],
                   help=h("cli_help_texts_lang"))
    p.add_argument("--clusters", type=positive_int, default=None, metavar="N",
                   help=h("cli_help_clusters"))
    p.add_argument("--seed", type=int, default=0, help=h("cli_help_seed"))
    p.add_argument("--max-mb", type=positive_mb, default=None, metavar="MB",
                   help=h("cli_help_max_mb"))
    p.add_argument("--method", default="auto", choices=["auto", "meaning", "words"],
                   help=h("cli_help_method"))
    p.set_defaults(func=cmd_cluster)


def cmd_cluster(args) -> int:
    from workbench.clustering import cluster_texts
    from workbench.tableio import TableError, read_table

    check_table_output(args.output)
    try:
        df = read_table(args.input, args.max_mb, keep_blank_rows=True)  # every row, in order
    except TableError as exc:
        raise CliError.of(exc) from exc
    column = args.text_column
    if column not in df.columns:
        from workbench.errors import quoted_list

        raise CliError("cli_column_missing", column=column, path=args.input, columns=quoted_list(df.columns))
    for name in ("cluster", "cluster_label"):
        if name in df.columns:
            raise CliError("cli_column_exists", path=args.input, column=name)
    texts = df[column].fillna("").astype(str).tolist()
    if not any(t.strip() for t in texts):
        raise CliError("cli_column_empty", column=column, path=args.input)
    filled = sum(1 for t in texts if t.strip())
    if filled > MAX_TEXTS:
        raise CliError("cli_too_many_texts", column=column, path=args.input, n=f"{filled:,}", max=f"{MAX_TEXTS:,}")
    distinct = len({t.strip().casefold() for t in texts if t.strip()})
    if args.clusters is not None and args.clusters > distinct:
        raise CliError("cli_too_few_texts", k=args.clusters, column=column, n=distinct)
    if args.method == "meaning":
        from workbench import embeddings

        if not embeddings.available():
            raise CliError("cli_meaning_missing")
    result = cluster_texts(texts, k=args.clusters, lang=args.lang, seed=args.seed, method=args.method)
    out = df.copy()
    # Groups numbered from 1, as the projector names them ("Группа 1"), in CSV and XLSX alike; a
    # row without text is in no group (its label says so), as in `opinion-groups`.
    out["cluster"] = ["" if c < 0 else c + 1 for c in result.labels]
    lang = cli_lang(args)  # a row without text says so in the command's language («Без текста», "No text")
    out["cluster_label"] = [t("cli_cluster_no_text", lang) if c < 0 else result.names[c] for c in result.labels]
    write_table(out, args.output, sheet=t("cli_sheet_groups", lang))
    say(args, "cli_clustered", rows=len(texts), k=result.k, method=result.method, output=args.output)
    if args.clusters is not None and result.k != args.clusters:
        say(args, "cli_clusters_note", asked=args.clusters, k=result.k)
    return 0
