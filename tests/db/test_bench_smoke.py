"""The benchmark harness at a toy size: every job runs on both sides and their digests agree."""

from __future__ import annotations

from bench import jobs as registry
from bench import results
from bench import run as bench_run
from heatoffice.db.connection import database


def test_every_job_runs_against_its_baseline_and_both_agree(tmp_path):
    out = tmp_path / "RESULTS.md"
    out.write_text("# old results\n\nhand-written text that the harness replaces\n",
                   encoding="utf-8")
    status = bench_run.main([
        "--db", "sqlite", "--accounts", "200", "--rounds", "1", "--in-process",
        "--notices", "40", "--payments", "8", "--repeat", "2",
        "--workdir", str(tmp_path / "work"), "--out", str(out)])

    assert status == 0
    sections = results.read(out)
    assert list(sections) == ["sqlite 200"]
    ran = sections["sqlite 200"]["jobs"]
    assert set(ran) == set(registry.load()), "every registered job ran"
    for name, job in ran.items():
        assert job["same"], f"{name}: program and baseline digests differ {job['digests']}"
        assert job["app"]["wall"] > 0 and job["bare"]["wall"] > 0, name
    text = out.read_text(encoding="utf-8")
    assert "hand-written text" not in text and "## sqlite 200" in text
    # The harness leaves the program's clock running and no database open.
    assert database.obj is None or database.obj.is_closed()
    assert not list((tmp_path / "work").glob("sqlite-200-1/*.db"))


def test_a_digest_mismatch_is_reported():
    job = registry.load()["billing"]
    same = registry.Outcome(1.0, 1.0, None, "aaaa")
    other = registry.Outcome(1.0, 1.0, None, "bbbb")
    summary = results.summarize(job, {"app": [same], "bare": [other]})
    assert not summary["same"] and summary["digests"] == ["aaaa", "bbbb"]
    assert "DIGEST MISMATCH" in results.console_line(summary)
