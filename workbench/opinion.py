"""Opinion groups in the style of Pol.is, for rooms of 15-300 people.

Participants vote agree (1), disagree (-1) or pass (0) on short statements. From the
vote matrix we find opinion groups, the statements that characterise each group and
the statements most of the room shares.

What we follow: the published Pol.is math (github compdemocracy/polis, Clojure,
``math/src/polismath/math/``):

* ``conversation.clj``: the last vote per participant and statement counts; moderated-out
  statements are zeroed out of the rating matrix (``zero-out-columns``), so they carry no
  information but still count in the projection scaling below; a participant is "in the
  conversation" (clustered) once they have voted on ``min(7, n_statements)`` statements,
  counted over all statements including moderated ones (``user-vote-counts`` uses the raw
  matrix); the optional top-up to 15 participants (``greedy-n``) is off by default here.
* ``pca.clj``: missing votes are imputed by the statement (column) mean, the matrix is
  centred and its first two principal components are taken (Pol.is uses power iteration,
  which converges to the same vectors; we use an exact eigen-decomposition). Each
  participant is projected over the statements they voted on and the projection is
  scaled by ``sqrt(n_statements / n_votes)`` (``sparsity-aware-project-ptpt``) so sparse
  voters are not pulled to the centre. PCA runs over all participants, as in Pol.is.
* ``clusters.clj``: "base clusters" are a fine k-means (k=100) of the in-conversation
  participants; groups are a k-means of the base-cluster centres weighted by their member
  counts, for k in ``2..min(5, 2 + n_base // 12)`` (``max-k-fn``), and k is the one with the
  best silhouette computed over base-cluster centres (``group-clusterings-silhouettes``).
  Pol.is also smooths k over time (``group-k-buffer``); a one-shot analysis has no
  history, so we smooth over 10 base clusterings with different seeds instead (best mean
  silhouette; the partition that agrees best with the other runs). ``polis_history=True``
  replays Pol.is's live in-conversation set from the vote timestamps (early voters and the
  greedy top-up stay). Pol.is's k-means is incremental across updates, its starts the first
  distinct points; we use seeded k-means++ starts (plain numpy: hundreds of tiny fits per
  analysis). A one-shot k-means from Pol.is's first-points start matches Pol.is on some
  short-lived conversations and misses it on others (its result depends on the order people
  joined, and Pol.is's own start moved on with every update), so it is not used.
* ``repness.clj`` + ``stats.clj``: per group and statement, agree/disagree probabilities
  with Laplace smoothing ``(1 + n) / (2 + n_seen)``, the ratio against the rest of the
  room, one- and two-proportion z tests, the 90 % one-sided threshold z > 1.2816, the
  selection rules of ``select-rep-comments`` (up to 5 statements, the best "agree"
  statement first) and of ``select-consensus-comments``.

What we add for small rooms: stability of the groups under resampling of participants
(mean adjusted Rand index of re-running the whole pipeline on 80 % subsamples against
the full-run groups), and a plain verdict ``clear_groups`` with a human-readable reason
when the room shows no clear groups (weak silhouette or unstable groups).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.errors import InputError, Lines, Text, quoted_list

# Pol.is constants (conversation.clj / stats.clj).
MIN_VOTES = 7  # in-conv threshold: min(7, n_statements)
BASE_K = 100  # base clusters
MAX_K = 5  # largest number of groups
Z_90 = 1.2816  # one-sided 90 % significance (z-sig-90?)
# Our verdict thresholds (see `opinion_groups`).
MIN_SILHOUETTE = 0.30
MIN_STABILITY = 0.75
MIN_GROUPED = 6

class VotesError(InputError):
    """A votes table that cannot be used: a catalogue key and its parameters (`message(lang)`)."""


_CANON = {"participant": "participant", "voter-id": "participant", "pid": "participant",
          "statement": "statement", "comment-id": "statement", "tid": "statement",
          "vote": "vote", "timestamp": "timestamp", "created": "timestamp"}


@dataclass
class OpinionResult:
    """Everything the analysis found; plain Python and pandas values.

    ``groups`` maps every participant to a group number (0 = the largest group) or None
    when they voted too little to be placed. ``coords`` has one row per participant with
    enough votes: participant, x, y, group. ``repness`` maps each group to its
    representative statements (dicts, best first); ``consensus`` lists statements the
    whole room agrees (or disagrees) on, across groups.
    """

    groups: dict
    coords: pd.DataFrame
    repness: dict = field(default_factory=dict)
    consensus: list = field(default_factory=list)
    k: int = 0
    silhouette: float | None = None
    silhouettes: dict = field(default_factory=dict)
    stability: float | None = None
    p_value: float | None = None
    clear_groups: bool = False
    reason: str = ""
    # The same verdict as a code and its figures, for a catalogue message in the reader's
    # language (`reason` is English, for the command line): no_votes, too_few, same_votes,
    # clear, chance, weak, unstable.
    verdict: str = ""
    verdict_args: dict = field(default_factory=dict)
    n_participants: int = 0
    n_grouped: int = 0
    n_statements: int = 0

    def verdict_text(self, lang: str) -> str:
        """The verdict in words in `lang`, figures with a decimal comma in Russian.

        >>> r = OpinionResult({}, None, verdict="clear", verdict_args={"k": 2, "stability": "1.00"})
        >>> r.verdict_text("ru")
        'Группы мнений устойчивы (групп: 2, устойчивость 1,00)'
        """
        from workbench.i18n import t

        comma = lang == "ru"
        args = {k: v.replace(".", ",") if comma and isinstance(v, str) else v
                for k, v in self.verdict_args.items()}
        return t(f"opinion_verdict_{self.verdict}", lang, **args)


# ---------------------------------------------------------------------------------------
# Votes: normalizing, last vote, matrix


def normalize_votes(votes: pd.DataFrame) -> pd.DataFrame:
    """Return votes with columns participant, statement, vote (and timestamp if given).

    Accepts Pol.is export names (voter-id, comment-id) as well as our own names.
    Raises `VotesError` (a ValueError) on missing columns or vote values other than -1, 0, 1.

    >>> v = pd.DataFrame({"voter-id": [1], "comment-id": [5], "vote": [-1]})
    >>> list(normalize_votes(v).columns)
    ['participant', 'statement', 'vote']
    """
    df = votes.rename(columns={c: _CANON[c] for c in votes.columns if c in _CANON})
    df = df.loc[:, ~df.columns.duplicated()]
    missing = [c for c in ("participant", "statement", "vote") if c not in df.columns]
    if missing:
        pol_is = {"participant": "voter-id", "statement": "comment-id", "vote": "vote"}  # as the file names them
        raise VotesError("votes_missing_columns", n=len(missing), columns=quoted_list(pol_is[c] for c in missing))
    cols = ["participant", "statement", "vote"] + (["timestamp"] if "timestamp" in df else [])
    df = df[cols].copy()
    vote = pd.to_numeric(df["vote"], errors="coerce")
    bad = ~vote.isin([-1, 0, 1])
    if bad.any():
        examples = Lines([Text("quoted", value=x) for x in df.loc[bad, "vote"].astype(str).unique()[:3]], ", ")
        raise VotesError("votes_bad_values", examples=examples, n=int(bad.sum()))
    df["vote"] = vote.astype(int)
    if df[["participant", "statement"]].isna().any().any():
        raise VotesError("votes_empty_ids")
    return df


def last_votes(votes: pd.DataFrame) -> pd.DataFrame:
    """Keep the last vote per participant and statement (by timestamp, else file order).

    >>> v = pd.DataFrame({"participant": [1, 1], "statement": [0, 0],
    ...                   "vote": [1, -1], "timestamp": [20, 10]})
    >>> last_votes(v)["vote"].tolist()
    [1]
    """
    df = normalize_votes(votes)
    if "timestamp" in df:
        ts = pd.to_numeric(df["timestamp"], errors="coerce")
        if ts.isna().any():
            ts = pd.to_datetime(df["timestamp"], errors="coerce")
        if ts.isna().any():
            raise VotesError("votes_bad_timestamps")
        df = df.assign(_ts=ts).sort_values("_ts", kind="stable").drop(columns="_ts")
    df = df.drop_duplicates(["participant", "statement"], keep="last")
    return df.reset_index(drop=True)


def _sort_ids(ids) -> list:
    ids = list(ids)
    try:
        return sorted(ids, key=lambda x: (float(x), str(x)))
    except (TypeError, ValueError):
        return sorted(ids, key=str)


def vote_matrix(votes: pd.DataFrame) -> pd.DataFrame:
    """Participants x statements matrix of last votes, NaN where nobody voted.

    >>> v = pd.DataFrame({"participant": [1, 1, 2], "statement": [0, 1, 0], "vote": [1, -1, 0]})
    >>> vote_matrix(v).values.tolist()
    [[1.0, -1.0], [0.0, nan]]
    """
    df = last_votes(votes)
    rows = _sort_ids(df["participant"].unique())
    cols = _sort_ids(df["statement"].unique())
    mat = np.full((len(rows), len(cols)), np.nan)
    ri = pd.Index(rows).get_indexer(df["participant"])
    ci = pd.Index(cols).get_indexer(df["statement"])
    mat[ri, ci] = df["vote"].to_numpy(float)
    return pd.DataFrame(mat, index=pd.Index(rows, name="participant"),
                        columns=pd.Index(cols, name="statement"))


# ---------------------------------------------------------------------------------------
# PCA projection and clustering (pca.clj, clusters.clj)


BIG_MATRIX = 1_000_000  # cells; above, the components come from a block power iteration


def _top_components(centred: np.ndarray, iters: int = 12, extra: int = 10) -> np.ndarray:
    """The top-2 principal axes (2, m) of a large centred matrix by block power iteration
    (Pol.is itself uses power iteration), with `extra` spare vectors so the top two converge in
    a few passes: some 4x faster than forming the m x m Gram matrix at 2,000 x 900."""
    rng = np.random.default_rng(0)  # a fixed start: the same votes give the same map
    q = np.linalg.qr(centred @ rng.standard_normal((centred.shape[1], 2 + extra)))[0]
    for _ in range(iters):
        q = np.linalg.qr(centred.T @ q)[0]
        q = np.linalg.qr(centred @ q)[0]
    _, _, vt = np.linalg.svd(q.T @ centred, full_matrices=False)
    return vt[:2]


def _pca_project(raw: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Pol.is sparsity-aware 2-D projection of every row of `raw` (NaN = no vote).

    `keep` marks statements that are not moderated out; moderated columns are zeroed
    as in Pol.is (no information, but they count as votes in the scaling).
    """
    mat = raw.copy()
    mat[:, ~keep] = 0.0
    voted = ~np.isnan(mat)
    n_votes = voted.sum(axis=1)
    counts = voted.sum(axis=0)
    filled = np.where(voted, mat, 0.0)
    col_mean = filled.sum(axis=0) / np.maximum(counts, 1)
    centred = np.where(voted, filled - col_mean, 0.0)  # imputed by column mean -> 0 after centring
    n, m = centred.shape
    comps = np.zeros((2, m))
    if n * m > BIG_MATRIX and min(n, m) > 20:
        comps = _top_components(centred)
    elif n >= 2 and m >= 1:
        # Top-2 eigenvectors of the (small side) Gram matrix; Pol.is's power iteration
        # converges to the same components.
        gram = centred.T @ centred if m <= n else centred @ centred.T
        size = gram.shape[0]
        if size > 200:
            from scipy.sparse.linalg import eigsh

            w, vecs = eigsh(gram, k=2, which="LA", v0=np.ones(size))
        else:
            w, vecs = np.linalg.eigh(gram)
        top = vecs[:, np.argsort(w)[::-1][:2]]
        if m > n:  # right singular vectors from left ones
            top = centred.T @ top
            top /= np.maximum(np.linalg.norm(top, axis=0), 1e-12)
        comps[: top.shape[1]] = top.T
    proj = centred @ comps.T
    scale = np.sqrt(m / np.maximum(n_votes, 1))
    return proj * scale[:, None]


def _lloyd(points: np.ndarray, centres: np.ndarray, weights: np.ndarray, iters: int = 100):
    """Weighted Lloyd iterations from `centres` (n_init, k, d), all starts at once.

    Returns (labels (n_init, n), inertia (n_init,)). The group step clusters at most 100
    base-cluster centres into at most 5 groups, hundreds of times per analysis (stability
    and null-model re-runs): plain numpy is some ten times faster there than scikit-learn's
    per-call overhead, which is what keeps the live opinion map under a second.
    """
    n_init, k, _ = centres.shape
    w = weights[None, :, None]
    sq = (points ** 2).sum(1)[None, :, None]

    def dist2(c):  # (n_init, n, k) squared distances, by |x|^2 - 2 x.c + |c|^2 (one matmul)
        return np.maximum(sq - 2 * (points @ c.transpose(0, 2, 1)) + (c ** 2).sum(-1)[:, None, :], 0.0)
    labels = None
    for _ in range(iters):
        d2 = dist2(centres)
        new = d2.argmin(-1)
        if labels is not None and np.array_equal(new, labels):
            break
        labels = new
        onehot = (labels[..., None] == np.arange(k)) * w  # (n_init, n, k)
        mass = onehot.sum(1)  # (n_init, k)
        sums = onehot.transpose(0, 2, 1) @ points
        centres = np.where(mass[..., None] > 0, sums / np.maximum(mass[..., None], 1e-12), centres)
    d2 = dist2(centres)
    labels = d2.argmin(-1)
    inertia = (np.take_along_axis(d2, labels[..., None], -1)[..., 0] * weights).sum(-1)
    return labels, inertia


def _kmeans_small(points: np.ndarray, k: int, seed: int, weights, n_init: int = 10) -> np.ndarray:
    """Weighted k-means with k-means++ starts (`n_init` of them); the labels of the best."""
    rng = np.random.default_rng(seed)
    n = len(points)
    w = np.ones(n) if weights is None else np.asarray(weights, float)
    starts = np.empty((n_init, k, points.shape[1]))
    for i in range(n_init):
        chosen = [rng.choice(n, p=w / w.sum())]
        d2 = ((points - points[chosen[0]]) ** 2).sum(1)
        for _ in range(1, k):
            p = d2 * w
            nxt = rng.choice(n, p=p / p.sum()) if p.sum() > 0 else rng.integers(n)
            chosen.append(nxt)
            d2 = np.minimum(d2, ((points - points[nxt]) ** 2).sum(1))
        starts[i] = points[chosen]
    labels, inertia = _lloyd(points, starts, w)
    return labels[int(np.argmin(inertia))]


def _silhouette(points: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette (as scikit-learn's: 0 for a point alone in its cluster), for the
    small sets of base-cluster centres."""
    d = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(-1))
    uniq, lab = np.unique(labels, return_inverse=True)
    onehot = lab[:, None] == np.arange(len(uniq))
    sizes = onehot.sum(0)
    sums = d @ onehot  # (n, k): total distance to each cluster
    own = sizes[lab]
    a = np.where(own > 1, sums[np.arange(len(lab)), lab] / np.maximum(own - 1, 1), 0.0)
    other = np.where(onehot, np.inf, sums / np.maximum(sizes, 1))
    b = other.min(1)
    s = np.where(own > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-12), 0.0)
    return float(s.mean())


def _ari(a, b) -> float:
    """Adjusted Rand index of two labelings (numpy; the same value as scikit-learn's)."""
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    table = np.zeros((ai.max() + 1, bi.max() + 1))
    np.add.at(table, (ai, bi), 1)
    def pairs(x):
        return (x * (x - 1) / 2).sum()
    n = len(ai)
    index, rows, cols = pairs(table), pairs(table.sum(1)), pairs(table.sum(0))
    expected = rows * cols / max(n * (n - 1) / 2, 1)
    top = (rows + cols) / 2
    return 1.0 if top == expected else float((index - expected) / (top - expected))


def _base_clusters(points: np.ndarray, k: int, seed: int):
    """Pol.is's fine "base clusters" (k-means, one k-means++ start). Returns (labels, centres)."""
    labels = _kmeans_small(points, k, seed, None, n_init=1)
    mass = np.bincount(labels, minlength=k)
    centres = np.stack([np.bincount(labels, weights=points[:, j], minlength=k)
                        for j in range(points.shape[1])], 1) / np.maximum(mass, 1)[:, None]
    return labels, centres


def _cluster_once(points: np.ndarray, seed: int, base_k: int, max_k: int, ks=None):
    """Base clusters, then groups of base-cluster centres, for each k.

    Returns ({k: participant labels}, {k: silhouette}); empty when fewer than 3 distinct
    base clusters exist.
    """

    n_distinct = len(np.unique(np.round(points, 9), axis=0))
    kb = min(base_k, n_distinct)
    if kb < 3:
        return {}, {}
    base_lab, centres = _base_clusters(points, kb, seed)
    weights = np.bincount(base_lab, minlength=kb).astype(float)
    used = weights > 0
    centres, weights = centres[used], weights[used]
    base_lab = (np.cumsum(used) - 1)[base_lab]
    kb = len(centres)
    if kb < 3:
        return {}, {}
    top_k = min(max_k, 2 + kb // 12, kb - 1)  # max-k-fn; silhouette also needs k < n
    labels, sils = {}, {}
    for k in ks or range(2, top_k + 1):
        k = min(k, kb - 1)
        lab = _kmeans_small(centres, k, seed, weights, n_init=10)
        if len(np.unique(lab)) < 2:
            continue
        # Pol.is: plain mean silhouette over base-cluster centres (not weighted).
        sils[k] = _silhouette(centres, lab)
        labels[k] = lab[base_lab]
    return labels, sils


RUNS = 10  # base clusterings whose silhouettes and partitions are pooled (see `_cluster`)


def _cluster(points: np.ndarray, seed: int, base_k: int = BASE_K, max_k: int = MAX_K,
             runs: int = RUNS):
    """Groups of participants: (labels or None, k, mean silhouette per k).

    Pol.is smooths the choice of k over successive updates (a new k must win
    ``group-k-buffer`` = 4 times in a row). A one-shot analysis has no history, so we
    smooth over `runs` base clusterings with different seeds instead: k is the best mean
    silhouette, and the returned partition is the run at that k that agrees best
    (adjusted Rand index) with the other runs: the consensus of the runs, so that the
    groups barely depend on the seed.
    """
    all_labels, all_sils = [], []
    for r in range(runs):
        lab, sil = _cluster_once(points, seed + 7919 * r, base_k, max_k)
        if lab:
            all_labels.append(lab)
            all_sils.append(sil)
    if not all_labels:
        return None, 0, {}
    ks = sorted({k for s in all_sils for k in s})
    mean_sil = {k: float(np.mean([s[k] for s in all_sils if k in s])) for k in ks}
    k = max(ks, key=lambda x: (mean_sil[x], -x))
    cands = [lab[k] for lab in all_labels if k in lab]
    scores = [sum(_ari(a, b) for b in cands) for a in cands]
    return cands[int(np.argmax(scores))], k, mean_sil


def _relabel_by_size(labels: np.ndarray) -> np.ndarray:
    uniq, counts = np.unique(labels, return_counts=True)
    order = uniq[np.lexsort((uniq, -counts))]
    mapping = {old: new for new, old in enumerate(order)}
    return np.array([mapping[x] for x in labels], dtype=int)


# ---------------------------------------------------------------------------------------
# Representative and consensus statements (repness.clj, stats.clj)


def _prop_test(succ, n):
    succ, n = np.asarray(succ, float) + 1, np.asarray(n, float) + 1
    return 2 * np.sqrt(n) * (succ / n - 0.5)


def _two_prop_test(succ_in, succ_out, pop_in, pop_out):
    s1, s2 = np.asarray(succ_in, float) + 1, np.asarray(succ_out, float) + 1
    p1, p2 = np.asarray(pop_in, float) + 1, np.asarray(pop_out, float) + 1
    pi_hat = (s1 + s2) / (p1 + p2)
    denom = np.sqrt(pi_hat * (1 - pi_hat) * (1 / p1 + 1 / p2))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (s1 / p1 - s2 / p2) / denom
    return np.where(pi_hat >= 1, 0.0, np.nan_to_num(z))


def _counts(mat: np.ndarray):
    return ((mat == 1).sum(axis=0), (mat == -1).sum(axis=0), (~np.isnan(mat)).sum(axis=0))


def _finalize(s: dict, j: int, statement, best_agree: bool = False) -> dict:
    """finalize-cmt-stats: report the agree or the disagree side, whichever is more telling."""
    side = "a" if s["rat"][j] > s["rdt"][j] else "d"
    return {"statement": statement, "repful_for": "agree" if side == "a" else "disagree",
            "n_success": int(s["n" + side][j]), "n_trials": int(s["ns"][j]),
            "p_success": float(s["p" + side][j]), "p_test": float(s[f"p{side}t"][j]),
            "repness": float(s["r" + side][j]), "repness_test": float(s[f"r{side}t"][j]),
            "best_agree": best_agree}


def representative_statements(matrix: pd.DataFrame, groups: dict, top: int = 5) -> dict:
    """Pol.is repness: for each group, up to `top` statements that set it apart.

    `matrix` is a participants x statements vote matrix (NaN = no vote), `groups` maps
    participants to group numbers (None = not grouped). Each entry is a dict with
    statement, repful_for ('agree'/'disagree'), n_success, n_trials, p_success, p_test,
    repness, repness_test.

    >>> m = pd.DataFrame([[1, -1], [1, -1], [-1, 1], [-1, 1]], index=list("abcd"))
    >>> rep = representative_statements(m, {"a": 0, "b": 0, "c": 1, "d": 1})
    >>> [(r["statement"], r["repful_for"]) for r in rep[0]][:1]
    [(0, 'agree')]
    """
    gids = sorted({g for g in groups.values() if g is not None})
    if not gids:
        return {}
    cols = list(matrix.columns)
    mat = matrix.to_numpy(float)
    row_group = np.array([groups.get(p) for p in matrix.index], dtype=object)
    stats = {}
    for g in gids:
        na, nd, ns = _counts(mat[row_group == g])
        stats[g] = dict(na=na, nd=nd, ns=ns, pa=(1 + na) / (2 + ns), pd=(1 + nd) / (2 + ns),
                        pat=_prop_test(na, ns), pdt=_prop_test(nd, ns))
    out = {}
    for g in gids:
        s = stats[g]
        others = [stats[h] for h in gids if h != g]
        ona = sum(o["na"] for o in others)
        ond = sum(o["nd"] for o in others)
        ons = sum(o["ns"] for o in others)
        ra = s["pa"] / ((1 + ona) / (2 + ons))
        rd = s["pd"] / ((1 + ond) / (2 + ons))
        rat = _two_prop_test(s["na"], ona, s["ns"], ons)
        rdt = _two_prop_test(s["nd"], ond, s["ns"], ons)

        s.update(ra=ra, rd=rd, rat=rat, rdt=rdt)

        def final(j, best_agree=False, s=s):
            return _finalize(s, j, cols[j], best_agree)

        sufficient, best, best_agree = [], None, None
        for j in range(len(cols)):
            if (rat[j] > Z_90 and s["pat"][j] > Z_90) or (rdt[j] > Z_90 and s["pdt"][j] > Z_90):
                sufficient.append(j)
            if not sufficient and (best is None or max(rat[j], rdt[j]) > max(rat[best], rdt[best])):
                best = j
            # beats-best-agr?
            if s["na"][j] == 0 and s["nd"][j] == 0:
                continue
            if best_agree is not None and ra[best_agree] > 1.0:
                b = best_agree
                ok = ra[j] * rat[j] * s["pa"][j] * s["pat"][j] > ra[b] * rat[b] * s["pa"][b] * s["pat"][b]
            elif best_agree is not None:
                b = best_agree
                ok = s["pa"][j] * s["pat"][j] > s["pa"][b] * s["pat"][b]
            else:
                ok = s["pat"][j] > Z_90 or (ra[j] > 1.0 and s["pa"][j] > 0.5)
            if ok:
                best_agree = j
        head = [final(best_agree, True)] if best_agree is not None else (
            [final(best)] if best is not None else [])
        if not sufficient:
            out[g] = head
            continue
        chosen = [final(j) for j in sufficient if j != best_agree]
        chosen.sort(key=lambda r: -(r["repness"] * r["repness_test"] * r["p_success"] * r["p_test"]))
        chosen = (head if best_agree is not None else []) + chosen
        chosen = chosen[:top]
        out[g] = ([r for r in chosen if r["repful_for"] == "agree"]
                  + [r for r in chosen if r["repful_for"] == "disagree"])
    return out


def consensus_statements(matrix: pd.DataFrame, groups: dict | None = None, top: int = 5) -> list:
    """Statements the room agrees (or disagrees) on, in every group.

    A statement counts when, in each group (or the whole room when there are no groups),
    the smoothed probability of the majority answer is above 0.5 and its one-proportion
    z test passes the 90 % level (Pol.is ``select-consensus-comments`` applied per group).
    Sorted by Pol.is's group-aware consensus (product over groups of the probability).

    >>> m = pd.DataFrame([[1, 1], [1, -1], [1, 1], [1, -1]], index=list("abcd"))
    >>> [(c["statement"], c["direction"]) for c in consensus_statements(m)]
    [(0, 'agree')]
    """
    groups = groups or {}
    mat = matrix.to_numpy(float)
    labels = np.array([groups.get(p) for p in matrix.index], dtype=object)
    gids = sorted({g for g in labels if g is not None}) or [None]
    rows = [np.ones(len(labels), bool)] if gids == [None] else [labels == g for g in gids]
    out = []
    for direction, value in (("agree", 1), ("disagree", -1)):
        prob = np.ones(mat.shape[1])
        ok = np.ones(mat.shape[1], bool)
        for r in rows:
            sub = mat[r]
            n_succ = (sub == value).sum(axis=0)
            n_seen = (~np.isnan(sub)).sum(axis=0)
            p = (1 + n_succ) / (2 + n_seen)
            ok &= (p > 0.5) & (_prop_test(n_succ, n_seen) > Z_90)
            prob *= p
        n_succ = (mat == value).sum(axis=0)
        n_seen = (~np.isnan(mat)).sum(axis=0)
        for j in np.flatnonzero(ok):
            out.append({"statement": matrix.columns[j], "direction": direction,
                        "consensus": float(prob[j]), "n_success": int(n_succ[j]),
                        "n_trials": int(n_seen[j])})
    out.sort(key=lambda c: -c["consensus"])
    return out[:top]


# ---------------------------------------------------------------------------------------
# The analysis


def _in_conv(raw: np.ndarray, min_votes: int, greedy_n: int) -> np.ndarray:
    counts = (~np.isnan(raw)).sum(axis=1)
    inside = counts >= min(min_votes, raw.shape[1])
    if greedy_n and inside.sum() < greedy_n:  # Pol.is tops up to 15 with the most active
        order = np.argsort(-counts, kind="stable")
        extra = [i for i in order if not inside[i] and counts[i] > 0]
        inside[extra[: greedy_n - int(inside.sum())]] = True
    return inside


def _in_conv_history(votes: pd.DataFrame, participants, min_votes: int,
                     greedy_n: int) -> np.ndarray:
    """Pol.is's live in-conv set, replayed vote by vote in timestamp order.

    Pol.is recomputes after new votes and never removes anyone from the set: a
    participant joins once their count of distinct statements voted on reaches
    ``min(7, statements voted on so far by anyone)``, and while fewer than `greedy_n`
    participants qualify, the most active ones are added (``greedy-n`` = 15).
    """
    df = normalize_votes(votes)
    if "timestamp" in df:
        df = df.assign(_ts=pd.to_numeric(df["timestamp"], errors="coerce"))
        df = df.sort_values("_ts", kind="stable")
    pid = pd.Index(participants).get_indexer(df["participant"])
    tid = pd.factorize(df["statement"])[0]
    first_pair = ~pd.DataFrame({"p": pid, "t": tid}).duplicated().to_numpy()
    new_stmt = ~pd.Series(tid).duplicated().to_numpy()
    n_stmt_so_far = np.cumsum(new_stmt)
    cum = pd.Series(first_pair.astype(int)).groupby(pid).cumsum().to_numpy()
    ok = cum >= np.minimum(min_votes, n_stmt_so_far)
    inside = np.zeros(len(participants), bool)
    # Greedy phase: only while fewer than greedy_n are in; replay event by event.
    counts = np.zeros(len(participants), int)
    start = 0
    if greedy_n:
        for start in range(len(pid)):
            counts[pid[start]] += first_pair[start]
            if ok[start]:
                inside[pid[start]] = True
            if inside.sum() < greedy_n:
                order = np.argsort(-counts, kind="stable")
                extra = [i for i in order if not inside[i] and counts[i] > 0]
                inside[extra[: greedy_n - int(inside.sum())]] = True
            if inside.sum() >= greedy_n:
                break
        start += 1
    inside[np.unique(pid[start:][ok[start:]])] = True
    return inside


def _stability(raw, keep, inside, labels, k, seed, n_boot, frac=0.8) -> float | None:
    """Mean ARI between the full-run groups and re-runs on random 80 % subsamples."""

    idx = np.flatnonzero(inside)
    rng = np.random.default_rng(seed)
    scores = []
    for b in range(n_boot):
        pick = np.sort(rng.choice(idx, size=max(3, int(round(frac * len(idx)))), replace=False))
        pts = _pca_project(raw[pick], keep)
        lab, _ = _cluster_once(pts, seed + b + 1, BASE_K, MAX_K, ks=[k])
        if not lab:
            scores.append(0.0)
            continue
        scores.append(_ari(labels[np.searchsorted(idx, pick)],
                                          next(iter(lab.values()))))
    return float(np.mean(scores)) if scores else None


def opinion_groups(votes: pd.DataFrame, *, moderated_out=(), seed: int = 0,
                   min_votes: int = MIN_VOTES, polis_history: bool = False,
                   greedy_n: int | None = None, n_boot: int | None = None,
                   min_silhouette: float = MIN_SILHOUETTE,
                   min_stability: float = MIN_STABILITY) -> OpinionResult:
    """Find opinion groups, representative and consensus statements (Pol.is method).

    `votes` has columns participant (or voter-id), statement (or comment-id), vote
    (1 agree, -1 disagree, 0 pass) and optionally timestamp; re-votes keep the last.
    `moderated_out` lists statements to ignore. Participants with fewer than
    ``min(min_votes, n_statements)`` votes get group None. With ``polis_history=True``
    the in-conversation set is replayed in timestamp order as Pol.is's live math builds it
    (early voters stay in; the 15 most active are added while fewer qualify), which is
    what reproduces Pol.is's own groups on its exports. `n_boot` subsample re-runs
    measure stability (default: 20 up to 500 grouped participants, fewer above).
    ``clear_groups`` is True only when the best silhouette reaches `min_silhouette`
    and the stability reaches `min_stability`; ``reason`` says why in plain words.

    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> rows = [(p, s, (1 if (p < 20) == (s < 10) else -1) * (1 if rng.random() > .1 else -1))
    ...         for p in range(40) for s in range(20)]
    >>> res = opinion_groups(pd.DataFrame(rows, columns=["participant", "statement", "vote"]))
    >>> res.k, res.clear_groups, res.groups[0] != res.groups[39]
    (2, True, True)
    """
    # Import first so that the OpenMP/BLAS libraries are loaded when the limit is set.
    import sklearn.cluster  # noqa: F401
    import sklearn.metrics  # noqa: F401

    try:  # small matrices: threads only add overhead (and thrash on busy machines)
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        import contextlib

        threadpool_limits = contextlib.nullcontext  # noqa: N806
    with threadpool_limits(1):
        return _opinion_groups(votes, moderated_out=moderated_out, seed=seed,
                               min_votes=min_votes, polis_history=polis_history,
                               greedy_n=greedy_n, n_boot=n_boot,
                               min_silhouette=min_silhouette, min_stability=min_stability)


def _opinion_groups(votes, *, moderated_out, seed, min_votes, polis_history, greedy_n, n_boot,
                    min_silhouette, min_stability) -> OpinionResult:
    raw_df = vote_matrix(votes)
    mod = set(moderated_out)
    keep = np.array([c not in mod for c in raw_df.columns], bool)
    raw = raw_df.to_numpy(float)
    participants = list(raw_df.index)
    n_stmt = int(keep.sum())
    if greedy_n is None:
        greedy_n = 15 if polis_history else 0
    if not n_stmt:
        inside = np.zeros(len(raw), bool)
    elif polis_history:
        inside = _in_conv_history(votes, participants, min_votes, greedy_n)
    else:
        inside = _in_conv(raw, min_votes, greedy_n)
    matrix = raw_df.loc[:, keep]
    result = OpinionResult(groups={p: None for p in participants},
                           coords=pd.DataFrame(columns=["participant", "x", "y", "group"]),
                           n_participants=len(participants), n_grouped=int(inside.sum()),
                           n_statements=n_stmt)
    min_need = min(min_votes, raw.shape[1])
    if not n_stmt:
        result.reason = "No votes on any (non-moderated) statement yet."
        result.verdict = "no_votes"
        return result
    if inside.sum() < MIN_GROUPED:
        result.verdict = "too_few"
        result.verdict_args = {"n": int(inside.sum()), "need": min_need, "min": MIN_GROUPED}
        result.reason = (f"Only {int(inside.sum())} participant(s) voted on at least {min_need} "
                         f"statements; at least {MIN_GROUPED} are needed to look for groups.")
        result.consensus = consensus_statements(matrix)
        return result
    proj = _pca_project(raw, keep)
    pts = proj[inside]
    labels, k, sils = _cluster(pts, seed)
    coords = pd.DataFrame({"participant": [p for p, i in zip(participants, inside, strict=True) if i],
                           "x": pts[:, 0], "y": pts[:, 1]})
    result.silhouettes = sils
    if labels is None:
        coords["group"] = None
        result.coords = coords
        result.reason = "Everyone who voted enough voted almost the same way: no groups."
        result.verdict = "same_votes"
        result.consensus = consensus_statements(matrix)
        return result
    labels = _relabel_by_size(labels)
    result.k, result.silhouette = k, sils[k]
    if n_boot is None:
        n_boot = 20 if len(pts) <= 500 else 8
    result.stability = _stability(raw[inside], keep, np.ones(len(pts), bool), labels, k,
                                  seed, n_boot) if n_boot > 0 else None
    sil_ok = result.silhouette >= min_silhouette
    stab_ok = result.stability is None or result.stability >= min_stability
    # Small rooms: random votes on few statements form "groups" too. Compare the split with the
    # same room's votes shuffled within each statement (same answers, no camps).
    if len(pts) <= NULL_MODEL_MAX:
        result.p_value = _null_p_value(raw[inside], keep, result.silhouette, seed, NULL_PERMUTATIONS)
    null_ok = result.p_value is None or result.p_value <= MAX_P_VALUE
    result.clear_groups = bool(sil_ok and stab_ok and null_ok)
    stab_txt = "" if result.stability is None else f", stability {result.stability:.2f}"
    result.verdict = ("clear" if result.clear_groups else "chance" if not null_ok
                      else "weak" if not sil_ok else "unstable")
    result.verdict_args = {"k": k, "silhouette": f"{result.silhouette:.2f}",
                           "min_silhouette": f"{min_silhouette:.2f}",
                           "stability": "—" if result.stability is None else f"{result.stability:.2f}",
                           "min_stability": f"{min_stability:.2f}",
                           "p": "—" if result.p_value is None else f"{result.p_value:.2f}"}
    if result.clear_groups:
        result.reason = (f"{k} clear opinion groups (silhouette {result.silhouette:.2f}"
                         f"{stab_txt}).")
    elif not null_ok:
        result.reason = (f"No clear groups: shuffled votes split into groups just as well "
                         f"(p = {result.p_value:.2f}{stab_txt}); with this many people and statements "
                         "the groups may be chance.")
    elif not sil_ok:
        result.reason = (f"No clear groups: the best split into {k} groups is weak (silhouette "
                         f"{result.silhouette:.2f} < {min_silhouette:.2f}{stab_txt}); opinions "
                         "look spread out rather than split into camps.")
    else:
        result.reason = (f"No clear groups: the {k} groups change when a few people are left "
                         f"out (stability {result.stability:.2f} < {min_stability:.2f}); "
                         "treat them as tentative.")
    grouped = dict(zip(coords["participant"], labels.tolist(), strict=True))
    result.groups.update(grouped)
    coords["group"] = labels
    result.coords = coords
    result.repness = representative_statements(matrix, grouped)
    result.consensus = consensus_statements(matrix, grouped)
    return result


NULL_MODEL_MAX = 300  # rooms up to this many grouped people get the permutation check
NULL_PERMUTATIONS = 19
MAX_P_VALUE = 0.05


def _null_p_value(raw_in: np.ndarray, keep: np.ndarray, observed: float, seed: int, n_perm: int) -> float:
    """Share of vote-shuffled rooms whose best split is at least as clear as the real one."""
    rng = np.random.default_rng(seed + 7919)
    beats = 0
    for i in range(n_perm):
        shuffled = raw_in.copy()
        for j in range(shuffled.shape[1]):
            shuffled[:, j] = rng.permutation(shuffled[:, j])
        labels, k, sils = _cluster(_pca_project(shuffled, keep), seed + i, runs=1)
        beats += bool(labels is not None and sils.get(k, 0.0) >= observed)
    return (1 + beats) / (1 + n_perm)


def next_statement(votes: pd.DataFrame, statement_ids, participant, *, seed: int = 0):
    """Pick the next statement for `participant`, favouring statements with few votes.

    Among statements the participant has not voted on, one is drawn with weight
    following Pol.is's ``priority-metric`` without the PCA extremity term:
    ``(importance * (1 + 8 * 2 ** (-n_seen / 5))) ** 2`` with
    ``importance = (1 - p_pass) * p_agree`` (Laplace-smoothed). Returns None when
    nothing is left.

    >>> v = pd.DataFrame({"participant": [1, 2, 2], "statement": [10, 10, 11], "vote": [1, 1, 0]})
    >>> next_statement(v, [10, 11, 12], 1, seed=0) in (11, 12)
    True
    >>> next_statement(v, [10], 1) is None
    True
    """
    df = normalize_votes(votes) if len(votes) else pd.DataFrame(
        columns=["participant", "statement", "vote"])
    df = last_votes(df) if len(df) else df
    seen = set(df.loc[df["participant"] == participant, "statement"])
    todo = [s for s in statement_ids if s not in seen]
    if not todo:
        return None
    g = df.groupby("statement")["vote"]
    n_seen = g.size()
    n_agree = g.apply(lambda x: int((x == 1).sum()))
    n_pass = g.apply(lambda x: int((x == 0).sum()))
    weights = []
    for s in todo:
        ns = int(n_seen.get(s, 0))
        pa = (1 + int(n_agree.get(s, 0))) / (ns + 2)
        pp = (1 + int(n_pass.get(s, 0))) / (ns + 2)
        weights.append(((1 - pp) * pa * (1 + 8 * 2 ** (-ns / 5))) ** 2)
    w = np.asarray(weights, float)
    rng = np.random.default_rng(seed)
    return todo[int(rng.choice(len(todo), p=w / w.sum()))]
