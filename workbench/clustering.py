"""Grouping short ideas (Russian and English) without any downloaded model.

Pipeline (chosen by measurement, see ``bench/clustering.py``):

1. normalize: lower case, ``ё`` -> ``е``, punctuation and digits dropped;
2. per word: Cyrillic words are lemmatised with pymorphy3, Latin words stemmed with the
   Snowball English stemmer; short words and stop words (small lists below) are dropped;
3. features: TF-IDF (sublinear tf) on lemmas, horizontally stacked with TF-IDF on character
   3-5-grams (``char_wb``) of the normalized original text, rows L2-normalized;
4. LSA (TruncatedSVD, up to 150 dimensions) + re-normalization (skipped below 60 texts);
5. a symmetric k-nearest-neighbour graph on cosine similarity and spectral clustering on it
   (k given, or chosen by silhouette over 2..12: the smallest k within 10% of the best);
6. cluster names: a short phrase from the group's own cards around its 2-3 most distinctive
   lemmas (``workbench.group_names``).

With the ``meaning`` extra installed (``workbench.embeddings``: multilingual sentence encoders
shipped inside their wheels), steps 3-4 are replaced by sentence vectors: ideas written with
different words but the same meaning land together. With several models (USE, e5, the
language's own) each gives its own nearest-neighbour graph and step 5 clusters their sum (a
neighbour by any model counts). ``method="words"`` forces the lemma path, which is also the
fallback when the package is absent.

Heavy libraries (scikit-learn, scipy, pymorphy3) are imported inside functions, so importing
this module is cheap. Results are deterministic for a given ``seed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.util import unit_rows
from workbench.words import (  # re-exported: callers import them from here too
    _CYR_RE,
    _check_lang,
    _ru_parse,
    detect_language,
    lemmatize,
    normalize_text,
    same_root,
    tokenize,
)

__all__ = [
    "ClusterResult",
    "assign_to_groups",
    "cluster_texts",
    "detect_language",
    "lemmatize",
    "near_duplicate_groups",
    "near_duplicates",
    "normalize_text",
    "tokenize",
]

# --- features -----------------------------------------------------------------------------------


@dataclass
class _Features:
    docs: list[str]  # lemmatised texts, space separated
    matrix: object  # scipy.sparse CSR, rows L2-normalized (word + char TF-IDF)
    word_vec: object  # fitted word TfidfVectorizer
    word_matrix: object  # CSR word TF-IDF, rows L2-normalized
    empty: list[bool]  # rows without any feature


def _features(texts: list[str], lang: str, char_weight: float = 1.0) -> _Features:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    docs = [" ".join(tokenize(t, lang)) for t in texts]
    n = len(docs)
    min_df = 2 if n >= 200 else 1
    max_df = 0.5 if n >= 50 else 1.0

    def fit(corpus, **kwargs):
        vec = TfidfVectorizer(sublinear_tf=True, min_df=min_df, max_df=max_df,
                              lowercase=False, **kwargs)
        try:
            return vec, normalize(vec.fit_transform(corpus))
        except ValueError:  # empty vocabulary
            return None, None

    word_vec, word_m = fit(docs, token_pattern=r"\S+")
    # character n-grams of the normalized original text (measured better than of lemmas)
    _, char_m = fit([normalize_text(t) for t in texts], analyzer="char_wb", ngram_range=(3, 5))
    parts = []
    if word_m is None:
        word_m = csr_matrix((n, 0))
    else:
        parts.append(word_m)
    if char_m is not None:
        parts.append(char_m * char_weight)
    matrix = normalize(hstack(parts).tocsr()) if parts else csr_matrix((n, 1))
    # no content lemma (empty, digits, only stop words): such rows are left out of groups
    empty = [not d or matrix.indptr[i] == matrix.indptr[i + 1] for i, d in enumerate(docs)]
    return _Features(docs, matrix, word_vec, word_m.tocsr(), empty)


def _lsa(matrix, seed: int, dims: int = 150):
    """Dense LSA embedding with L2-normalized rows (plain dense rows when the data is small).

    Up to a few thousand texts the SVD comes exactly from the eigenvectors of the Gram
    matrix X X^T (n x n): faster than randomised SVD on ~10^5 char n-gram columns, and
    free of randomness. Larger inputs use randomised TruncatedSVD.
    """
    import numpy as np
    from sklearn.preprocessing import normalize

    n, m = matrix.shape
    d = min(dims, n - 1, m - 1)
    if n < 60 or d < 2:
        return normalize(np.asarray(matrix.todense()))  # small: keep every feature
    if n <= 3000:
        from scipy.linalg import eigh

        gram = (matrix @ matrix.T).toarray()
        vals, vecs = eigh(gram, subset_by_index=[n - d, n - 1])
        vals, vecs = vals[::-1], vecs[:, ::-1]
        signs = np.sign(vecs[np.abs(vecs).argmax(axis=0), np.arange(d)])
        emb = vecs * np.where(signs == 0, 1.0, signs) * np.sqrt(np.clip(vals, 0, None))
        return normalize(emb)
    from sklearn.decomposition import TruncatedSVD

    svd = TruncatedSVD(n_components=d, random_state=seed, algorithm="randomized", n_iter=5)
    return normalize(svd.fit_transform(matrix))


# --- clustering ---------------------------------------------------------------------------------


@dataclass
class ClusterResult:
    """Result of :func:`cluster_texts`.

    ``labels[i]`` is the group id of ``texts[i]``: 0 is the largest group, 1 the next, ...;
    texts with no usable words (empty, only digits or stop words) get ``-1``.
    ``names[c]`` is a short readable name, ``keywords[c]`` its key lemmas, ``central[c]`` the
    index of the text nearest to the group centre, ``languages[i]`` is ``"ru"``/``"en"``.
    """

    labels: list[int]
    names: dict[int, str]
    keywords: dict[int, list[str]] = field(default_factory=dict)
    central: dict[int, int] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)
    k: int = 0
    method: str = "words"  # "meaning" (sentence vectors) or "words" (lemma LSA)

    def groups(self) -> dict[int, list[int]]:
        """Text indices of every group, in label order."""
        out: dict[int, list[int]] = {}
        for i, c in enumerate(self.labels):
            out.setdefault(c, []).append(i)
        return dict(sorted(out.items()))


EMPTY_LABEL = -1
EMPTY_NAME = "Без текста"


def _knn_affinity(emb, n_neighbors: int):
    """Symmetric k-nearest-neighbour graph weighted by (positive) cosine similarity."""
    import numpy as np
    from scipy.sparse import csr_matrix

    n = emb.shape[0]
    sim = emb @ emb.T
    np.fill_diagonal(sim, -np.inf)
    k = min(n_neighbors, n - 1)
    idx = np.argpartition(-sim, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(n), k)
    vals = np.clip(sim[rows, idx.ravel()], 1e-6, None)
    graph = csr_matrix((vals, (rows, idx.ravel())), shape=(n, n))
    return graph.maximum(graph.T)


def _spectral_maps(views: list, max_k: int, seed: int, n_neighbors: int):
    """Spectral embedding of the kNN graph: ``(maps, eigenvalues)``, leading vectors first.
    With several views (one matrix of unit rows per model) the graph is the sum of theirs.

    Uses the symmetric normalized adjacency D^-1/2 A D^-1/2; its top eigenvectors, scaled by
    D^-1/2 and row-normalized, are clustered with k-means (as in Ng, Jordan & Weiss).
    Dense ``eigh`` for up to a few thousand texts (fast and exact), ARPACK above that.
    """
    import numpy as np

    aff = sum(_knn_affinity(v, n_neighbors) for v in views)
    n = aff.shape[0]
    deg = np.asarray(aff.sum(axis=1)).ravel()
    d_inv = 1.0 / np.sqrt(np.maximum(deg, 1e-12))
    norm_adj = aff.multiply(d_inv[:, None]).multiply(d_inv[None, :]).tocsr()
    max_k = min(max_k, n - 1) if n > 2 else n
    if n <= 3000:
        from scipy.linalg import eigh

        vals, vecs = eigh(norm_adj.toarray(), subset_by_index=[n - max_k, n - 1])
    else:
        from scipy.sparse.linalg import eigsh

        v0 = np.random.default_rng(seed).uniform(-1, 1, n)
        vals, vecs = eigsh(norm_adj, k=max_k, which="LA", v0=v0, tol=1e-6)
    order = np.argsort(-vals, kind="stable")
    vals, vecs = vals[order], vecs[:, order]
    # fix signs so the result does not depend on the solver's arbitrary choice
    signs = np.sign(vecs[np.abs(vecs).argmax(axis=0), np.arange(vecs.shape[1])])
    vecs = vecs * np.where(signs == 0, 1.0, signs)
    return vecs, vals


def _kmeans(x, k: int, seed: int):
    import warnings

    from sklearn.cluster import KMeans

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fewer distinct points than k: fewer groups, fine
        return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)


def _embed_k(vecs, k: int):
    """First k spectral vectors with rows scaled to unit length (Ng-Jordan-Weiss)."""
    import numpy as np

    x = vecs[:, :k]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1.0, norms)


def _n_neighbors(n: int, n_views: int = 1) -> int:
    """Graph degree per view: ~sqrt(n)/2 for one view (measured: small sets need few
    neighbours), 1.5 times that for several (chosen on SIB-200 train subsets of 50-200), 3..15."""
    return int(min(15, max(3, round((1.5 if n_views > 1 else 1.0) * n**0.5 / 2))))


def _joined(views: list):
    """One matrix of unit rows from the views side by side, the first one (USE) at full weight
    and the others at half (silhouette for k, central cards; the weighting the grouping used
    before the graphs were joined, which keeps three groups of six ideas apart)."""
    import numpy as np

    if len(views) == 1:
        return views[0]
    return unit_rows(np.hstack([views[0]] + [_JOIN_WEIGHT * v for v in views[1:]]))


_JOIN_WEIGHT = 0.5


def _choose_and_cluster(emb, k: int | None, seed: int, k_range: tuple[int, int],
                        link_at: float | None = None):
    """Spectral clustering on the kNN graph of ``emb`` (a matrix of unit rows, or a list of
    them: one view per model); with ``k=None`` pick k by cosine silhouette (on the views side
    by side) over ``k_range``, preferring fewer groups within a tolerance. Fewer than four texts
    have no silhouette to go by: with ``link_at``, two of them share a group when the first
    view's cosine reaches it (a road and a club stay apart), else they make one group."""
    import numpy as np

    views = emb if isinstance(emb, list) else [emb]
    emb = _joined(views)
    n = emb.shape[0]
    n_unique = len({row.tobytes() for row in np.round(emb, 4) + 0.0})  # + 0.0: no -0.0
    n_neighbors = _n_neighbors(n, len(views))
    if k is not None:
        k = max(1, min(int(k), n_unique))
        if k == 1:
            return np.zeros(n, dtype=int)
        vecs, _ = _spectral_maps(views, k, seed, n_neighbors)
        return _kmeans(_embed_k(vecs, k), k, seed)
    lo, hi = k_range
    hi = min(hi, n_unique - 1)
    lo = max(2, min(lo, hi))
    if n < 4 and link_at is not None:
        return _linked(views[0], link_at)
    if n < 4 or hi < 2:
        return np.zeros(n, dtype=int)
    from sklearn.metrics import silhouette_score

    vecs, _ = _spectral_maps(views, hi, seed, n_neighbors)
    dist = np.clip(1.0 - emb @ emb.T, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    tried = []
    for kk in range(lo, hi + 1):
        labels = _kmeans(_embed_k(vecs, kk), kk, seed)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(dist, labels, metric="precomputed")
        tried.append((score, labels))
    if not tried:
        return np.zeros(n, dtype=int)
    # Fewer groups are easier to discuss: take the smallest k whose silhouette is within
    # _SIL_TOLERANCE of the best one (on a paraphrase set silhouette keeps creeping up
    # past the true k by splitting real topics).
    top = max(score for score, _ in tried)
    for score, labels in tried:
        if score >= top - _SIL_TOLERANCE * abs(top):
            return labels
    return tried[-1][1]  # pragma: no cover


_SIL_TOLERANCE = 0.1
# Two of three ideas are about one thing when their USE cosine reaches this: above every pair of
# unrelated ideas measured for placing later ideas (≤ 0.31, `MEANING_ASSIGN_THRESHOLD`); «Починить
# дорогу в Ошевенск» and «Ямы на трассе до райцентра» 0.35, a road and a youth club 0.08.
_FEW_LINK = 0.33


def _linked(view, at: float):
    """Groups of a few texts: those whose cosine reaches ``at`` together (and whatever they link
    to), the others alone."""
    import numpy as np

    n = view.shape[0]
    labels = list(range(n))
    sim = view @ view.T
    for i in range(n):
        for j in range(i + 1, n):
            if sim[i, j] >= at and labels[i] != labels[j]:
                old = labels[j]
                labels = [labels[i] if x == old else x for x in labels]
    return np.array(labels, dtype=int)
_MAX_AUTO_K = 12


def _default_k_range(n: int) -> tuple[int, int]:
    # a dozen ideas or more: at least 3-4 groups (two groups of a dozen unrelated ideas say nothing)
    lo = 2 if n < 12 else min(4, n // 4)
    return lo, int(min(_MAX_AUTO_K, max(2, n // 2)))


def cluster_texts(
    texts: list[str],
    k: int | None = None,
    lang: str = "auto",
    seed: int = 0,
    k_range: tuple[int, int] | None = None,
    method: str = "auto",
    vectors=None,
) -> ClusterResult:
    """Group texts by topic. ``k`` groups, or chosen automatically when ``k`` is None.

    ``method``: "auto" (sentence vectors when ``vectors`` are given or the model is installed,
    else lemmas), "meaning" or "words". ``vectors``: precomputed sentence vectors, one row per
    text, or a list of such matrices, one per model (``embeddings.for_grouping``;
    ``workbench.session.embedding`` keeps the cards' vectors in the store).

    >>> ideas = ["Отремонтировать дорогу до Ошевенска", "Дороги в ужасном состоянии",
    ...          "Плохие дороги, ямы на дороге", "Открыть молодёжный клуб",
    ...          "Молодёжи негде проводить досуг, нужен клуб", "Клуб для молодёжи"]
    >>> res = cluster_texts(ideas, k=2, method="words")
    >>> res.labels[0] == res.labels[1] == res.labels[2] != res.labels[3]
    True
    >>> sorted(res.names.values())
    ['Дорога', 'Клуб для молодёжи']
    """
    import numpy as np

    _check_lang(lang)
    texts = ["" if t is None else str(t) for t in texts]
    n = len(texts)
    languages = [detect_language(t) if lang == "auto" else lang for t in texts]
    if n == 0:
        return ClusterResult([], {}, languages=[], k=0)
    views = _sentence_vectors(texts, method, vectors)
    views = None if views is None else [unit_rows(v) for v in views]
    vectors = None if views is None else _joined(views)
    feats = _features(texts, lang)
    keep = [i for i in range(n) if not feats.empty[i]]
    labels = np.full(n, EMPTY_LABEL, dtype=int)
    if keep:
        if views is not None:
            emb = [v[keep] for v in views]
        else:
            emb = _lsa(feats.matrix[keep], seed)
        part = _choose_and_cluster(emb, k, seed, k_range or _default_k_range(len(keep)),
                                   link_at=None if views is None else _FEW_LINK)
        labels[keep] = _renumber_by_size(part)
    names, keywords, central = _describe(feats, labels, texts, vectors)
    n_groups = len({c for c in labels.tolist() if c != EMPTY_LABEL})
    used = "meaning" if vectors is not None else "words"
    return ClusterResult(labels.tolist(), names, keywords, central, languages, n_groups, used)


def _sentence_vectors(texts: list[str], method: str, vectors):
    """The views (a list of sentence-vector matrices) to cluster on, or None for the lemma path."""
    import numpy as np

    if method not in ("auto", "meaning", "words"):
        raise ValueError(f"method must be 'auto', 'meaning' or 'words', not {method!r}")
    if method == "words":
        return None
    if vectors is not None:
        views = [np.asarray(v, dtype=float) for v in (vectors if isinstance(vectors, (list, tuple))
                                                      else [vectors])]
        for v in views:
            if v.ndim != 2 or v.shape[0] != len(texts):
                raise ValueError(f"{v.shape[0]} vectors for {len(texts)} texts")
        return views
    from workbench import embeddings

    if method == "auto" and not embeddings.available():
        return None
    return embeddings.embed_for_grouping(texts)  # "meaning" without the package: ImportError


def _renumber_by_size(labels):
    """Relabel so that 0 is the largest group; ties broken by first occurrence."""
    import numpy as np

    labels = np.asarray(labels)
    order = sorted(
        set(labels.tolist()),
        key=lambda c: (-(labels == c).sum(), int(np.argmax(labels == c))),
    )
    mapping = {c: i for i, c in enumerate(order)}
    return np.array([mapping[c] for c in labels.tolist()], dtype=int)


# --- names ----------------------------------------------------------------------------------------

_POS_WEIGHT = {"NOUN": 1.0, "ADJF": 0.6, "INFN": 0.5, "VERB": 0.4, "": 0.8}


def _lemma_info(lemma: str) -> tuple[str, bool]:
    """(POS, proper) of a lemma; English stems count as nouns."""
    if not _CYR_RE.search(lemma):
        return "", False
    _, pos, proper = _ru_parse(lemma)
    return pos, proper


def _describe(feats: _Features, labels, texts: list[str], vectors=None):
    """Names (a phrase around 2-3 key lemmas), keyword lists and most central text of every
    group (central by sentence vectors when given)."""
    import numpy as np

    from workbench.group_names import distinct_names

    names: dict[int, str] = {}
    keywords: dict[int, list[str]] = {}
    central: dict[int, int] = {}
    vocab = None
    if feats.word_vec is not None:
        vocab = np.array(feats.word_vec.get_feature_names_out())
        binary = (feats.word_matrix > 0).astype(float).tocsr()
        df_all = np.asarray(binary.sum(axis=0)).ravel()
    n = len(labels)
    asked: dict[int, tuple[list[str], list[str]]] = {}  # named together: a theme names one group
    for c in sorted(set(labels.tolist())):
        idx = np.flatnonzero(labels == c)
        if c == EMPTY_LABEL:
            names[c], keywords[c], central[c] = EMPTY_NAME, [], int(idx[0])
            continue
        rows = unit_rows(vectors[idx]) if vectors is not None else feats.matrix[idx]
        centre = np.asarray(rows.mean(axis=0)).ravel()
        sims = np.asarray(rows @ centre).ravel()
        by_centrality = [int(idx[j]) for j in np.argsort(-sims, kind="stable")]
        central[c] = by_centrality[0]
        words: list[str] = []
        shared: list[str] = []  # key lemmas that at least two cards of the group use
        if vocab is not None:
            df_in = np.asarray(binary[idx].sum(axis=0)).ravel()
            share_in = df_in / len(idx)
            share_out = (df_all - df_in) / max(1, n - len(idx))
            weight = np.array([_POS_WEIGHT.get(_lemma_info(w)[0], 0.3) for w in vocab])
            score = share_in * (share_in - share_out).clip(0) * weight
            if len(idx) > 1:
                score = np.where(df_in >= 2, score, score * 0.1)
            order = [j for j in np.argsort(-score, kind="stable")[:12] if score[j] > 0]
            picked: list[int] = []
            for j in order:
                if any(same_root(str(vocab[j]), str(vocab[p])) for p in picked):
                    continue  # "молодежь" already there: skip "молодежный"
                if picked and score[j] < (0.35 if len(picked) == 1 else 0.5) * score[picked[-1]]:
                    break  # a much weaker word only adds noise to the name
                picked.append(j)
                if len(picked) == 3:
                    break
            words = [str(vocab[j]) for j in picked]
            shared = [str(vocab[j]) for j in picked if df_in[j] >= 2 or len(idx) == 1]
        keywords[c] = words
        asked[c] = ([texts[i] for i in by_centrality], shared)
    names.update(zip(asked, distinct_names(list(asked.values())), strict=True))
    return names, keywords, central


# --- near duplicates --------------------------------------------------------------------------------


MEANING_THRESHOLD = 0.6  # sentence-vector cosine of paraphrases ("починить дорогу в X" / "отремонтировать дорогу до X")
_SAME_SIZE = 0.6  # a repeat in other words has about as many content words as the card it repeats


def near_duplicates(
    texts: list[str], threshold: float = 0.8, lang: str = "auto", vectors=None,
    meaning_threshold: float = MEANING_THRESHOLD, places=(),
) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, similarity)`` with ``i < j`` of near-identical texts, most similar first.

    Similarity is cosine on lemma + character n-gram TF-IDF (1.0 = the same words up to
    case, punctuation and word order; other word endings give ~0.85). With sentence
    ``vectors`` (one row per text), a pair whose vectors' cosine reaches ``meaning_threshold``
    counts too: the same idea in other words, when neither card has many more content words
    than the other (a card that adds to an idea is not its repeat: merging would lose that;
    words that only stress it, «вообще», «совсем», do not count).

    Two cards that each name something the other does not (another place, other people it is
    for, another thing: `words.idea_specifics`; `places`, the session's known territories, are
    places even in lower case) are different projects, however close their words or vectors:
    «детская площадка в Лядинах» / «…в Печникове», «автобус до райцентра» / «…до больницы».

    >>> near_duplicates(["Починить дорогу!", "починить дороги", "Открыть клуб", "Дорогу починить"])
    [(0, 3, 1.0), (0, 1, 0.857), (1, 3, 0.857)]
    >>> near_duplicates(["Летний лагерь для подростков", "Летний лагерь для пенсионеров"])
    []
    """
    from workbench.words import FILLER_WORDS, idea_specifics, name_different_things

    _check_lang(lang)
    texts = ["" if t is None else str(t) for t in texts]
    if len(texts) < 2:
        return []
    feats = _features(texts, lang)
    sim = (feats.matrix @ feats.matrix.T).tocoo()
    found: dict[tuple[int, int], float] = {}
    for i, j, s in zip(sim.row, sim.col, sim.data, strict=True):
        if i < j and s >= threshold - 1e-9:
            found[(int(i), int(j))] = round(float(min(s, 1.0)), 3)
    if vectors is not None and len(vectors) == len(texts):
        import numpy as np

        v = unit_rows(np.asarray(vectors, dtype=float))
        msim = v @ v.T
        sizes = [len(set(d.split()) - FILLER_WORDS) for d in feats.docs]
        for i, j in zip(*np.nonzero(np.triu(msim >= meaning_threshold, k=1)), strict=True):
            if feats.empty[i] or feats.empty[j]:
                continue
            if min(sizes[i], sizes[j]) < _SAME_SIZE * max(sizes[i], sizes[j]):
                continue  # one card says more ("плохие дороги" / "…, весной не проехать"): merging loses it
            found.setdefault((int(i), int(j)), round(float(min(msim[i, j], 1.0)), 3))
    specifics: dict[int, frozenset] = {}

    def about(i: int) -> frozenset:
        if i not in specifics:
            specifics[i] = idea_specifics(texts[i], places)
        return specifics[i]

    pairs = [(i, j, s) for (i, j), s in found.items()
             if feats.docs[i] == feats.docs[j] or not name_different_things(about(i), about(j))]
    # identical non-empty texts that produced no features (e.g. only stop words) still match
    norm = [normalize_text(t) for t in texts]
    seen: dict[str, int] = {}
    have = {(i, j) for i, j, _ in pairs}
    for j, t in enumerate(norm):
        if not t or not feats.empty[j]:
            continue
        if t in seen and (seen[t], j) not in have:
            pairs.append((seen[t], j, 1.0))
        seen.setdefault(t, j)
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    return pairs


def near_duplicate_groups(
    texts: list[str], threshold: float = 0.8, lang: str = "auto", vectors=None, places=()
) -> list[list[int]]:
    """Sets (size >= 2) of near-identical texts, each by first index, in which every two texts
    are a pair of `near_duplicates`: the most similar pairs first, a text joins a set only when
    it repeats every text there (no chain: A = B and B = C does not put A with C).

    >>> near_duplicate_groups(["Клуб", "Починить дорогу", "дорогу починить!", "Починить дороги"])
    [[1, 2, 3]]
    """
    pairs = near_duplicates(texts, threshold, lang, vectors, places=places)
    same = {(i, j) for i, j, _ in pairs}

    def repeats(a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) in same

    set_of: dict[int, list[int]] = {}
    for i, j, _ in pairs:
        si, sj = set_of.get(i), set_of.get(j)
        if si is not None and si is sj:
            continue
        joined = (si or [i]) + (sj or [j])
        if all(repeats(a, b) for n, a in enumerate(joined) for b in joined[n + 1:]):
            for k in joined:
                set_of[k] = joined
    found = {id(s): sorted(s) for s in set_of.values()}
    return sorted(found.values())


# --- placing new ideas into existing groups ------------------------------------------------------


MEANING_ASSIGN_THRESHOLD = 0.4  # vector score: held-out paraphrases >= 0.45, unrelated ideas <= 0.31


def assign_to_groups(
    new_texts: list[str],
    grouped_texts: dict,
    threshold: float = 0.15,
    lang: str = "auto",
    new_vectors=None,
    grouped_vectors: dict | None = None,
) -> list:
    """Best existing group id for each new text, or ``None`` when no group is similar enough.

    The score of a group is the mean of the cosine similarity to the group centre and to
    the most similar member (lemma + character n-gram TF-IDF fitted on all texts). With
    sentence vectors (``new_vectors``, one row per new text, and ``grouped_vectors``, group id
    -> rows in the order of ``grouped_texts``) the same score on the vectors decides first when
    it reaches ``MEANING_ASSIGN_THRESHOLD``, then the words as without them.

    >>> groups = {1: ["Отремонтировать дороги", "Ямы на дорогах"],
    ...           2: ["Открыть клуб для молодёжи", "Молодёжный досуг"]}
    >>> assign_to_groups(["Дорога вся в ямах", "Кружки для молодёжи", "Xyz"], groups)
    [1, 2, None]
    """
    import numpy as np

    _check_lang(lang)
    new_texts = ["" if t is None else str(t) for t in new_texts]
    group_ids = [g for g, members in grouped_texts.items() if members]
    if not new_texts:
        return []
    if not group_ids:
        return [None] * len(new_texts)
    old_texts, owner = [], []
    for g in group_ids:
        for t in grouped_texts[g]:
            old_texts.append("" if t is None else str(t))
            owner.append(g)
    feats = _features(old_texts + new_texts, lang)
    m = feats.matrix
    old, new = m[: len(old_texts)], m[len(old_texts):]
    owner_arr = np.array([group_ids.index(g) for g in owner])
    scores = [(_group_scores(new, old, owner_arr, len(group_ids)), threshold)]
    if new_vectors is not None and grouped_vectors is not None:
        # by meaning first: a vector score that clears its bar wins; else the words decide
        old_v = unit_rows(np.vstack([np.asarray(grouped_vectors[g], dtype=float) for g in group_ids]))
        new_v = unit_rows(np.asarray(new_vectors, dtype=float))
        scores.insert(0, (_group_scores(new_v, old_v, owner_arr, len(group_ids)), MEANING_ASSIGN_THRESHOLD))
    result = []
    for r in range(len(new_texts)):
        found = None
        if not feats.empty[len(old_texts) + r]:
            for score, bar in scores:
                gi = int(np.argmax(score[r]))
                if score[r, gi] >= bar:
                    found = group_ids[gi]
                    break
        result.append(found)
    return result


def _group_scores(new, old, owner_arr, n_groups: int):
    """(new texts x groups): the mean of the cosine to the group centre and to its closest member."""
    import numpy as np
    from sklearn.preprocessing import normalize

    sim = new @ old.T
    sim = np.asarray(sim.todense() if hasattr(sim, "todense") else sim)
    centres = normalize(np.vstack([np.asarray(old[owner_arr == gi].mean(axis=0)).ravel()
                                   for gi in range(n_groups)]))
    centre_sim = np.asarray(new @ centres.T)
    best_member = np.column_stack([sim[:, owner_arr == gi].max(axis=1) for gi in range(n_groups)])
    return 0.5 * (best_member + centre_sim)
