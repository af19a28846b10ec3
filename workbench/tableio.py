"""Reading and writing tables: CSV, TSV and XLSX files from facilitators.

Files come from phones, Excel and old Windows machines, so reading is forgiving:

* the format is chosen by extension (``.xlsx``/``.xlsm``, ``.tsv``/``.tab``, ``.csv``/``.txt``),
  and for text files the delimiter is sniffed (comma, semicolon, tab, pipe);
* text encodings tried in order: UTF-8 (with or without BOM), then cp1251;
* every cell is read as a string, so ids like ``007`` keep their leading zeros.

Every problem is reported as :class:`TableError` (a ``ValueError``) with a message that
names the file and what is wrong. :func:`write_csv` writes atomically: a temporary file in
the same folder, renamed at the end, so a failed run leaves no half-written output.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["TableError", "decode_bytes", "read_table", "write_csv"]

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
TAB_SUFFIXES = {".tsv", ".tab"}
ENCODINGS = ("utf-8-sig", "cp1251")
_DELIMITERS = ",;\t|"


class TableError(ValueError):
    """A table could not be read or written; the message says why."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes as UTF-8 (BOM or not), falling back to cp1251.

    Returns ``(text, encoding)``.

    >>> decode_bytes("идея".encode("cp1251"))
    ('идея', 'cp1251')
    >>> decode_bytes(b"\\xef\\xbb\\xbfidea")
    ('idea', 'utf-8-sig')
    """
    for enc in ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise TableError("text is neither UTF-8 nor cp1251")  # pragma: no cover (cp1251 maps ~all)


def _sniff_delimiter(text: str, default: str = ",") -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in _DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else default


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:4096]


def read_table(path: str | os.PathLike) -> pd.DataFrame:
    """Read a CSV, TSV or XLSX file into a DataFrame of strings (empty cells are ``""``).

    Raises :class:`TableError` when the file is missing, empty, broken or has no columns.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ideas.csv"
    >>> _ = p.write_bytes("id;idea\\n1;Дороги\\n2;Клуб\\n".encode("cp1251"))
    >>> df = read_table(p)
    >>> list(df.columns), df["idea"].tolist()
    (['id', 'idea'], ['Дороги', 'Клуб'])
    """
    path = Path(path)
    if not path.exists():
        raise TableError(f"{path}: file not found")
    if path.is_dir():
        raise TableError(f"{path}: is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise TableError(f"{path}: file is empty")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES or data[:4] == b"PK\x03\x04":
        df = _read_excel(path, data)
    else:
        df = _read_text(path, data, tab=suffix in TAB_SUFFIXES)
    df.columns = [str(c).strip() for c in df.columns]
    if df.shape[1] == 0:
        raise TableError(f"{path}: no columns found")
    if df.shape[0] == 0:
        raise TableError(f"{path}: no data rows (only a header)")
    return df


def _read_excel(path: Path, data: bytes) -> pd.DataFrame:
    import pandas as pd

    try:
        df = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=str, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds: zipfile.BadZipFile, KeyError, ...
        raise TableError(
            f"{path}: not a readable Excel .xlsx file ({type(exc).__name__}: {exc})"
        ) from exc
    # Excel keeps formatting on empty rows/columns: drop rows with no values at all and
    # header-less columns with no values, keep everything else (even empty named columns).
    df = df.dropna(how="all").fillna("")
    df = df.loc[:, [not str(c).startswith("Unnamed:") or df[c].ne("").any() for c in df.columns]]
    return df.reset_index(drop=True)


def _read_text(path: Path, data: bytes, tab: bool) -> pd.DataFrame:
    import pandas as pd

    if _looks_binary(data):
        raise TableError(f"{path}: looks like a binary file, expected CSV, TSV or XLSX")
    text, _enc = decode_bytes(data)
    sep = "\t" if tab else _sniff_delimiter(text)
    try:
        df = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
            skip_blank_lines=True, engine="python",
        )
    except pd.errors.EmptyDataError as exc:
        raise TableError(f"{path}: file is empty") from exc
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        raise TableError(f"{path}: broken {'TSV' if sep == chr(9) else 'CSV'} file ({exc})") from exc
    return df


def write_csv(df: pd.DataFrame, path: str | os.PathLike, encoding: str = "utf-8") -> None:
    """Write ``df`` to ``path`` as CSV without the index, atomically (temp file + rename).

    >>> import tempfile, pathlib, pandas as pd
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> write_csv(pd.DataFrame({"a": [1, 2]}), p)
    >>> p.read_text()
    'a\\n1\\n2\\n'
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise TableError(f"{path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            df.to_csv(fh, index=False)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
