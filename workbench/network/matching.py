"""Matching people across attendance lists.

Names are normalized (case, ё/е, punctuation, extra spaces), split into full
tokens and initials, and compared token by token in the best order, so that
"Иванова А.П." matches "Анна Петровна Иванова". Equal email or phone is a key.
Candidates come back with a score and a status: `certain` pairs are merged
automatically, `uncertain` ones wait for staff to confirm or reject them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher

import pandas as pd

from workbench.util import UnionFind

CERTAIN = "certain"
UNCERTAIN = "uncertain"
MATCH_THRESHOLD = 0.85  # uncertain pairs below this are too weak to show staff (the page and the command)

_NON_NAME = re.compile(r"[^\w\s-]|_")
MAX_BLOCK = 500  # records sharing a name prefix compared pairwise; bigger blocks split


def normalize_name(name) -> str:
    """Lower case, ё->е, dots split initials, punctuation and extra spaces removed (digits kept).

    >>> normalize_name("  Иванова   А.П. "), normalize_name("Семёнов-Тян-Шанский")
    ('иванова а п', 'семенов-тян-шанский')
    """
    text = str(name or "").lower().replace("ё", "е").replace(".", " ")
    text = _NON_NAME.sub(" ", text)
    tokens = [t.strip("-") for t in text.split()]
    return " ".join(t for t in tokens if t)


def name_key(name) -> str:
    """Order-independent key of a name: sorted normalized tokens.

    >>> name_key("Анна Иванова") == name_key("ИВАНОВА  анна")
    True
    """
    return " ".join(sorted(normalize_name(name).split()))


def _pair_score(x: str, y: str) -> tuple[float, float]:
    """(score, weight) of two tokens; initials are weaker evidence."""
    if len(x) == 1 or len(y) == 1:
        # A matching initial is weak evidence; a different initial is strong evidence against.
        return (1.0, 0.5) if x[0] == y[0] else (0.0, 1.0)
    if x == y:
        return 1.0, 1.0
    return SequenceMatcher(None, x, y).ratio(), 1.0


def name_similarity(a, b) -> float:
    """Similarity 0..1 of two person names, robust to order, initials and small typos.

    Names that agree only through initials score at most 0.9; a missing token
    (e.g. no patronymic) costs 5 %.

    >>> name_similarity("Иванова А.П.", "Анна Петровна Иванова")
    0.9
    >>> name_similarity("Анна Иванова", "иванова анна")
    1.0
    >>> round(name_similarity("Иванова Анна", "Иванова Ана"), 2)
    0.93
    >>> name_similarity("Иванов Андрей", "Петрова Анна") < 0.5
    True
    """
    ta = normalize_name(a).split()[:5]
    tb = normalize_name(b).split()[:5]
    if not ta or not tb:
        return 0.0
    if len(ta) > len(tb):
        ta, tb = tb, ta
    best = 0.0
    for perm in itertools.permutations(tb, len(ta)):
        total = weight = 0.0
        full_match = initials = False
        for x, y in zip(ta, perm, strict=True):
            s, w = _pair_score(x, y)
            total += s * w
            weight += w
            if w == 1.0 and s >= 0.8:
                full_match = True
            if w < 1.0:
                initials = True
        score = total / weight
        if not full_match:
            score *= 0.5
        if initials:
            score = min(score, 0.9)
        best = max(best, score)
    best *= 0.95 ** (len(tb) - len(ta))
    return round(best, 4)


def person_records(table: pd.DataFrame) -> pd.DataFrame:
    """Distinct people in an attendance table: one record per (name key, email, phone).

    Columns: record, name (most frequent spelling), key, email, phone, rows, lists.
    Record ids ('r0001', ...) follow the sorted keys, so they are stable for a table.

    >>> t = pd.DataFrame({"person": ["Анна Иванова", "иванова  анна", "Иванова А."]})
    >>> person_records(t)[["record", "name", "rows"]].values.tolist()
    [['r0001', 'Иванова А.', 1], ['r0002', 'Анна Иванова', 2]]
    """
    email = table["email"] if "email" in table.columns else pd.Series("", index=table.index)
    phone = table["phone"] if "phone" in table.columns else pd.Series("", index=table.index)
    lists = table["list"] if "list" in table.columns else pd.Series("", index=table.index)
    groups: dict[tuple, dict] = {}
    for name, em, ph, lst in zip(table["person"], email, phone, lists, strict=True):
        key = (name_key(name), em or "", ph or "")
        g = groups.setdefault(key, {"names": Counter(), "lists": set()})
        g["names"][name] += 1
        if lst:
            g["lists"].add(str(lst))
    rows = []
    for i, key in enumerate(sorted(groups), 1):
        g = groups[key]
        name = sorted(g["names"].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        rows.append({"record": f"r{i:04d}", "name": name, "key": key[0], "email": key[1],
                     "phone": key[2], "rows": sum(g["names"].values()),
                     "lists": "; ".join(sorted(g["lists"]))})
    return pd.DataFrame(rows, columns=["record", "name", "key", "email", "phone", "rows", "lists"])


def _record_ids(table: pd.DataFrame, records: pd.DataFrame) -> list[str]:
    lookup = {(k, e, p): r for r, k, e, p in
              zip(records["record"], records["key"], records["email"], records["phone"], strict=True)}
    email = table["email"] if "email" in table.columns else [""] * len(table)
    phone = table["phone"] if "phone" in table.columns else [""] * len(table)
    return [lookup[(name_key(n), e or "", p or "")]
            for n, e, p in zip(table["person"], email, phone, strict=True)]


def find_matches(table: pd.DataFrame, threshold: float = 0.75) -> pd.DataFrame:
    """Candidate pairs of records that may be the same person, best first.

    Columns: left, right (record ids), left_name, right_name, score, reason, status.
    `certain`: same email/phone with similar names, or the same name with no
    conflicting contact. Everything else scoring >= threshold is `uncertain`.

    >>> t = pd.DataFrame({"person": ["Иванова А.П.", "Анна Петровна Иванова",
    ...                              "Петров Олег", "Петров Олег"],
    ...                   "email": ["", "", "o@x.ru", ""]})
    >>> find_matches(t)[["left_name", "right_name", "status"]].values.tolist()
    [['Петров Олег', 'Петров Олег', 'certain'], ['Иванова А.П.', 'Анна Петровна Иванова', 'uncertain']]
    """
    records = person_records(table)
    recs = records.to_dict("records")
    pairs: dict[tuple[int, int], str] = {}

    # Contact keys.
    by_contact: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        for field in ("email", "phone"):
            if r[field]:
                by_contact[(field, r[field])].append(i)
    for (field, _), idx in by_contact.items():
        for i, j in itertools.combinations(idx, 2):
            pairs.setdefault((i, j), f"same {field}")

    # Name blocks: first three letters of each full token.
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        for tok in set(r["key"].split()):
            if len(tok) > 1 and not any(ch.isdigit() for ch in tok):
                blocks[tok[:3]].append(i)
    for prefix in [p for p, idx in blocks.items() if len(idx) > MAX_BLOCK]:
        # Too common a prefix: compare only records sharing the whole token.
        for i in blocks.pop(prefix):
            for tok in set(recs[i]["key"].split()):
                if tok[:3] == prefix:
                    blocks["=" + tok].append(i)
    firsts = [Counter(t[0] for t in r["key"].split()) for r in recs]
    for idx in blocks.values():
        if len(idx) > MAX_BLOCK:
            continue  # e.g. thousands of identical surnames: left to contacts and other tokens
        for i, j in itertools.combinations(idx, 2):
            if (i, j) in pairs:
                continue
            small, big = sorted((firsts[i], firsts[j]), key=lambda c: sum(c.values()))
            if sum((small - big).values()) > 1:
                continue  # first letters too different to be worth a fuzzy comparison
            pairs[(i, j)] = "name"

    rows = []
    for (i, j), reason in pairs.items():
        a, b = recs[i], recs[j]
        score = name_similarity(a["name"], b["name"])
        conflict = any(a[f] and b[f] and a[f] != b[f] for f in ("email", "phone"))
        if reason != "name":
            if score >= 0.5:
                status = CERTAIN
                score = 1.0
            else:
                status = UNCERTAIN
                reason += ", different name"
        else:
            if score < threshold:
                continue
            if a["key"] == b["key"] and score == 1.0 and not conflict:
                status, reason = CERTAIN, "same name"
            else:
                status = UNCERTAIN
                reason = "same name, different contacts" if a["key"] == b["key"] else (
                    "initials" if score <= 0.9 and _has_initials(a, b) else "similar name")
        rows.append({"left": a["record"], "right": b["record"], "left_name": a["name"],
                     "right_name": b["name"], "score": score, "reason": reason,
                     "status": status})
    cols = ["left", "right", "left_name", "right_name", "score", "reason", "status"]
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        out["_c"] = out["status"] != CERTAIN
        out = out.sort_values(["_c", "score", "left", "right"], ascending=[True, False, True, True])
        out = out.drop(columns="_c").reset_index(drop=True)
    return out


def _has_initials(a: dict, b: dict) -> bool:
    return any(len(t) == 1 for t in (a["key"] + " " + b["key"]).split())


def apply_matches(table: pd.DataFrame, matches: pd.DataFrame, confirmed=(), rejected=()):
    """Merge matched records; return a copy of `table` with `person_id` and `person_name`.

    Certain pairs are merged unless rejected; uncertain pairs only when confirmed.
    `confirmed`/`rejected` are (left, right) record pairs in either order; a
    `decision` column in `matches` with 'confirm'/'reject' works too. The name
    kept is the fullest spelling; namesakes that stay apart get ' (2)', ' (3)'.

    >>> t = pd.DataFrame({"person": ["Иванова А.П.", "Анна Петровна Иванова"]})
    >>> m = find_matches(t)
    >>> apply_matches(t, m)["person_id"].tolist()
    ['Иванова А.П.', 'Анна Петровна Иванова']
    >>> apply_matches(t, m, confirmed=[("r0002", "r0001")])["person_id"].tolist()
    ['Анна Петровна Иванова', 'Анна Петровна Иванова']
    """
    records = person_records(table)
    sets = UnionFind(records["record"])
    conf = {frozenset(p) for p in confirmed}
    rej = {frozenset(p) for p in rejected}
    if "decision" in matches.columns:
        for left, right, d in zip(matches["left"], matches["right"], matches["decision"], strict=True):
            d = str(d or "").strip().lower()
            if d.startswith("confirm") or d in ("yes", "да", "1", "true"):
                conf.add(frozenset((left, right)))
            elif d.startswith("reject") or d in ("no", "нет", "0", "false"):
                rej.add(frozenset((left, right)))
    for left, right, status in zip(matches["left"], matches["right"], matches["status"], strict=True):
        pair = frozenset((left, right))
        if pair in rej:
            continue
        if status == CERTAIN or pair in conf:
            sets.union(left, right)
    for pair in conf - rej:
        sets.union(*sorted(pair))

    info = records.set_index("record")
    clusters = {sets.find(members[0]): members for members in sets.groups()}

    def fullness(r):
        name = info.at[r, "name"]
        toks = normalize_name(name).split()
        return (-sum(len(t) > 1 for t in toks), -int(info.at[r, "rows"]), -len(name), name)

    names = {root: info.at[min(members, key=fullness), "name"]
             for root, members in clusters.items()}
    used: Counter = Counter()
    ids: dict[str, str] = {}
    for root in sorted(clusters, key=lambda c: (name_key(names[c]), min(clusters[c]))):
        base = names[root]
        used[name_key(base)] += 1
        n = used[name_key(base)]
        ids[root] = base if n == 1 else f"{base} ({n})"
    rec_ids = _record_ids(table, records)
    out = table.copy()
    out["person_id"] = [ids[sets.find(r)] for r in rec_ids]
    out["person_name"] = [names[sets.find(r)] for r in rec_ids]
    return out
