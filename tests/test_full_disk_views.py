"""A full disk under a page's kernel: the control view says so in its language, as phones do
(`storage_full`), and keeps what was typed. The disk is filled for real: the kernel's process may
not grow any file past its size now (RLIMIT_FSIZE, as `test_api_errors` does to the server)."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r'''
import json, resource, sys
from pathlib import Path

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.ui.projector import ProjectorView

data, lang = Path(sys.argv[1]), sys.argv[2]
wb = Workbench(data)
load_demo(wb.store, teams=False)
view = ProjectorView(wb, "KARGO1", lang=lang)
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
files = [p for p in data.iterdir() if p.name.startswith("workbench.sqlite")]
resource.setrlimit(resource.RLIMIT_FSIZE, (max(p.stat().st_size for p in files), hard))
out = {}
for n in range(2000):  # cards are added until the store cannot grow
    view.new_text.value = f"Идея {n}: " + "дорога к причалу и мост через реку " * 12
    view.add_button.click()
    if "wb-err" in view.message.value:
        out["message"], out["typed"], out["n"] = view.message.value, view.new_text.value, n
        break
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # room again: the same click saves it
view.add_button.click()
out["after"], out["typed_after"] = view.message.value, view.new_text.value
out["saved"] = any(c["text"] == out.get("typed", "").strip() for c in wb.store.cards(view.session["id"], view.viewed_stage_id))
print(json.dumps(out))
'''


def _fill_the_disk(tmp_path, lang: str) -> dict:
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "data"), lang],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_a_full_disk_on_add_is_said_in_russian_and_the_text_stays(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    out = _fill_the_disk(tmp_path, "ru")
    assert "message" in out, "the store never filled up"
    assert "кончилось место" in out["message"] and "Введённое осталось" in out["message"]
    assert "OperationalError" not in out["message"] and "sqlalche.me" not in out["message"]
    assert out["typed"].startswith(f"Идея {out['n']}:")  # the facilitator's text is still in the box
    assert out["typed_after"] == "" and out["saved"] and "wb-err" not in out["after"]


def test_a_full_disk_is_said_in_english_on_an_english_page(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    out = _fill_the_disk(tmp_path, "en")
    assert "the disk is full" in out["message"] and "What you typed is still on the page" in out["message"]
    assert out["typed"].startswith("Идея")


def test_an_upload_on_a_full_disk_is_said_and_the_file_uploaded_before_stays(tmp_path, monkeypatch):
    """The analysis page writes the staff's file into the data folder: the disk fills while it is
    flushed (as `test_cli_errors` fills it), the page says so and the earlier file is whole."""
    import datetime as dt
    import errno
    import os

    from workbench.app import Workbench
    from workbench.ui.network_view import AnalysisView

    wb = Workbench(tmp_path / "data")
    view = AnalysisView(wb)

    def upload(data: bytes):
        view.upload.value = ({"name": "list.csv", "type": "", "size": len(data), "content": memoryview(data),
                              "last_modified": dt.datetime(2024, 3, 1)},)

    good = "ФИО,Мероприятие\nАнна,Встреча\nОлег,Встреча\n".encode()
    upload(good)
    assert "Загружен файл «list.csv»" in view.message.value

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    upload("ФИО,Мероприятие\nВера,Сессия\n".encode())
    assert "кончилось место" in view.message.value and "wb-err" in view.message.value
    assert (wb.data_dir / "network" / "uploads" / "list.csv").read_bytes() == good
    assert view.report.summary["people"] == 2  # the page still shows the list it showed
    wb.close()


OPEN_SCRIPT = r'''
import json, resource, sys
from pathlib import Path

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.ui.projector import ProjectorView

data = Path(sys.argv[1])
server = Workbench(data)  # `workbench serve` holds the store open, its files already there
load_demo(server.store, teams=False)
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))  # the disk is full: no file may grow
view = ProjectorView(Workbench(data), "KARGO1")
print(json.dumps({"message": view.message.value, "cards": len(view.cards),
                  "title": view.title.value}))
'''


def test_the_control_view_opens_on_a_full_disk_and_says_phones_are_not_saved(tmp_path, monkeypatch):
    """Opening writes the room's language for the display: on a full disk that write fails, and
    the facilitator still gets the control view with the session's cards, and a line saying the
    phones' answers are not being saved (it was a traceback in place of the page)."""
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    run = subprocess.run([sys.executable, "-c", OPEN_SCRIPT, str(tmp_path / "data")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert "wb-err" in out["message"]
    assert "Ответы с телефонов не сохраняются: кончилось место на диске" in out["message"]
    assert out["cards"] > 10 and "Каргопольский" in out["title"]
