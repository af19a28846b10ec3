"""The workbench installed from a wheel, as a newcomer would: outside the checkout, it serves the
projector and the phone page, loads the demo and writes every export format."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

import pytest

from workbench.testing import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.served


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with only the wheel installed; its dependencies come from the test run's own
    environment through a .pth file (no download), so only the workbench is new."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WORKBENCH_DATABASE_URL")}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"),
                    str(ROOT)], check=True, cwd=tmp)
    [wheel] = (tmp / "dist").glob("workbench-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, cwd=tmp, env=env)
    # Then the dependencies; this environment's own workbench (an editable install, whose .pth
    # files a path added this way does not run) stays out of reach.
    Path(site, "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    # ... and their data files (Voila's page templates), where pip put them beside those packages.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return {"bin": venv / "bin", "py": py, "cwd": tmp, "env": env}


def _run(installed, *args) -> str:
    r = subprocess.run([str(installed["bin"] / "workbench"), *args], cwd=installed["cwd"],
                       env=installed["env"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_the_wheel_carries_its_files_and_not_the_checkout(installed):
    out = subprocess.run([str(installed["py"]), "-c", "import workbench, workbench.resources as r; "
                          "print(workbench.__file__); print(r.path('templates')); print(r.path('demo'))"],
                         cwd=installed["cwd"], env=installed["env"], capture_output=True, text=True,
                         check=True).stdout.split()
    venv = str(installed["bin"].parent)
    assert all(line.startswith(venv) for line in out), out  # nothing read from the repository
    # the English model's tokenizer travels with the package; English ideas embed from the wheel
    # (MiniLM, and GloVe's word vectors from their own wheel)
    out = subprocess.run([str(installed["py"]), "-c", "import workbench.embeddings as e; "
                          "print(e.minilm_available() and e.embed_minilm(['Repair the road']).shape); "
                          "print(e.glove_available() and e.embed_glove(['Repair the road']).shape)"],
                         cwd=installed["cwd"], env=installed["env"], capture_output=True, text=True,
                         check=True).stdout.split()
    from workbench import embeddings

    assert out == ((["(1,", "384)"] if embeddings.minilm_available() else ["False"])
                   + (["(1,", "50)"] if embeddings.glove_available() else ["False"])), out


def test_the_wheel_carries_the_stage_templates(installed, tmp_path):
    data = str(tmp_path / "data")
    for name in ("educational_module", "online_meeting", "empty"):
        _run(installed, "new-session", "--data", data, "--title", name, "--template", name)
    # `workbench sessions` names each kind in words (Russian by default): code, date, kind, …
    assert [line.split("  ")[2] for line in _run(installed, "sessions", "--data", data).splitlines()] == [
        "Образовательный модуль", "Онлайн-встреча", "Стратегическая сессия"]


def test_the_wheel_loads_the_demo_and_writes_every_export(installed, tmp_path):
    data = tmp_path / "data"
    _run(installed, "demo", "--data", str(data))
    code = _run(installed, "sessions", "--data", str(data)).split()[0]
    written = []
    for what, fmt in (("protocol", "md"), ("protocol", "docx"), ("protocol", "xlsx"),
                      ("drafts", "md"), ("drafts", "docx"), ("data", "csv")):
        out = tmp_path / f"{what}-{fmt}"
        written += _run(installed, "export", "--data", str(data), "--session", code, "--what", what,
                        "--format", fmt, "--output-dir", str(out)).split()
    assert any(p.endswith(".docx") for p in written) and any(p.endswith(".xlsx") for p in written)
    protocol = next(Path(p) for p in written if p.endswith(".md") and "protocol" in Path(p).name)
    assert "Каргопол" in protocol.read_text(encoding="utf-8")


def test_the_wheel_serves_the_projector_and_the_phone_page(installed, tmp_path):
    data = tmp_path / "data"
    _run(installed, "demo", "--data", str(data))
    port = free_port()
    log = open(tmp_path / "serve.log", "w")  # a file, not a pipe nobody reads (a full pipe stalls the server)
    proc = subprocess.Popen([str(installed["bin"] / "workbench"), "serve", "--data", str(data), "--host",
                             "127.0.0.1", "--port", str(port), "--no-browser"], cwd=installed["cwd"],
                            env=installed["env"], stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: _get(base + "/api/health")[0] == 200, timeout=60, message="the server answers")
        status, page = _get(base + "/s/KARGO1")
        assert status == 200 and "<html" in page.lower()
        token = __import__("json").loads((data / ".secret.json").read_text())["token"]
        status, page = _get(f"{base}/voila/render/facilitator.ipynb?session=KARGO1&token={token}")
        assert status == 200 and "cdn.jsdelivr" not in page and "wb-static/fontawesome" in page
        status, css = _get(base + "/wb-static/fontawesome/css/all.min.css")
        assert status == 200 and "font-family" in css
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        log.close()
