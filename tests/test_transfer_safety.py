"""Nothing is lost, no secret leaks: `import-session --replace` with a bad file leaves the session
as it was (one line of error, exit code 2), and exports leave device tokens out unless asked."""

from __future__ import annotations

import errno
import json
import os

import pytest
from test_transfer import fill_every_table

from workbench.cli import main
from workbench.store import Store
from workbench.store.transfer import export_session


def counts(data_dir, code) -> dict[str, int]:
    store = Store.open(data_dir)
    try:
        return {name: len(rows) for name, rows in export_session(store, code)["tables"].items()}
    finally:
        store.close()


@pytest.fixture()
def laptop(tmp_path):
    """A data folder with a full session, and its export (with the tokens) on disk."""
    data = tmp_path / "laptop"
    store = Store.open(data)
    code = fill_every_table(store)
    exported = export_session(store, code, include_secrets=True)
    store.close()
    return data, code, exported


def _null_created_at(d):
    d["tables"]["votes"][-1]["created_at"] = None


def _dangling_card(d):
    d["tables"]["votes"][-1]["card_id"] = 987654


def _no_tables(d):
    del d["tables"]


def _wrong_schema_version(d):
    d["schema_version"] = "seven"


def _newer_schema_version(d):
    d["schema_version"] = 999


def _newer_format_version(d):
    d["format_version"] = 2


def _wrong_format_version(d):
    d["format_version"] = "2.0"


BAD = {
    "null created_at": (_null_created_at, "NOT NULL"),
    "newer format_version": (_newer_format_version, "файл выгружен более новой версией workbench (формат 2, "
                                                    "эта версия читает формат 1); обновите workbench"),
    "wrong format_version": (_wrong_format_version, "`format_version` должна быть целым числом от 1 до 1, а не «2.0»"),
    "dangling card_id": (_dangling_card, "card_id 987654 — нет такой строки в таблице cards файла"),
    "no tables": (_no_tables, "в файле нет таблиц"),
    "wrong schema_version": (_wrong_schema_version, "`schema_version` должна быть целым числом от 1 до"),
    "newer schema_version": (_newer_schema_version, "файл выгружен более новой версией (схема 999); обновите workbench"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_file_with_replace_leaves_the_session_whole(laptop, tmp_path, capsys, case):
    data, code, exported = laptop
    before = counts(data, code)
    assert before["participants"] and before["cards"] and before["votes"]
    spoil, message = BAD[case]
    spoil(exported)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    assert main(["import-session", "--data", str(data), "--replace", "--yes", str(bad)]) == 2  # the file lacks what it spoiled
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert counts(data, code) == before


def test_a_file_saved_with_a_bom_by_notepad_imports(laptop, tmp_path, capsys):
    data, code, exported = laptop
    text = json.dumps(exported, ensure_ascii=False)
    for name, raw in (("utf8.json", b"\xef\xbb\xbf" + text.encode("utf-8")), ("utf16.json", text.encode("utf-16"))):
        f = tmp_path / name
        f.write_bytes(raw)
        assert main(["import-session", "--data", str(data), "--replace", str(f)]) == 0, capsys.readouterr().err
        assert capsys.readouterr().out.startswith(f"сессия {code}:")


def test_a_table_or_a_file_in_another_encoding_is_said_to_be_no_session_export(laptop, tmp_path, capsys):
    import openpyxl

    data, code, _ = laptop
    before = counts(data, code)
    book = tmp_path / "good.xlsx"
    openpyxl.Workbook().save(book)
    cp1251 = tmp_path / "cp1251.json"
    cp1251.write_bytes('{"format": "Сессия"}'.encode("cp1251"))
    for f, why in ((book, "это не текстовый файл JSON (таблица XLSX или другой архив)"),
                   (cp1251, "это не текстовый файл JSON (байт 0xd1 на позиции 12 не UTF-8)")):
        assert main(["import-session", "--data", str(data), "--replace", str(f)]) == 2
        err = capsys.readouterr().err
        assert f"{f} — не выгрузка сессии: {why}; нужен файл `workbench export-session`" in err, err
        assert "codec" not in err and len(err.strip().splitlines()) == 1
    assert counts(data, code) == before


def test_deep_nesting_is_one_line_and_changes_nothing(laptop, tmp_path, capsys):
    data, code, _ = laptop
    before = counts(data, code)
    bad = tmp_path / "deep.json"
    bad.write_text("[" * 100_000 + "]" * 100_000)
    assert main(["import-session", "--data", str(data), "--replace", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "слишком глубокая вложенность, это не выгрузка сессии" in err and len(err.strip().splitlines()) == 1, err
    assert counts(data, code) == before


def test_ctrl_c_in_the_middle_of_a_replace_changes_nothing(laptop, tmp_path, capsys, monkeypatch):
    """Interrupted after the old session was deleted and new rows went in: all rolled back."""
    data, code, exported = laptop
    before = counts(data, code)
    for row in exported["tables"]["participants"]:
        del row["token"]  # so the import calls token_urlsafe while it inserts participants
        row["created_at"] += 0.5  # (rows the store does not have: a kept token would not need it)
    f = tmp_path / "s.json"
    f.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")

    def interrupt(_n):
        raise KeyboardInterrupt
    monkeypatch.setattr("workbench.store.transfer.secrets.token_urlsafe", interrupt)
    assert main(["import-session", "--data", str(data), "--replace", "--yes", str(f)]) == 2
    err = capsys.readouterr().err
    assert "прервано: ничего не изменено" in err and len(err.strip().splitlines()) == 1
    assert counts(data, code) == before


def test_a_good_replace_still_replaces(laptop, tmp_path):
    data, code, exported = laptop
    exported["tables"]["sessions"][0]["title"] = "Новое название"
    f = tmp_path / "s.json"
    f.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    before = counts(data, code)
    assert main(["import-session", "--data", str(data), "--replace", str(f)]) == 0
    store = Store.open(data)
    assert [s["title"] for s in store.list_sessions()] == ["Новое название"]
    store.close()
    assert counts(data, code) == before


def test_export_session_leaves_tokens_out_unless_asked(laptop, tmp_path, capsys):
    data, code, exported = laptop
    tokens = [p["token"] for p in exported["tables"]["participants"]]
    plain, secret = tmp_path / "plain.json", tmp_path / "secret.json"
    assert main(["export-session", "--data", str(data), "--session", code, "--output", str(plain)]) == 0
    assert main(["export-session", "--data", str(data), "--session", code, "--output", str(secret),
                 "--include-secrets"]) == 0
    text = plain.read_text(encoding="utf-8")
    assert not any(tok in text for tok in tokens)
    assert all("token" not in p for p in json.loads(text)["tables"]["participants"])
    assert all(tok in secret.read_text(encoding="utf-8") for tok in tokens)
    # Imported elsewhere without tokens: every participant is there, with a new token; the old
    # tokens do not open the copy (those phones join again).
    other = Store.open(tmp_path / "server")
    assert main(["import-session", "--data", str(tmp_path / "server"), str(plain)]) == 0
    s = other.session(code)
    people = other.participants(s["id"])
    assert [p["name"] for p in people] == [p["name"] for p in exported["tables"]["participants"]]
    assert len({p["token"] for p in people}) == len(people) and not {p["token"] for p in people} & set(tokens)
    other.close()


def test_export_data_leaves_tokens_out_unless_asked(laptop, tmp_path):
    data, code, exported = laptop
    tokens = [p["token"] for p in exported["tables"]["participants"]]
    out = tmp_path / "dump"
    assert main(["export", "--data", str(data), "--session", code, "--what", "data", "--format", "csv",
                 "--output-dir", str(out)]) == 0
    every = "".join(p.read_text(encoding="utf-8-sig") for p in out.iterdir())
    assert "Новый 0" in every and not any(tok in every for tok in tokens)
    header = (out / f"{code}-participants.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "Токен (секрет)" not in header.split(";")
    out2 = tmp_path / "dump2"
    assert main(["export", "--data", str(data), "--session", code, "--what", "data", "--format", "csv",
                 "--output-dir", str(out2), "--include-secrets"]) == 0
    with_tokens = (out2 / f"{code}-participants.csv").read_text(encoding="utf-8-sig")
    assert tokens[0] in with_tokens and "Токен (секрет)" in with_tokens.splitlines()[0].split(";")


def test_export_to_an_unwritable_place_is_one_line(laptop, tmp_path, capsys, monkeypatch):
    data, code, _ = laptop
    target = tmp_path / "no-such-folder" / "s.json"
    assert main(["export-session", "--data", str(data), "--session", code, "--output", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"не удаётся записать {target}" in err and len(err.strip().splitlines()) == 1
    assert not target.parent.exists()
    # A full disk in the middle of the write: the old file stays, no temporary file is left.
    old = tmp_path / "old.json"
    old.write_text("previous export")

    def disk_full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", disk_full)
    assert main(["export-session", "--data", str(data), "--session", code, "--output", str(old)]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and len(err.strip().splitlines()) == 1
    assert old.read_text() == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laptop", "old.json"]


def _links(data, code) -> dict:
    """The links this store hands out for the session: team links, public page, check-in QR codes."""
    store = Store.open(data)
    try:
        sid = store.session(code)["id"]
        return {"team": sorted(store.team_links([d["id"] for d in store.drafts(sid)]).values()),
                "public": store.public_page(sid)["token"],
                "checkin": sorted(r["checkin_token"] for r in store.registrations(sid)),
                "phones": sorted(p["token"] for p in store.participants(sid) if not p.get("on_paper"))}
    finally:
        store.close()


def _opens(data, links) -> bool:
    """Every one of these links still opens in this store."""
    store = Store.open(data)
    try:
        for token in links["team"]:
            store.draft_by_team_token(token)
        store.public_page_by_token(links["public"])
        for token in links["checkin"]:
            store.check_in(token)
        return True
    finally:
        store.close()


def test_moving_a_session_without_secrets_says_its_links_changed_and_back_keeps_them(laptop, tmp_path, capsys):
    """Imported where its links were never given out, the import says which links are new and where
    to find them; moved back with --replace, the links the store gave out keep working."""
    data, code, _ = laptop
    server, plain = tmp_path / "server", tmp_path / "plain.json"
    laptop_links = _links(data, code)
    phones = len(laptop_links["phones"])
    assert main(["export-session", "--data", str(data), "--session", code, "--output", str(plain)]) == 0
    capsys.readouterr()
    assert main(["import-session", "--data", str(server), str(plain)]) == 0
    out = capsys.readouterr().out
    assert (f"сессия {code}: ссылки изменились — ссылки команд: 1, публичная страница итогов, QR-коды регистрации: 1, "
            f"телефоны участников (войдут в сессию заново): {phones}. Прежние ссылки больше не открываются.") in out
    assert f"/voila/render/draft.ipynb?session={code}" in out
    assert "выгружайте сессию с --include-secrets" in out and "оставлены" not in out
    server_links = _links(server, code)
    assert not set(server_links["team"]) & set(laptop_links["team"])  # the laptop's links: not here

    # The team works on the server, then the session goes back to the server from the laptop's copy
    # (or the server's own export) with --replace: the links the server gave out still open.
    again = tmp_path / "again.json"
    assert main(["export-session", "--data", str(server), "--session", code, "--output", str(again)]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "import-session", "--data", str(server), "--replace", str(again)]) == 0
    out = capsys.readouterr().out
    assert (f"session {code}: this store's links were kept and open as before: team links: 1, the public "
            f"results page, registration QR codes: 1, participants' phones: {phones}") in out
    assert "links changed" not in out
    assert _links(server, code) == server_links and _opens(server, server_links)
    # And back on the laptop: its own links are the ones kept there.
    assert main(["import-session", "--data", str(data), "--replace", str(again)]) == 0
    assert _links(data, code) == laptop_links and _opens(data, laptop_links)
