"""Make the old data folders of tests/test_old_stores.py, as released code of 4–5 December made them.

Run with the code of the old commit first on the path (an unpacked `git archive`, so no worktree is
needed), from the repository's root:

    git archive 605653d | tar -x -C /tmp/old-605653d
    PYTHONPATH=/tmp/old-605653d python tests/data/old_stores/make_old_stores.py 605653d

It loads a smaller demo session (10 people, 3 cards a stage, their dots, two teams with drafts; the
display showing the wall where that code had a display) into a new store and writes it as SQL text,
`schema-N-COMMIT.sql`: the store exactly as that code left it (its `meta.schema_version`, its tables
and columns). Sentence vectors (a cache) are left out.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(commit: str) -> Path:
    import workbench.demo as demo
    from workbench.store import Store

    assert Path(demo.__file__).resolve().parents[1] != HERE.parents[2], "put the old code first on PYTHONPATH"
    demo.PEOPLE = demo.PEOPLE[:10]
    demo.CARDS = {kind: texts[:3] for kind, texts in demo.CARDS.items()}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(tmp)
        code = demo.load_demo(store)
        session = store.session(code)
        if hasattr(store, "set_display"):
            store.set_display(session["id"], "wall", session["current_stage_id"], "")
        store.close()
        db = sqlite3.connect(Path(tmp) / "workbench.sqlite")
        version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        lines = [line for line in db.iterdump() if not line.startswith('INSERT INTO "card_vectors"')]
        db.close()
    out = HERE / f"schema-{version}-{commit}.sql"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    print(main(sys.argv[1]))
