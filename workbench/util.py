"""Small helpers shared by the domain modules (clustering, network) and the pages (HTML escaping):
no imports from the workbench, so any module can use them without an import cycle.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Hashable, Iterable

__all__ = ["UnionFind", "esc", "isolate", "mode", "unit_rows", "write_atomic", "xml_safe"]

# What XML 1.0 cannot hold (a Word, Excel or SVG file is XML): control characters but tab and
# the line breaks, lone surrogates, U+FFFE/U+FFFF. A vertical tab or form feed was a line break.
_XML_BREAKS = re.compile("[\x0b\x0c]")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value):
    """`value` with every text in it (through dicts, lists and tuples) fit for an XML file: a store
    written before the workbench cleaned what people type may hold a text Word or Excel refuses.

    >>> xml_safe({"cards": ["Дорога\\x0bмост\\x07", "A\\ufffeB"], "n": 3})
    {'cards': ['Дорога\\nмост', 'AB'], 'n': 3}
    """
    if isinstance(value, str):
        return _NOT_XML.sub("", _XML_BREAKS.sub("\n", value))
    if isinstance(value, dict):
        return {k: xml_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and type(value) in (list, tuple):
        return type(value)(xml_safe(v) for v in value)
    return value


def esc(text) -> str:
    """Text for HTML built in Python (pages, widgets): participant text is always shown as text,
    never as markup. ``None`` is nothing.

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> esc(None), esc(3), esc("Д'Артаньян & Ко")
    ('', '3', 'Д&#x27;Артаньян &amp; Ко')
    """
    return html.escape("" if text is None else str(text), quote=True)


# Letters written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, their
# presentation forms, the right-to-left and Arabic letter marks, and the RTL scripts beyond the BMP.
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u061c\U00010800-\U00010fff\U0001e800-\U0001efff]")
FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: HTML's <bdi>, as text


def isolate(text) -> str:
    """Text a participant wrote, set apart for the bidirectional algorithm when it holds letters
    written right to left: between FSI and PDI it takes its direction from its first letter and
    never moves the numbers and punctuation around it («1. שלום — 3 голоса» stays in that order).
    Text without such letters is returned as it is (in a left-to-right page it needs nothing), so
    are None and numbers. The phone, display and team pages' scripts have the same rule (`iso`).

    >>> isolate("שלום עולם") == FSI + "שלום עולם" + PDI, isolate("Тропа"), isolate(None)
    (True, 'Тропа', '')
    """
    text = "" if text is None else str(text)
    return f"{FSI}{text}{PDI}" if RTL.search(text) else text


def unit_rows(x):
    """The rows of a matrix scaled to unit length (a row of zeros stays zeros).

    >>> unit_rows(__import__("numpy").array([[3.0, 4.0], [0.0, 0.0]])).tolist()
    [[0.6, 0.8], [0.0, 0.0]]
    """
    import numpy as np

    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1.0, norms)


def mode(values: Iterable, default=""):
    """The most common non-empty value; a tie goes to the value seen first; `default` when none.

    Empty values (``""``, ``None``, ``0``: anything false) are not counted.

    >>> mode(["Каргополь", "", "Няндома", "Няндома", "Каргополь"])
    'Каргополь'
    >>> mode(["b", "a"]), mode(["", None]), mode([], default=None)
    ('b', '', None)
    """
    seen = [v for v in values if v]
    if not seen:
        return default
    counts = Counter(seen)
    best = max(counts.values())
    return next(v for v in seen if counts[v] == best)


class UnionFind:
    """Disjoint sets of hashable items (union by size, path halving).

    Items are added by `add`, by the constructor or by `union`; `find` of an item never added
    raises ``KeyError``.

    >>> uf = UnionFind(["a", "b", "c"])
    >>> uf.union("a", "b") == uf.find("b")
    True
    >>> uf.union("d", "a") == uf.find("d")  # "d" is added
    True
    >>> uf.size("d"), uf.size("c"), len(uf), "e" in uf
    (3, 1, 4, False)
    >>> uf.groups()
    [['a', 'b', 'd'], ['c']]
    """

    def __init__(self, items: Iterable[Hashable] = ()):
        self._parent: dict = {}
        self._size: dict = {}
        for item in items:
            self.add(item)

    def add(self, item: Hashable) -> bool:
        """Add `item` as a set of its own; False when it was already there."""
        if item in self._parent:
            return False
        self._parent[item] = item
        self._size[item] = 1
        return True

    def __contains__(self, item) -> bool:
        return item in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    def find(self, item: Hashable) -> Hashable:
        """The representative of the set holding `item`."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: Hashable, b: Hashable) -> Hashable:
        """Join the sets of `a` and `b` (adding either if new); return the new representative."""
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size.pop(rb)
        return ra

    def size(self, item: Hashable) -> int:
        """How many items the set holding `item` has."""
        return self._size[self.find(item)]

    def groups(self) -> list[list]:
        """Every set as a list of items in the order they were added, sets by their first item."""
        out: dict = {}
        for item in self._parent:
            out.setdefault(self.find(item), []).append(item)
        return list(out.values())


def write_all(files) -> list:
    """Write several files (`[(path, bytes)]`) all or none: each to a temporary file beside it
    first, renamed over its target only once every one is written whole (a full disk while
    writing the third leaves none of them, and the old files as they were).

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_all([(d / "a.csv", b"a"), (d / "b.csv", b"b")])], sorted(p.name for p in d.iterdir())
    (['a.csv', 'b.csv'], ['a.csv', 'b.csv'])
    """
    import os
    import tempfile
    from pathlib import Path

    staged = []
    try:
        for path, data in files:
            path = Path(path)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
    return [path for _, path in staged]


def write_atomic(path, data: bytes | str, encoding: str = "utf-8"):
    """Write a file whole or not at all: a temporary file in the same folder, renamed over the
    target at the end (a full disk or Ctrl-C leaves the old file, or none, never half of one).

    A target that exists and is no regular file is written into as it is, with no rename: a FIFO
    or a device (`--output /dev/stdout` prints the output; a rename had put a regular file in its
    place: as root, /dev/full became one). A link to a regular file (or to a new one) stays a link:
    the file it leads to is replaced whole, beside it.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.json"
    >>> write_atomic(p, "{}") == p and p.read_text()
    '{}'
    >>> link = p.with_name("link.json"); link.symlink_to(p)
    >>> write_atomic(link, "[]") == link and link.is_symlink() and p.read_text()
    '[]'
    """
    import errno
    import os
    import stat
    from pathlib import Path

    path = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):  # a new file (mkstemp names a missing folder)
        special = False
    if not special and path.is_symlink():
        target = path.resolve()  # the file the link leads to is the one replaced; the link stays
    else:
        target = path
    if special:
        # ignored by a FIFO or a device; a folder raises IsADirectoryError, as the rename did
        with open(path, "wb") as fh:
            fh.write(payload)
            fh.flush()
            try:
                os.fsync(fh.fileno())
            except OSError as exc:  # a pipe, a terminal: nothing to sync
                if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EROFS, errno.EBADF):
                    raise
        return path
    write_all([(target, payload)])
    return path
