"""`workbench network`: analyse a two-mode list or an edge list, write tables, graphs and figures."""

from __future__ import annotations

from workbench.cli import CliError, cli_lang, positive_mb, say
from workbench.i18n import t


def register(sub) -> None:
    """Add `workbench network INPUT --output-dir DIR [--pseudonymise] [--seed N]`.

    >>> import argparse
    >>> parser = argparse.ArgumentParser()
    >>> register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["network", "in.csv", "--output-dir", "out", "--seed", "3"])
    >>> args.input, args.output_dir, args.pseudonymise, args.seed
    ('in.csv', 'out', False, 3)
    """
    p = sub.add_parser(
        "network",
        help="analyse a network: two-mode list (person, group) or edge list (source, target)",
        description="Analyse a two-mode list (columns person, group or event; optional kind, "
                    "date, territory, organisation, sector, email, phone; spellings of one person "
                    "are merged as on the analysis page; people are analysed on the weighted "
                    "people projection) or a "
                    "one-mode edge list (columns source, target; optional weight, and kind: the "
                    "tie's type, kept in edges.csv, GEXF and GraphML). Writes "
                    "nodes.csv, edges.csv, network.gexf, network.graphml, network.png/.svg, "
                    "summary.json and, for two-mode lists, two_mode.gexf, groups.csv, "
                    "brokers.csv (with territory) and growth.csv/.png/.svg (with date).",
    )
    p.add_argument("input", metavar="INPUT", help="CSV, TSV or XLSX file")
    p.add_argument("--output-dir", required=True, metavar="DIR", help="folder for the results")
    p.add_argument("--pseudonymise", "--pseudonymize", action="store_true",
                   help="replace names by codes (P0001...) and drop emails and phones")
    p.add_argument("--seed", type=int, default=0, help="seed for layouts, sampling and "
                   "community detection (default: 0)")
    p.add_argument("--colour-by", "--color-by", dest="colour_by", default="community",
                   choices=("community", "territory", "sector"),
                   help="what the colours of network.png/.svg show, named in the legend "
                        "(default: community)")
    p.add_argument("--max-mb", type=positive_mb, default=None, metavar="MB",
                   help="refuse input files bigger than this many megabytes (an XLSX: unpacked); "
                        "default 10, or $WORKBENCH_MAX_TABLE_MB")
    p.set_defaults(func=cmd_network)


def cmd_network(args) -> int:
    from workbench.network.pipeline import run_network
    from workbench.network.tables import NetworkInputError

    try:
        summary = run_network(args.input, args.output_dir, pseudonymise=args.pseudonymise,
                              seed=args.seed, max_mb=args.max_mb, colour_by=args.colour_by)
    except NetworkInputError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:  # the output folder cannot be made or written
        raise CliError("cli_cannot_write_to", path=args.output_dir, why=exc.strerror or exc) from None
    lang = cli_lang(args)
    notes = []
    if summary.get("spellings_merged"):
        notes.append(t("cli_network_merged", lang, merged=summary["spellings_merged"], people=summary["people"]))
    if summary.get("similar_names_left_apart"):
        notes.append(t("cli_network_similar", lang, n=summary["similar_names_left_apart"]))
    if summary.get("projection_backbone"):
        notes.append(t("cli_network_backbone", lang, edges=summary["edges"], full=summary["projection_full_edges"]))
    if summary.get("betweenness_approximate"):
        notes.append(t("cli_network_sampled", lang, n=summary["betweenness_sources"]))
    say(args, "cli_network_done", nodes=summary["nodes"], edges=summary["edges"], communities=summary["communities"],
        files=len(summary["files"]), output=args.output_dir)
    for note in notes:
        say(args, "cli_note", text=note)
    return 0
