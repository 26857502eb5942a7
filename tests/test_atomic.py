"""Atomic writes: a run killed mid-way leaves the previous report and store intact, a re-run redoes
cleanly, and the same input gives the same report apart from the ``generated`` timestamp."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from parallax.report import files as report_files
from parallax.store import Store

CLI = str(Path(sys.executable).with_name("parallax"))
# Fictional articles written for this test: two outlets on one story, one on another.
ARTICLES = {
    "quarry__tarn-gazette.txt": "Title: Quarry blast shakes Tarnby\nOutlet: Tarn Gazette\nPublished: 2032-06-02\n\n"
    "A blast at the Tarnby quarry on Tuesday cracked windows in 30 houses, police said.\n\n"
    "The quarry's owner, Helga Strand, said the charge had been twice the permitted size.\n",
    "quarry__fell-courier.txt": "Title: Tarnby residents angry after quarry blast\nOutlet: Fell Courier\nPublished: 2032-06-03\n\n"
    "Windows in 45 houses were cracked by Tuesday's blast at the Tarnby quarry, residents said.\n\n"
    "Owner Helga Strand denied that the charge had been too large.\n",
    "choir__fell-courier.txt": "Title: Fell choir wins national prize\nOutlet: Fell Courier\nPublished: 2032-06-04\n\n"
    "The Fell youth choir won the national choir prize in Oskby on Saturday, beating 14 other choirs.\n",
}
REPORT_FILES = ("report.json", "report.html", "report.md")


def analyze_cmd(corpus: Path, out: Path) -> list[str]:
    return [CLI, "analyze", str(corpus), "-o", str(out), "-q", "--workers", "1"]


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in REPORT_FILES}


def without_timestamp(report_json: bytes) -> dict:
    data = json.loads(report_json)
    assert data.pop("generated")
    return data


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("atomic") / "corpus"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


class Stalling(BaseHTTPRequestHandler):
    """Answers nothing: a run that fetches from it is held mid-analysis until we kill it."""

    asked = threading.Event()

    def do_GET(self):
        Stalling.asked.set()
        time.sleep(60)

    def log_message(self, *args):
        pass


def test_killed_run_keeps_the_previous_report_and_a_rerun_gives_the_same_report(corpus, tmp_path):
    out = tmp_path / "out"
    subprocess.run(analyze_cmd(corpus, out), check=True, capture_output=True, timeout=300)
    before = snapshot(out)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Stalling)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/late-article"
    try:  # the run reads the corpus, then waits on the URL: killed there, mid-analysis, before any write
        victim = subprocess.Popen(analyze_cmd(corpus, out) + [url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)  # its own process group: we kill it and its workers only
        assert Stalling.asked.wait(timeout=240), "the run never reached the URL"
        assert victim.poll() is None
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(timeout=30)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert victim.returncode == -signal.SIGKILL
    assert snapshot(out) == before, "the killed run touched the previous report"
    assert json.loads(before["report.json"])["articles"], "and that report is readable"

    subprocess.run(analyze_cmd(corpus, out), check=True, capture_output=True, timeout=300)  # a fresh process
    after = snapshot(out)
    assert without_timestamp(after["report.json"]) == without_timestamp(before["report.json"])
    assert sorted(p.name for p in out.iterdir()) == sorted(REPORT_FILES), "no temp files left behind"


def test_failed_report_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    report_files.write_atomic(target, '{"old": true}')

    def power_cut(src, dst):
        raise OSError("disk went away")

    monkeypatch.setattr(report_files.os, "replace", power_cut)
    with pytest.raises(OSError):
        report_files.write_atomic(target, '{"new": true}')
    assert json.loads(target.read_text()) == {"old": True}
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


# ---------------------------------------------------------------- the store, killed mid-transaction

STORE_WRITER = textwrap.dedent("""
    import copy, json, sys
    from parallax.store import Store
    small = json.load(open(sys.argv[2], encoding="utf-8"))
    big = copy.deepcopy(small)
    for k in range(60):  # many stories and articles: a save takes long enough to be interrupted
        for s in small["stories"]:
            s2 = copy.deepcopy(s)
            s2["id"] = f"{s['id']}x{k}"
            s2["articles"] = [f"{a}x{k}" for a in s["articles"]]
            for f in s2["facts"]:
                for c in f["claims"]:
                    c["article"] += f"x{k}"
            big["stories"].append(s2)
        for a in small["articles"]:
            big["articles"].append({**a, "id": f"{a['id']}x{k}", "story": f"{a['story']}x{k}"})
    with Store(sys.argv[1]) as store:
        print("ready", flush=True)
        while True:
            store.save(big)
            store.save(small)
""")


def test_store_killed_mid_write_holds_one_whole_corpus(tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "report" / "small.json"
    small = json.loads(fixture.read_text(encoding="utf-8"))
    path = tmp_path / "corpus.sqlite"
    with Store(path) as store:
        store.save(small)
    writer = subprocess.Popen([sys.executable, "-c", STORE_WRITER, str(path), str(fixture)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "ready"
    time.sleep(1.0)
    writer.kill()
    writer.wait(timeout=30)
    with Store(path) as store:
        data = store.report()
        counts = store.counts()
        hits = {h["article"] for h in store.search("passengers")["articles"]}
    ids = {a["id"] for a in data["articles"]}
    assert len(data["stories"]) in (len(small["stories"]), len(small["stories"]) * 61), "a whole corpus, not part of one"
    assert counts["articles"] == len(ids) == len(small["articles"]) * len(data["stories"]) // len(small["stories"])
    assert hits <= ids, "the search index matches the rows"
    if len(data["stories"]) == len(small["stories"]):
        assert data == small
