"""Network analysis of people, organisations, events and territories.

Submodules: `tables` (import and validation), `matching` (people across lists),
`model` (graph, projections, pseudonymisation), `analysis` (metrics), `export`
(GEXF/GraphML/CSV/figures), `pipeline` (what `workbench network` runs).
Public functions are importable from here; the heavy modules load on first use,
so `workbench --help` stays quick.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "NetworkInputError": "tables", "read_table": "tables", "load_attendance": "tables",
    "load_attendance_lists": "tables", "load_two_mode": "tables", "load_edge_list": "tables",
    "normalise_name": "matching", "name_similarity": "matching",
    "person_records": "matching", "find_matches": "matching", "apply_matches": "matching",
    "build_graph": "model", "two_mode_graph": "model", "edge_list_graph": "model",
    "people_projection": "model", "organisation_projection": "model",
    "pseudonymise": "model",
    "betweenness": "analysis", "communities": "analysis", "k_core": "analysis",
    "pagerank": "analysis", "adjacency": "analysis", "edges_table": "export",
    "node_metrics": "analysis", "territory_brokers": "analysis", "sector_mix": "analysis",
    "repeat_attendance": "analysis", "growth": "analysis",
    "sanitise": "export", "write_gexf": "export", "write_graphml": "export",
    "write_csv": "export", "plot_network": "export",
    "plot_growth": "export",
    "analyse_table": "pipeline", "run_network": "pipeline",
}

__all__ = sorted(_EXPORTS) + ["register_cli"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def _cmd_network(args) -> int:
    from workbench.cli import CliError

    from .pipeline import run_network
    from .tables import NetworkInputError

    try:
        summary = run_network(args.input, args.output_dir, pseudonymise=args.pseudonymise,
                              seed=args.seed)
    except NetworkInputError as exc:
        raise CliError(str(exc)) from exc
    notes = []
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


def register_cli(sub) -> None:
    """Add `workbench network INPUT --output-dir DIR [--pseudonymise] [--seed N]`.

    >>> import argparse
    >>> parser = argparse.ArgumentParser()
    >>> register_cli(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["network", "in.csv", "--output-dir", "out", "--seed", "3"])
    >>> args.input, args.output_dir, args.pseudonymise, args.seed
    ('in.csv', 'out', False, 3)
    """
    p = sub.add_parser(
        "network",
        help="analyse a network: two-mode list (person, group) or edge list (source, target)",
        description="Analyse a two-mode list (columns person, group; optional kind, date, "
                    "territory; people are analysed on the weighted people projection) or a "
                    "one-mode edge list (columns source, target; optional weight). Writes "
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
    p.set_defaults(func=_cmd_network)
