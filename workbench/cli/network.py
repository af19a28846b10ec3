"""`workbench network`: analyse a two-mode list or an edge list, write tables, graphs and figures."""

from __future__ import annotations

from workbench.cli import CliError, positive_mb


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
        raise CliError(f"cannot write to {args.output_dir}: {exc.strerror or exc}") from None
    notes = []
    if summary.get("spellings_merged"):
        notes.append(f"{summary['spellings_merged']} spellings of the same people merged "
                     f"({summary['people']} people): the same name in another word order, or the "
                     "same e-mail or phone, as on the analysis page")
    if summary.get("similar_names_left_apart"):
        notes.append(f"{summary['similar_names_left_apart']} pairs of similar names (typos, "
                     "initials) kept apart: staff decide them on the analysis page")
    if summary.get("projection_backbone"):
        notes.append(f"people projection reduced to a backbone of {summary['edges']} of "
                     f"{summary['projection_full_edges']} ties")
    if summary.get("betweenness_approximate"):
        notes.append(f"betweenness estimated from {summary['betweenness_sources']} "
                     "sampled sources")
    print(f"{summary['nodes']} nodes, {summary['edges']} edges, "
          f"{summary['communities']} communities; wrote {len(summary['files'])} files "
          f"to {args.output_dir}")
    for note in notes:
        print(f"note: {note}")
    return 0
