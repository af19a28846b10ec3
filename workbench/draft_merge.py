"""Merging two people's edits of one table of a draft, row by row (a three-way merge).

A table (the activity plan, the partners, the team…) is a list of rows. When two members edit it
from the version their pages loaded (`base`), what the other stored first (`theirs`) and what
this member sends (`mine`) are compared with `base`: a row only one of them added, changed or
removed is taken as they left it, rows both added are both kept (theirs first), and only a row
(or a run of rows) both changed differently is a conflict. Pure functions, no store.

>>> a, x, y = {"activity": "Сбор"}, {"activity": "Мастерская"}, {"activity": "Выставка"}
>>> merge_rows([a], [a, x], [a, y])
([{'activity': 'Сбор'}, {'activity': 'Мастерская'}, {'activity': 'Выставка'}], [])
>>> merged, conflicts = merge_rows([a], [{"activity": "Сбор 1"}], [{"activity": "Сбор 2"}])
>>> merged, conflicts[0]["theirs"], conflicts[0]["mine"]
([{'activity': 'Сбор 1'}], [{'activity': 'Сбор 1'}], [{'activity': 'Сбор 2'}])
>>> merge_rows([a], [{"activity": "Сбор 1"}], [{"activity": "Сбор 2"}], prefer="mine")[0]
[{'activity': 'Сбор 2'}]
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher


def _key(row) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def _changes(base: list, other: list, side: str) -> list[tuple]:
    """What `other` did to `base`, row by row: (start, end, rows, side) for a base row changed
    (end = start + 1), rows added (start == end) or removed (no rows). Where n rows became m, the
    first of them are taken as changed in place and the rest as added or removed, so a row
    changed and a row added beside it are two changes, not one block."""
    sm = SequenceMatcher(None, [_key(r) for r in base], [_key(r) for r in other], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1)
        out += [(i1 + k, i1 + k + 1, [other[j1 + k]], side) for k in range(pairs)]
        if j2 - j1 > pairs:
            out.append((i2, i2, other[j1 + pairs:j2], side))
        if i2 - i1 > pairs:
            out.append((i1 + pairs, i2, [], side))
    return out


def _apply(base: list, changes: list[tuple], lo: int, hi: int) -> list:
    out, pos = [], lo
    for i1, i2, rows, _ in changes:
        out += base[pos:i1] + list(rows)
        pos = i2
    return out + base[pos:hi]


def merge_rows(base: list, theirs: list, mine: list, prefer: str | None = None) -> tuple[list, list[dict]]:
    """The table with both people's edits, and the conflicts: `[{"base", "theirs", "mine"}]`,
    each the rows of one run both changed differently. A conflict is resolved the way `prefer`
    says ("mine" or "theirs"; by default theirs, what is stored, stays in the merged table).

    Rows both added at the same place are kept once each (a row sent again is not doubled):

    >>> a, x, y = {"p": "A"}, {"p": "X"}, {"p": "Y"}
    >>> merge_rows([a], [a, x, y], [a, y])[0]
    [{'p': 'A'}, {'p': 'X'}, {'p': 'Y'}]
    >>> merge_rows([a, x], [a], [a, {"p": "X2"}])[1][0]["theirs"]  # removed by one, changed by the other
    []
    """
    changes = sorted(_changes(base, theirs, "theirs") + _changes(base, mine, "mine"),
                     key=lambda c: (c[0], c[1] > c[0], c[3] != "theirs"))
    out: list = []
    conflicts: list[dict] = []
    pos = k = 0
    while k < len(changes):
        group = [changes[k]]
        lo, hi = changes[k][0], changes[k][1]
        k += 1
        while k < len(changes):
            i1, i2 = changes[k][0], changes[k][1]
            # a run overlaps what it starts inside; insertions meet only at the same place
            if (hi > lo and i1 < hi) or (hi == lo and i1 == i2 == lo):
                group.append(changes[k])
                hi = max(hi, i2)
                k += 1
            else:
                break
        out += base[pos:lo]
        pos = hi
        sides = {c[3] for c in group}
        if len(sides) == 1:
            out += _apply(base, group, lo, hi)
            continue
        t_rows = _apply(base, [c for c in group if c[3] == "theirs"], lo, hi)
        m_rows = _apply(base, [c for c in group if c[3] == "mine"], lo, hi)
        if hi == lo:  # both added rows here: keep theirs, then those of mine they lack
            seen = {_key(r) for r in t_rows}
            out += t_rows + [r for r in m_rows if _key(r) not in seen]
        elif t_rows == m_rows:
            out += t_rows
        else:
            conflicts.append({"base": base[lo:hi], "theirs": t_rows, "mine": m_rows})
            out += m_rows if prefer == "mine" else t_rows
    return out + base[pos:], conflicts
