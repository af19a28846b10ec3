"""The arithmetic of the decision methods: impact × feasibility, pairwise comparison, ranking.

Pure functions; `workbench.session.voting` calls them for each method.

Inputs are plain lists of dicts as the store returns them; outputs are plain lists of dicts,
one per idea, sorted best first.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict

QUADRANTS = ("quick_wins", "big_bets", "fill_ins", "not_now")


def quadrant(impact: float, feasibility: float, middle: float = 3.0) -> str:
    """The 2×2 cell of an idea: high/low impact × high/low feasibility (the middle counts as high).

    >>> quadrant(4.5, 4), quadrant(4.5, 2), quadrant(2, 4), quadrant(2, 2)
    ('quick_wins', 'big_bets', 'fill_ins', 'not_now')
    """
    if impact >= middle:
        return "quick_wins" if feasibility >= middle else "big_bets"
    return "fill_ins" if feasibility >= middle else "not_now"


def matrix_summary(ratings: list[dict], items: list[int]) -> list[dict]:
    """Mean impact and feasibility per idea, with the spread of opinions and the quadrant.

    >>> r = [{"card_id": 1, "impact": 5, "feasibility": 4},
    ...      {"card_id": 1, "impact": 3, "feasibility": 4},
    ...      {"card_id": 2, "impact": 1, "feasibility": 2}]
    >>> [(s["id"], s["impact"], s["feasibility"], s["raters"], s["quadrant"]) for s in matrix_summary(r, [1, 2, 3])]
    [(1, 4.0, 4.0, 2, 'quick_wins'), (2, 1.0, 2.0, 1, 'not_now'), (3, None, None, 0, None)]
    """
    by_item: dict[int, list[dict]] = defaultdict(list)
    for r in ratings:
        by_item[r["card_id"]].append(r)
    out = []
    for item in items:
        rs = by_item.get(item, [])
        if not rs:
            out.append({"id": item, "impact": None, "feasibility": None, "raters": 0,
                        "impact_sd": None, "feasibility_sd": None, "quadrant": None})
            continue
        imp = [r["impact"] for r in rs]
        fea = [r["feasibility"] for r in rs]
        mi, mf = sum(imp) / len(imp), sum(fea) / len(fea)
        out.append({"id": item, "impact": round(mi, 2), "feasibility": round(mf, 2), "raters": len(rs),
                    "impact_sd": round(_sd(imp), 2), "feasibility_sd": round(_sd(fea), 2),
                    "quadrant": quadrant(mi, mf)})
    rated = [o for o in out if o["raters"]]
    rated.sort(key=lambda o: (-(o["impact"] + o["feasibility"]), -o["raters"], o["id"]))
    return rated + [o for o in out if not o["raters"]]


def _sd(values: list[float]) -> float:
    if len(values) < 2:
        return 0.0
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


# --- pairwise ------------------------------------------------------------------------------------

def next_pair(comparisons: list[dict], items: list[int], participant_id: int,
              seed: int = 0) -> tuple[int, int] | None:
    """The next pair to show: the idea with the fewest comparisons so far, against the least
    compared other idea, avoiding pairs this participant has already judged.

    >>> next_pair([], [1, 2, 3], participant_id=7, seed=1) in [(1, 2), (2, 1), (1, 3), (3, 1), (2, 3), (3, 2)]
    True
    >>> seen = [{"participant_id": 7, "left_id": 1, "right_id": 2, "winner_id": 1}]
    >>> next_pair(seen, [1, 2], participant_id=7) is None  # this person has judged every pair
    True
    """
    if len(items) < 2:
        return None
    shown: Counter = Counter()
    judged = set()
    for c in comparisons:
        shown[c["left_id"]] += 1
        shown[c["right_id"]] += 1
        if c["participant_id"] == participant_id:
            judged.add(frozenset((c["left_id"], c["right_id"])))
    rng = random.Random(f"{seed}:{participant_id}:{len(comparisons)}")
    order = sorted(items, key=lambda i: (shown[i], rng.random()))
    for a in order:
        for b in order:
            if a != b and frozenset((a, b)) not in judged:
                return (a, b) if rng.random() < 0.5 else (b, a)
    return None


def pairwise_scores(comparisons: list[dict], items: list[int], n_boot: int = 200,
                    seed: int = 0) -> list[dict]:
    """All Our Ideas' score (wins+1)/(wins+losses+2) and a Bradley–Terry strength with a 90 %
    bootstrap interval, per idea, best first. "Can't decide" (winner None) counts for neither.

    >>> comps = [{"left_id": 1, "right_id": 2, "winner_id": 1}] * 4 + [
    ...     {"left_id": 2, "right_id": 3, "winner_id": 2}] * 3 + [{"left_id": 1, "right_id": 3, "winner_id": None}]
    >>> [(s["id"], s["wins"], s["losses"], s["score"]) for s in pairwise_scores(comps, [1, 2, 3], n_boot=20)]
    [(1, 4, 0, 0.83), (2, 3, 4, 0.44), (3, 0, 3, 0.2)]
    """
    decided = [c for c in comparisons if c["winner_id"] is not None]
    wins: Counter = Counter()
    losses: Counter = Counter()
    for c in decided:
        loser = c["right_id"] if c["winner_id"] == c["left_id"] else c["left_id"]
        wins[c["winner_id"]] += 1
        losses[loser] += 1
    strength = bradley_terry(decided, items)
    rng = random.Random(seed)
    boot: dict[int, list[float]] = {i: [] for i in items}
    if decided and n_boot:
        for _ in range(n_boot):
            sample = [decided[rng.randrange(len(decided))] for _ in decided]
            s = bradley_terry(sample, items)
            for i in items:
                boot[i].append(s[i])
    out = []
    for i in items:
        b = sorted(boot[i])
        lo, hi = (b[int(0.05 * (len(b) - 1))], b[int(0.95 * (len(b) - 1))]) if b else (None, None)
        out.append({"id": i, "wins": wins[i], "losses": losses[i],
                    "score": round((wins[i] + 1) / (wins[i] + losses[i] + 2), 2),
                    "strength": round(strength[i], 3),
                    "low": None if lo is None else round(lo, 3), "high": None if hi is None else round(hi, 3)})
    out.sort(key=lambda o: (-o["score"], -o["strength"], o["id"]))
    return out


def bradley_terry(decided: list[dict], items: list[int], iterations: int = 200) -> dict[int, float]:
    """Bradley–Terry strengths (summing to 1) by Hunter's MM algorithm, with one virtual win and
    loss against an average opponent per idea so unbeaten or winless ideas stay finite.

    >>> s = bradley_terry([{"left_id": 1, "right_id": 2, "winner_id": 1}] * 3, [1, 2])
    >>> s[1] > s[2] and abs(s[1] + s[2] - 1) < 1e-9
    True
    """
    if not items:
        return {}
    idx = {i: k for k, i in enumerate(items)}
    n = len(items)
    w = [1.0] * n  # virtual win
    games: Counter = Counter()
    for c in decided:
        a, b = idx.get(c["left_id"]), idx.get(c["right_id"])
        if a is None or b is None:
            continue
        w[idx[c["winner_id"]]] += 1
        games[(min(a, b), max(a, b))] += 1
    p = [1.0 / n] * n
    for _ in range(iterations):
        avg = 1.0 / n
        new = []
        for i in range(n):
            denom = 2.0 / (p[i] + avg)  # the virtual win and loss against an average opponent
            for (a, b), g in games.items():
                if a == i or b == i:
                    other = b if a == i else a
                    denom += g / (p[i] + p[other])
            new.append(w[i] / denom)
        total = sum(new)
        p = [x / total for x in new]
    return {i: p[idx[i]] for i in items}


# --- ranking --------------------------------------------------------------------------------------

def borda(ballots: list[list[int]], items: list[int]) -> list[dict]:
    """Borda count: on a ballot of m ideas the first gets m-1 points, the last 0; plus the share
    of first places.

    >>> [(r["id"], r["points"], r["first_share"]) for r in borda([[1, 2, 3], [1, 3, 2], [2, 1, 3]], [1, 2, 3])]
    [(1, 5, 0.67), (2, 3, 0.33), (3, 1, 0.0)]
    """
    points: Counter = Counter()
    firsts: Counter = Counter()
    for ballot in ballots:
        m = len(ballot)
        for pos, item in enumerate(ballot):
            points[item] += m - 1 - pos
        if ballot:
            firsts[ballot[0]] += 1
    n = len([b for b in ballots if b])
    out = [{"id": i, "points": points[i], "first": firsts[i],
            "first_share": round(firsts[i] / n, 2) if n else 0.0} for i in items]
    out.sort(key=lambda r: (-r["points"], -r["first"], r["id"]))
    return out


def ballots_from_rows(rows: list[dict]) -> list[list[int]]:
    """Group ranking rows (participant, card, position) into ordered ballots."""
    by: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in rows:
        by[r["participant_id"]].append((r["position"], r["card_id"]))
    return [[cid for _, cid in sorted(v)] for _, v in sorted(by.items())]
