"""Benchmark: our opinion groups vs Pol.is's own groups on its open data, and speed.

Usage: .venv/bin/python bench/opinion.py [DATA_DIR] [--seed N]

DATA_DIR (default: ../shared/data/polis relative to the repo root) holds one folder per
Pol.is conversation with votes.csv, comments.csv and participants-votes.csv (export
format of github compdemocracy/openData). Prints a markdown table: adjusted Rand index
(ARI) between our groups and Pol.is's ``group-id`` over the participants Pol.is grouped
(anyone we leave out counts as a group of its own, so leaving people out costs ARI), once
with the history replay the CLI uses (Pol.is's live in-conv set) and once with the plain
"at least 7 votes" rule; plus the time for a synthetic 2,000 x 900 vote matrix.
Goals: ARI >= 0.8 on each conversation, <= 3 s for 2,000 x 900. Times include the
stability re-runs and exclude one-off imports.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.opinion import opinion_groups  # noqa: E402


def _ari(polis: pd.DataFrame, groups: dict) -> float:
    from sklearn.metrics import adjusted_rand_score

    grouped = polis.dropna(subset=["group-id"])
    ours = [-1 if groups.get(p) is None else groups[p] for p in grouped["participant"]]
    return float(adjusted_rand_score(grouped["group-id"].astype(int), ours))


def conversation_row(folder: Path, seed: int) -> dict:
    votes = pd.read_csv(folder / "votes.csv")
    polis = pd.read_csv(folder / "participants-votes.csv", usecols=["participant", "group-id"])
    comments_file = folder / "comments.csv"
    moderated = set()
    if comments_file.exists():
        comments = pd.read_csv(comments_file, usecols=["comment-id", "moderated"])
        moderated = set(comments.loc[comments["moderated"] == -1, "comment-id"])
    t0 = time.perf_counter()
    res = opinion_groups(votes, moderated_out=moderated, seed=seed, polis_history=True)
    elapsed = time.perf_counter() - t0
    plain = opinion_groups(votes, moderated_out=moderated, seed=seed, n_boot=0)
    return {
        "conversation": folder.name,
        "participants": res.n_participants,
        "grouped (Pol.is / ours)": f"{int(polis['group-id'].notna().sum())} / {res.n_grouped}",
        "statements (kept / all)": f"{res.n_statements} / {votes['comment-id'].nunique()}",
        "groups (Pol.is / ours)": f"{polis['group-id'].nunique()} / {res.k}",
        "ARI": f"{_ari(polis, res.groups):.3f}",
        "ARI plain >=7 rule": f"{_ari(polis, plain.groups):.3f}",
        "stability": "" if res.stability is None else f"{res.stability:.2f}",
        "clear groups": "yes" if res.clear_groups else "no",
        "time, s": f"{elapsed:.2f}",
    }


def synthetic_votes(n: int = 2000, m: int = 900, density: float = 0.5, seed: int = 0):
    rng = np.random.default_rng(seed)
    camp = rng.integers(0, 3, n)
    profile = rng.choice([-1, 1], (3, m))
    votes = np.where(rng.random((n, m)) < 0.6, profile[camp], rng.choice([-1, 0, 1], (n, m)))
    p, s = np.nonzero(rng.random((n, m)) < density)
    return pd.DataFrame({"participant": p, "statement": s, "vote": votes[p, s]})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "polis"))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    folders = sorted(p for p in Path(args.data).iterdir()
                     if (p / "votes.csv").exists() and (p / "participants-votes.csv").exists())
    # Warm-up: one-off imports (scikit-learn) are not part of the timings.
    opinion_groups(synthetic_votes(30, 10), seed=args.seed, n_boot=1)
    rows = [conversation_row(f, args.seed) for f in folders]
    big = synthetic_votes()
    t0 = time.perf_counter()
    res = opinion_groups(big, seed=args.seed)
    elapsed = time.perf_counter() - t0
    rows.append({"conversation": "synthetic 2,000 x 900 (50 % voted)",
                 "participants": res.n_participants, "grouped (Pol.is / ours)": f"- / {res.n_grouped}",
                 "statements (kept / all)": f"{res.n_statements} / 900",
                 "groups (Pol.is / ours)": f"(3 planted) / {res.k}", "ARI": "", "ARI plain >=7 rule": "",
                 "stability": f"{res.stability:.2f}", "clear groups": "yes" if res.clear_groups else "no",
                 "time, s": f"{elapsed:.2f}"})
    cols = list(rows[0])
    print("| " + " | ".join(cols) + " |")
    print("|" + "|".join("---" for _ in cols) + "|")
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    aris = [float(r["ARI"]) for r in rows if r["ARI"]]
    ok = all(a >= 0.8 for a in aris) and elapsed <= 3.0
    print(f"\nGoals (ARI >= 0.8 each, <= 3 s for 2,000 x 900): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
