"""The arithmetic of the decision methods: impact × feasibility, pairwise comparison, ranking.

Pure functions; `workbench.session.voting` calls them for each method.

Inputs are plain lists of dicts as the store returns them; outputs are plain lists of dicts,
one per idea, sorted best first.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from functools import lru_cache

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
    """Mean impact and feasibility per idea, with the spread of opinions and the quadrant; best
    first: quick wins, then big bets, fill-ins, not now (`QUADRANTS`), and within a quadrant by
    the sum of the two means, then by more raters. So a quick win always ranks above a big bet
    with a higher sum, and "the top 3 of the matrix" is the quick wins when there are three.

    >>> r = [{"card_id": 1, "impact": 5, "feasibility": 4},
    ...      {"card_id": 1, "impact": 3, "feasibility": 4},
    ...      {"card_id": 2, "impact": 1, "feasibility": 2}]
    >>> [(s["id"], s["impact"], s["feasibility"], s["raters"], s["quadrant"]) for s in matrix_summary(r, [1, 2, 3])]
    [(1, 4.0, 4.0, 2, 'quick_wins'), (2, 1.0, 2.0, 1, 'not_now'), (3, None, None, 0, None)]
    >>> bet = [{"card_id": 1, "impact": 5, "feasibility": 2.5}, {"card_id": 2, "impact": 3, "feasibility": 3}]
    >>> [(s["id"], s["quadrant"]) for s in matrix_summary(bet, [1, 2])]  # 6 < 7.5, yet the quick win first
    [(2, 'quick_wins'), (1, 'big_bets')]
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
    rated.sort(key=lambda o: (QUADRANTS.index(o["quadrant"]), -(o["impact"] + o["feasibility"]),
                              -o["raters"], o["id"]))
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
    shown: Counter = Counter()
    for c in comparisons:
        shown[c["left_id"]] += 1
        shown[c["right_id"]] += 1
    mine = [c for c in comparisons if c["participant_id"] == participant_id]
    return pair_for(shown, mine, items, participant_id, seed)


def pair_for(shown: dict[int, int], mine: list[dict], items: list[int], participant_id: int,
             seed: int = 0) -> tuple[int, int] | None:
    """`next_pair` from what a phone's poll reads cheaply: how often each idea was shown
    (`shown`, over every comparison of the stage) and this participant's own comparisons.
    O(items) for a participant who has not judged every pair, whatever the room's total.

    >>> pair_for({1: 5, 2: 5, 3: 0, 4: 0}, [], [1, 2, 3, 4], participant_id=7) in [(3, 4), (4, 3)]
    True
    """
    if len(items) < 2:
        return None
    judged = {frozenset((c["left_id"], c["right_id"])) for c in mine}
    # The same room and person get the same pair until someone compares again.
    rng = random.Random(f"{seed}:{participant_id}:{sum(shown.values()) // 2}")
    order = sorted(items, key=lambda i: (shown.get(i, 0), rng.random()))
    for a in order:
        for b in order:
            if a != b and frozenset((a, b)) not in judged:
                return (a, b) if rng.random() < 0.5 else (b, a)
    return None


def pairwise_scores(comparisons: list[dict], items: list[int], n_boot: int = 200,
                    seed: int = 0) -> list[dict]:
    """All Our Ideas' score (wins+1)/(wins+losses+2) and a Bradley–Terry strength with a 90 %
    bootstrap interval, per idea, best first. "Can't decide" (winner None) counts for neither.

    The interval: the 5th and 95th percentiles of the strengths fitted on `n_boot` resamples of
    the comparisons (drawn with replacement), all fitted at once. The last few results are
    kept by the comparisons' content, so asking again with no new comparison computes nothing.

    >>> comps = [{"left_id": 1, "right_id": 2, "winner_id": 1}] * 4 + [
    ...     {"left_id": 2, "right_id": 3, "winner_id": 2}] * 3 + [{"left_id": 1, "right_id": 3, "winner_id": None}]
    >>> [(s["id"], s["wins"], s["losses"], s["score"]) for s in pairwise_scores(comps, [1, 2, 3], n_boot=20)]
    [(1, 4, 0, 0.83), (2, 3, 4, 0.44), (3, 0, 3, 0.2)]
    """
    decided = tuple((c["left_id"], c["right_id"], c["winner_id"]) for c in comparisons
                    if c["winner_id"] is not None)
    return [dict(row) for row in _pairwise_scores(decided, tuple(items), n_boot, seed)]


@lru_cache(maxsize=16)
def _pairwise_scores(decided: tuple, items: tuple, n_boot: int, seed: int) -> tuple:
    import numpy as np

    wins: Counter = Counter()
    losses: Counter = Counter()
    for left, right, winner in decided:
        wins[winner] += 1
        losses[right if winner == left else left] += 1
    n = len(items)
    strength: dict[int, float] = {}
    low = high = None
    if n:
        beats, outside = _beats(decided, items)
        p = _fit(beats[None])[0]
        strength = dict(zip(items, p.tolist(), strict=True))
        if decided and n_boot:
            boot = _fit(_resample(beats, outside, n_boot, np.random.default_rng(seed)),
                        np.repeat(p[None], n_boot, axis=0))
            boot.sort(axis=0)
            low, high = boot[int(0.05 * (n_boot - 1))], boot[int(0.95 * (n_boot - 1))]
    out = []
    for k, i in enumerate(items):
        out.append({"id": i, "wins": wins[i], "losses": losses[i],
                    "score": round((wins[i] + 1) / (wins[i] + losses[i] + 2), 2),
                    "strength": round(strength[i], 3),
                    "low": None if low is None else round(float(low[k]), 3),
                    "high": None if high is None else round(float(high[k]), 3)})
    out.sort(key=lambda o: (-o["score"], -o["strength"], o["id"]))
    return tuple(tuple(o.items()) for o in out)


def _beats(decided, items):
    """The wins matrix (`beats[i, j]`: how often idea i beat idea j) over the ideas in `items`,
    and how many decided comparisons involve another card (they still count when resampling)."""
    import numpy as np

    idx = {i: k for k, i in enumerate(items)}
    beats = np.zeros((len(items), len(items)))
    outside = 0
    for left, right, winner in decided:
        a, b = idx.get(left), idx.get(right)
        if a is None or b is None:
            outside += 1
            continue
        w, lo = (a, b) if winner == left else (b, a)
        beats[w, lo] += 1
    return beats, outside


def _resample(beats, outside: int, n_boot: int, rng):
    """`n_boot` bootstrap resamples of the comparisons, as wins matrices: drawing the decided
    comparisons with replacement is drawing their counts per (winner, loser) cell from a
    multinomial, with the comparisons on other cards as one more cell."""
    import numpy as np

    cells = np.flatnonzero(beats)
    counts = np.append(beats.ravel()[cells], outside)
    total = int(counts.sum())
    drawn = rng.multinomial(total, counts / total, size=n_boot)[:, :-1]
    out = np.zeros((n_boot, beats.size))
    out[:, cells] = drawn
    return out.reshape(n_boot, *beats.shape)


def _fit(beats, p0=None):
    """Bradley–Terry strengths for a stack of wins matrices at once (`beats`: samples × n × n,
    `beats[s, i, j]`: how often i beat j), summing to 1 per sample.

    The estimate is the fixed point of Hunter's MM algorithm with one virtual win and loss per
    idea against an average opponent (strength 1/n), renormalised at every step: what the
    workbench has always shown. Newton's method finds that fixed point in a handful of
    vectorised steps (the MM loop needs a hundred or more); `_mm` is the slow reference, and
    the fallback for a sample Newton does not settle."""
    import numpy as np

    samples, n, _ = beats.shape
    a = 1.0 / n
    w = beats.sum(axis=2) + 1.0  # real wins and the virtual win
    games = beats + beats.transpose(0, 2, 1)
    total = games.sum(axis=(1, 2)) / 2 + n  # real games and one virtual win per idea
    theta = np.log(p0) if p0 is not None else np.full((samples, n), np.log(a))
    diag = np.arange(n)
    with np.errstate(all="ignore"):
        for _ in range(30):
            p = np.exp(theta)
            s = p[:, :, None] + p[:, None, :]
            share = games * (p[:, :, None] / s)  # games of i against j, weighted by i's chance
            virtual = 2 * p / (p + a)
            c = (total - n + virtual.sum(axis=1)) / total  # the MM step's renormalisation
            # The fixed point: p_i · D_i(p) = c · w_i for every idea, and the strengths sum to 1
            # (the n equations are dependent, so the last one is replaced by the sum).
            residual = share.sum(axis=2) + virtual - c[:, None] * w
            residual[:, -1] = p.sum(axis=1) - 1
            cross = share * (p[:, None, :] / s)
            dvirtual = 2 * p * a / (p + a) ** 2
            jac = -cross
            jac[:, diag, diag] = cross.sum(axis=2) + dvirtual
            jac -= w[:, :, None] * (dvirtual / total[:, None])[:, None, :]
            jac[:, -1, :] = p
            step = np.linalg.solve(jac, -residual[..., None])[..., 0]
            theta = theta + np.clip(step, -2.0, 2.0)
            if np.abs(step).max() < 1e-10:
                break
        p = np.exp(theta)
        p /= p.sum(axis=1, keepdims=True)
    bad = ~np.isfinite(p).all(axis=1) | (np.abs(_mm_step(beats, p) - p).max(axis=1) > 1e-8)
    if bad.any():
        p[bad] = _mm(beats[bad], np.full((int(bad.sum()), n), a), iterations=5000)
    return p


def _mm_step(beats, p):
    """One step of Hunter's MM algorithm (see `_mm`)."""
    n = beats.shape[-1]
    w = beats.sum(axis=2) + 1.0
    games = beats + beats.transpose(0, 2, 1)
    denom = 2.0 / (p + 1.0 / n) + (games / (p[:, :, None] + p[:, None, :])).sum(axis=2)
    new = w / denom
    return new / new.sum(axis=1, keepdims=True)


def _mm(beats, p, iterations: int = 200, tol: float = 1e-12):
    """Hunter's MM algorithm for Bradley–Terry, for a stack of wins matrices (samples × n × n)
    from strengths `p` (samples × n, summing to 1), with one virtual win and loss per idea
    against an average opponent (strength 1/n) so unbeaten or winless ideas stay finite."""
    import numpy as np

    for _ in range(iterations):
        new = _mm_step(beats, p)
        done = np.abs(new - p).max() < tol
        p = new
        if done:
            break
    return p


def bradley_terry(decided: list[dict], items: list[int]) -> dict[int, float]:
    """Bradley–Terry strengths (summing to 1): the fixed point of Hunter's MM algorithm with one
    virtual win and loss against an average opponent per idea, so unbeaten or winless ideas stay
    finite (see `_fit`).

    >>> s = bradley_terry([{"left_id": 1, "right_id": 2, "winner_id": 1}] * 3, [1, 2])
    >>> s[1] > s[2] and abs(s[1] + s[2] - 1) < 1e-9
    True
    """
    if not items:
        return {}
    beats, _ = _beats([(c["left_id"], c["right_id"], c["winner_id"]) for c in decided], items)
    p = _fit(beats[None])[0]
    return dict(zip(items, p.tolist(), strict=True))


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
