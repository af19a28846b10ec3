"""Grouping in a small room: k chosen automatically on 12, 20 and 30 texts from 3-5 topics.

Usage: python bench/small_rooms.py [train|dev] [DATA_DIR]   (default: train, ../shared/data)

30 random subsets per language and size (seed 2031) of SIB-200's `train` (or `dev`) split: 3, 4
or 5 of the 7 topics drawn, then the texts from those topics; each subset gets its own grouping
views (``embeddings.grouping_views``, as "Предложить группы" gets them) and each variant chooses
k itself. Prints NMI against the topics (mean over the subsets), the mean number of groups, and
how many subsets each variant wins and loses against the product's method (spectral clustering
on the views' nearest-neighbour graphs, k by silhouette). Needs the `meaning` extra.
SIB-200: Adelani et al. 2023, CC BY-SA 4.0.
"""
import pickle
import random
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
import pandas as pd  # noqa: E402
from sklearn.metrics import normalized_mutual_info_score as NMI  # noqa: E402
from sklearn.metrics import silhouette_score  # noqa: E402

from workbench import clustering, embeddings  # noqa: E402
from workbench.util import unit_rows  # noqa: E402

split = sys.argv[1] if len(sys.argv) > 1 else "train"
DATA = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO.parent / "shared" / "data"
CACHE = Path(tempfile.gettempdir()) / f"workbench-small-rooms-{split}.pkl"  # the texts' vectors, once

def load(lang):
    df = pd.read_csv(DATA / "sib200" / lang / f"{split}.tsv", sep="\t", dtype=str, keep_default_na=False)
    return df["text"].tolist(), df["category"].tolist()


def vectors():
    """{lang: (texts, topics, {model: the texts' vectors})}, kept in CACHE between runs."""
    if CACHE.exists():
        return pickle.loads(CACHE.read_bytes())
    data = {}
    for lang in ("ru", "en"):
        texts, cats = load(lang)
        data[lang] = (texts, cats, {m: embeddings.encoder(m)(texts) for m in embeddings.models()})
    CACHE.write_bytes(pickle.dumps(data))
    return data


def views_of(data, lang, idx):
    texts, _, full = data[lang]
    return [unit_rows(v) for v in embeddings.grouping_views([texts[i] for i in idx], lambda m: full[m][idx])]


def current(views):
    n = views[0].shape[0]
    return clustering._choose_and_cluster(views, None, 0, clustering._default_k_range(n))


def _cosine_distances(views):
    emb = clustering._joined(views)
    dist = np.clip(1 - emb @ emb.T, 0, 2)
    np.fill_diagonal(dist, 0)
    return dist


def _by_silhouette(dist, cluster_at, tol=0.1):
    """The product's rule for k: the smallest k whose silhouette is within `tol` of the best."""
    n = dist.shape[0]
    lo, hi = clustering._default_k_range(n)
    hi = min(hi, n - 1)
    lo = max(2, min(lo, hi))
    tried = []
    for k in range(lo, hi + 1):
        labels = cluster_at(k)
        if len(set(labels)) > 1:
            tried.append((silhouette_score(dist, labels, metric="precomputed"), labels))
    top = max(score for score, _ in tried)
    return next(labels for score, labels in tried if score >= top - tol * abs(top))


def linkage(views, how="average", tol=0.1, graph=False):
    """Agglomerative clustering on cosine distances (or on the joined kNN graph's affinity)."""
    from sklearn.cluster import AgglomerativeClustering

    dist = _cosine_distances(views)
    on = dist
    if graph:
        n = dist.shape[0]
        aff = sum(clustering._knn_affinity(v, clustering._n_neighbors(n, len(views))) for v in views)
        aff = np.asarray(aff.todense()) if hasattr(aff, "todense") else np.asarray(aff)
        on = 1 - aff / aff.max()
        np.fill_diagonal(on, 0)
    return _by_silhouette(dist, lambda k: AgglomerativeClustering(
        n_clusters=k, metric="precomputed", linkage=how).fit_predict(on), tol)


VARIANTS = {
    "the product's (spectral on kNN graphs)": current,
    "average linkage, cosine": linkage,
    "average linkage, silhouette tolerance 0.05": lambda v: linkage(v, tol=0.05),
    "complete linkage, cosine": lambda v: linkage(v, how="complete"),
    "average linkage on the kNN graphs": lambda v: linkage(v, graph=True),
}
SIZES = (12, 20, 30)


def main() -> None:
    data = vectors()
    rng = random.Random(2031)
    rows = {name: {} for name in VARIANTS}
    for lang in ("ru", "en"):
        _, cats, _ = data[lang]
        topics = sorted(set(cats))
        for n in SIZES:
            draws = []
            for _ in range(30):
                pool: list[int] = []
                while len(pool) < n:  # dev's topics are small: three of them may hold fewer than 30
                    chosen = rng.sample(topics, rng.choice([3, 4, 5]))
                    pool = [i for i, c in enumerate(cats) if c in chosen]
                draws.append(rng.sample(pool, n))
            for name, fn in VARIANTS.items():
                got = [fn(views_of(data, lang, idx)) for idx in draws]
                nmi = [NMI([cats[i] for i in idx], labels) for idx, labels in zip(draws, got, strict=True)]
                rows[name][(lang, n)] = (statistics.mean(nmi), statistics.mean(len(set(g)) for g in got), nmi)
    base = next(iter(VARIANTS))
    cols = [(lang, n) for lang in ("ru", "en") for n in SIZES]
    print(f"split {split}; 30 subsets a cell of 3-5 topics; NMI (mean number of groups) wins/losses against the product's")
    print("| variant | " + " | ".join(f"{lang} {n}" for lang, n in cols) + " |")
    print("|---|" + "---|" * len(cols))
    for name in VARIANTS:
        cells = []
        for c in cols:
            mean, groups, nmi = rows[name][c]
            wins = sum(a > b for a, b in zip(nmi, rows[base][c][2], strict=True))
            losses = sum(a < b for a, b in zip(nmi, rows[base][c][2], strict=True))
            cells.append(f"{mean:.3f} ({groups:.1f}) {wins}/{losses}")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
