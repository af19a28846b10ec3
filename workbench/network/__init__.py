"""Network analysis of people, organisations, events and territories.

Submodules: `tables` (import and validation), `matching` (people across lists),
`model` (graph, projections, pseudonymisation), `analysis` (metrics), `export`
(GEXF/GraphML/edge table/figures; CSV files are written by `workbench.tableio`),
`pipeline` (what `workbench network` runs).
Public functions are importable from here; the heavy modules load on first use,
so `workbench --help` stays quick.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "NetworkInputError": "tables", "read_table": "tables", "load_attendance": "tables",
    "load_attendance_lists": "tables", "load_two_mode": "tables", "load_edge_list": "tables",
    "normalize_name": "matching", "name_similarity": "matching",
    "person_records": "matching", "find_matches": "matching", "apply_matches": "matching",
    "build_graph": "model", "two_mode_graph": "model", "edge_list_graph": "model",
    "people_projection": "model", "organisation_projection": "model",
    "pseudonymise": "model",
    "betweenness": "analysis", "communities": "analysis", "k_core": "analysis",
    "pagerank": "analysis", "adjacency": "analysis", "edges_table": "export",
    "node_metrics": "analysis", "territory_brokers": "analysis", "sector_mix": "analysis",
    "repeat_attendance": "analysis", "growth": "analysis",
    "sanitise": "export", "write_gexf": "export", "write_graphml": "export",
    "plot_network": "export", "plot_growth": "export",
    "analyse_table": "pipeline", "run_network": "pipeline",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
