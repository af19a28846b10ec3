"""Benchmark: a generated two-mode network of 10,000 people x 1,000 events analysed end to end.

About 50,000 attendances (seeded): 20 territories, events mostly attended by
locals, heavy-tailed activity of people and lognormal event sizes. Steps:
validation, two-mode graph, people projection, node metrics (approximate
betweenness, PageRank, Louvain, k-core), brokers, growth, exports to a temp dir.

Run: .venv/bin/python bench/network.py [--people N] [--events N] [--seed N]
Prints a markdown table of step timings; goal: total <= 10 s on 2 cores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_SECONDS = 10.0


def generate(people: int = 10_000, events: int = 1_000, attendances: int = 50_000,
             territories: int = 20, seed: int = 0):
    """A two-mode attendance table: person, group, kind, date, territory."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    terr_p = rng.integers(0, territories, people)
    terr_e = rng.integers(0, territories, events)
    activity = rng.pareto(2.0, people) + 1.0
    sizes = np.maximum(3, rng.lognormal(np.log(40), 0.6, events))
    sizes = np.minimum((sizes * attendances / sizes.sum()).astype(int) + 1, people)
    start = np.datetime64("2024-01-01")
    days = np.sort(rng.integers(0, 365, events))
    rows_p, rows_e = [], []
    for e in range(events):
        w = activity * np.where(terr_p == terr_e[e], 8.0, 1.0)
        chosen = rng.choice(people, size=sizes[e], replace=False, p=w / w.sum())
        rows_p.append(chosen)
        rows_e.append(np.full(len(chosen), e))
    p = np.concatenate(rows_p)
    e = np.concatenate(rows_e)
    names = np.array([f"Участник {i:05d}" for i in range(people)])
    groups = np.array([f"Сессия {i:04d}" for i in range(events)])
    dates = (start + days).astype(str)
    terr_names = np.array([f"Район {i:02d}" for i in range(territories)])
    return pd.DataFrame({"person": names[p], "group": groups[e], "kind": "event",
                         "date": dates[e], "territory": terr_names[terr_p[p]]})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=10_000)
    ap.add_argument("--events", type=int, default=1_000)
    ap.add_argument("--attendances", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    timings: list[tuple[str, float, str]] = []
    t0 = time.perf_counter()

    def step(name, fn, note=lambda r: ""):
        t = time.perf_counter()
        result = fn()
        timings.append((name, time.perf_counter() - t, note(result)))
        return result

    from workbench.network import analysis, export, model, tables
    from workbench.tableio import write_csv

    timings.append(("import modules", time.perf_counter() - t0,
                    "numpy, pandas, networkx, scipy"))
    raw = step("generate table", lambda: generate(args.people, args.events, args.attendances,
                                                  seed=args.seed),
               lambda r: f"{len(r)} rows")
    clean = step("validate table", lambda: tables.load_two_mode(raw, "bench"))
    T = step("two-mode graph", lambda: model.two_mode_graph(clean),
             lambda g: f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    P = step("people projection", lambda: model.people_projection(T),
             lambda g: f"{g.number_of_edges()} of {g.graph['full_edges']} ties kept"
             + (" (backbone)" if g.graph["backbone"] else ""))
    metrics = step("node metrics", lambda: analysis.node_metrics(P, seed=args.seed),
                   lambda m: f"betweenness approx={bool(m['betweenness_approx'].any())}, "
                   f"sources={int(m['betweenness_sources'].max())}, "
                   f"{m['community'].nunique()} communities")
    for col in ("degree", "weighted_degree", "betweenness", "pagerank", "community"):
        nx_attrs = dict(zip(metrics["id"], metrics[col], strict=True))
        for n, v in nx_attrs.items():
            P.nodes[n][col] = v
    brokers = step("territory brokers", lambda: analysis.territory_brokers(P),
                   lambda b: f"{len(b)} brokers")
    step("k-core", lambda: analysis.k_core(P), lambda k: f"{k.number_of_nodes()} nodes")
    grow = step("growth over events", lambda: analysis.growth(T), lambda g: f"{len(g)} events")
    step("repeat attendance", lambda: analysis.repeat_attendance(T))
    comm = dict(zip(metrics["id"], metrics["community"], strict=True))
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        step("export CSV", lambda: (write_csv(metrics, d / "nodes.csv"),
                                    write_csv(export.edges_table(P), d / "edges.csv"),
                                    write_csv(brokers, d / "brokers.csv"),
                                    write_csv(grow, d / "growth.csv")))
        step("export GEXF", lambda: export.write_gexf(P, d / "network.gexf"),
             lambda p: f"{p.stat().st_size / 1e6:.1f} MB")
        step("export GraphML", lambda: export.write_graphml(P, d / "network.graphml"),
             lambda p: f"{p.stat().st_size / 1e6:.1f} MB")
        step("figures PNG+SVG", lambda: (
            export.plot_network(P, d / "network.png", community=comm, seed=args.seed),
            export.plot_network(P, d / "network.svg", community=comm, seed=args.seed),
            export.plot_growth(grow, d / "growth.png"),
            export.plot_growth(grow, d / "growth.svg")))
    total = time.perf_counter() - t0

    print(f"Network benchmark: {args.people} people x {args.events} events, "
          f"{len(raw)} attendances, seed {args.seed}\n")
    print("| step | seconds | note |")
    print("|---|---:|---|")
    for name, sec, note in timings:
        print(f"| {name} | {sec:.2f} | {note} |")
    print(f"| **total** | **{total:.2f}** | goal <= {GOAL_SECONDS:.0f} s |")
    return 0 if total <= GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
