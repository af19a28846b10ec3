"""Benchmark of workbench.clustering against a plain baseline on SIB-200 topics.

Usage: python bench/clustering.py [DATA_DIR]   (default: ../shared/data relative to the repo)

Reads DATA_DIR/sib200/{ru,en}/{train,dev}.tsv (columns index_id, category, text; 7 topics),
clusters train+dev together and prints a markdown table of NMI and ARI against `category`:

* baseline: TfidfVectorizer() on raw words + KMeans(n_init=10), same k;
* workbench: workbench.clustering.cluster_texts (k=7, and k chosen automatically).

Scores are the mean over seeds 0..4 (both methods are deterministic for a given seed).
Then it times clustering of 1,000 Russian ideas (the SIB-200 texts plus word-dropped copies
of some of them): first call in this process (includes loading pymorphy3 dictionaries) and
the best of three warm calls. SIB-200: Adelani et al. 2023, CC BY-SA 4.0 data.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SEEDS = (0, 1, 2, 3, 4)
K_TRUE = 7


def load(data_dir: Path, lang: str):
    import pandas as pd

    parts = []
    for split in ("train", "dev"):
        path = data_dir / "sib200" / lang / f"{split}.tsv"
        parts.append(pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False))
    df = pd.concat(parts, ignore_index=True)
    return df["text"].tolist(), df["category"].tolist()


def baseline(texts, k, seed):
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer().fit_transform(texts)
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x).tolist()


def ours(texts, k, seed):
    from workbench.clustering import cluster_texts

    res = cluster_texts(texts, k=k, seed=seed)
    return res.labels, res.k


def scores(y, fn):
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    nmis, aris, ks = [], [], []
    for seed in SEEDS:
        out = fn(seed)
        labels, k = out if isinstance(out, tuple) else (out, len(set(out)))
        nmis.append(normalized_mutual_info_score(y, labels))
        aris.append(adjusted_rand_score(y, labels))
        ks.append(k)
    return statistics.mean(nmis), statistics.stdev(nmis), statistics.mean(aris), ks


def thousand_ideas(texts, n=1000, seed=0):
    rnd = random.Random(seed)
    out = list(texts)
    while len(out) < n:
        words = rnd.choice(texts).split()
        keep = [w for w in words if rnd.random() > 0.2] or words
        out.append(" ".join(keep))
    return out[:n]


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else REPO.parent / "shared" / "data"
    if not (data_dir / "sib200").is_dir():
        print(f"no sib200 data in {data_dir}", file=sys.stderr)
        return 1
    rows = []
    ru_texts = None
    for lang in ("ru", "en"):
        texts, y = load(data_dir, lang)
        if lang == "ru":
            ru_texts = texts
        b = scores(y, lambda s, t=texts: baseline(t, K_TRUE, s))
        o = scores(y, lambda s, t=texts: ours(t, K_TRUE, s))
        a = scores(y, lambda s, t=texts: ours(t, None, s))
        ba = scores(y, lambda s, t=texts, kk=a[3]: baseline(t, kk[0], s))
        n = len(texts)
        rows.append((lang, n, "baseline: word TF-IDF + KMeans", "7", b))
        rows.append((lang, n, "workbench cluster_texts", "7", o))
        rows.append((lang, n, "baseline, same k as auto", f"{ba[3][0]}", ba))
        rows.append((lang, n, "workbench cluster_texts", f"auto ({_ks(a[3])})", a))
    print("| lang | texts | method | k | NMI (mean ± sd, 5 seeds) | ARI | NMI / baseline |")
    print("|---|---|---|---|---|---|---|")
    base = {}
    for lang, n, method, k, (nmi, sd, ari, _) in rows:
        if method.startswith("baseline"):
            base[(lang, method == "baseline: word TF-IDF + KMeans")] = nmi
            ratio = ""
        else:
            ref = base[(lang, k == "7")]
            ratio = f"{nmi / ref:.1f}x" if ref > 0 else ""
        print(f"| {lang} | {n} | {method} | {k} | {nmi:.3f} ± {sd:.3f} | {ari:.3f} | {ratio} |")

    from workbench.clustering import cluster_texts

    ideas = thousand_ideas(ru_texts)
    cluster_texts.__globals__["_ru_parse"].cache_clear()
    cluster_texts.__globals__["_morph"].cache_clear()
    t0 = time.perf_counter()
    res = cluster_texts(ideas, seed=0)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(3):
        t0 = time.perf_counter()
        cluster_texts(ideas, seed=0)
        warm.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    cluster_texts(ideas, k=K_TRUE, seed=0)
    fixed = time.perf_counter() - t0
    print()
    print("| timing, 1,000 Russian ideas | seconds |")
    print("|---|---|")
    print(f"| auto k, first call (loads pymorphy3, empty lemma cache) | {cold:.2f} |")
    print(f"| auto k, warm (best of 3) | {min(warm):.2f} |")
    print(f"| k=7, warm | {fixed:.2f} |")
    print(f"\nauto k chose {res.k} groups for the 1,000 ideas")
    return 0


def _ks(ks):
    return ",".join(str(k) for k in ks)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
