"""Three ideas: one group, or apart? How often the rule for fewer than four texts gets it right.

Usage: python bench/three_ideas.py [train|dev] [DATA_DIR]   (default: train, ../shared/data)

600 triples per language (seed 0) from SIB-200's `train` (or `dev`) split: 200 from one topic,
200 with two from one topic and one from another, 200 from three topics. A rule is right on a
triple when it puts together exactly the texts of one topic. Rules: all in one group (the rule
before), each alone, and two texts together when their USE cosine reaches a threshold
(`clustering._linked`; the product uses `clustering._FEW_LINK`). Needs the `meaning` extra.
SIB-200: Adelani et al. 2023, CC BY-SA 4.0.
"""
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
import pandas as pd  # noqa: E402

from workbench import clustering, embeddings  # noqa: E402
from workbench.util import unit_rows  # noqa: E402

split = sys.argv[1] if len(sys.argv) > 1 else "train"
DATA = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO.parent / "shared" / "data"
THRESHOLDS = (0.05, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, clustering._FEW_LINK, 0.4)


def together(labels) -> set:
    return {(i, j) for i in range(len(labels)) for j in range(i + 1, len(labels)) if labels[i] == labels[j]}


def triples(cats: list[str], rng: random.Random) -> list[list[int]]:
    by_topic: dict[str, list[int]] = {}
    for i, c in enumerate(cats):
        by_topic.setdefault(c, []).append(i)
    out = []
    for n in range(600):
        a, b, c = rng.sample(sorted(by_topic), 3)
        out.append([rng.sample(by_topic[a], 3), rng.sample(by_topic[a], 2) + rng.sample(by_topic[b], 1),
                    [rng.choice(by_topic[t]) for t in (a, b, c)]][n % 3])
    return out


print(f"SIB-200 {split}: share of 600 triples grouped exactly by topic")
print("| lang | one group | each alone | " + " | ".join(f"USE cosine ≥ {t}" for t in THRESHOLDS) + " |")
print("|---" * (3 + len(THRESHOLDS)) + "|")
for lang in ("ru", "en"):
    df = pd.read_csv(DATA / "sib200" / lang / f"{split}.tsv", sep="\t", dtype=str, keep_default_na=False)
    texts, cats = df["text"].tolist(), df["category"].tolist()
    use = unit_rows(embeddings.embed(texts))
    sample = triples(cats, random.Random(0))
    truths = [together([cats[i] for i in idx]) for idx in sample]
    row = [sum(t == together([0, 0, 0]) for t in truths), sum(t == set() for t in truths)]
    for at in THRESHOLDS:
        row.append(sum(t == together(clustering._linked(use[idx], at).tolist()) for idx, t in zip(sample, truths, strict=True)))
    print(f"| {lang} | " + " | ".join(f"{r / len(sample):.3f}" for r in row) + " |")
