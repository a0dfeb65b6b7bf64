"""`letopis extract` end to end, through the installed command, including bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "letopis.cli", *args], input=stdin,
                          capture_output=True, timeout=300, env={**os.environ, "PYTHONWARNINGS": "ignore"})


def records(proc: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]


def test_sample_digest_gives_records_with_exact_quotes():
    sample = ROOT / "samples" / "digest-uk.txt"
    proc = run("extract", str(sample), "--published", "2025-11-03")
    assert proc.returncode == 0, proc.stderr.decode()
    out = records(proc)
    text = sample.read_text(encoding="utf-8")
    assert len(out) >= 5
    for r in out:
        assert set(r) == {"kind", "date", "date_precision", "event_type", "location", "fatalities",
                          "injured", "detained", "actors", "summary", "quote", "start", "end",
                          "language", "confidence", "metric", "value", "period", "date_source"}
        assert text[r["start"]:r["end"]] == r["quote"]
        assert r["language"] == "uk"
    kharkiv = next(r for r in out if "Харкові" in r["quote"])
    assert kharkiv["event_type"] == "mobilization_detention"
    assert kharkiv["date"] == "2025-10-30" and kharkiv["detained"] == 2
    assert kharkiv["location"]["name"] == "Kharkiv"
    assert any(r["kind"] == "statistic" and r["value"] == 19000 for r in out)


def test_stdin_and_table_and_csv_formats():
    text = b"On October 30 recruitment officers detained two men in Kharkov."
    for fmt, marker in (("table", "Kharkiv"), ("csv", "location_name")):
        proc = run("extract", "-", "--published", "2025-11-03", "--format", fmt, stdin=text)
        assert proc.returncode == 0, proc.stderr.decode()
        assert marker in proc.stdout.decode()


def _one_line_error(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode().strip()
    assert proc.returncode != 0
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    return err


def test_unparseable_published(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("text", encoding="utf-8")
    assert "--published" in _one_line_error(run("extract", str(f), "--published", "30/10/2025"))


def test_missing_file(tmp_path):
    assert "no such file" in _one_line_error(run("extract", str(tmp_path / "nope.txt")))


def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    proc = run("extract", str(f))
    if proc.returncode == 0:
        assert proc.stdout == b""
    else:
        _one_line_error(proc)


def test_binary_file(tmp_path):
    f = tmp_path / "blob.txt"
    f.write_bytes(bytes(range(256)) * 64)
    _one_line_error(run("extract", str(f)))


def test_invalid_utf8_is_read_or_refused_cleanly(tmp_path):
    f = tmp_path / "cp1251.txt"
    f.write_bytes("30 октября в Харькове задержали двух мужчин сотрудники ТЦК.".encode("cp1251"))
    proc = run("extract", str(f), "--published", "2025-11-03")
    if proc.returncode == 0:
        assert any(r["location"] and r["location"]["name"] == "Kharkiv" for r in records(proc))
    else:
        _one_line_error(proc)
    f.write_bytes(b"\xff\xfe\xfa broken \xc3\x28 bytes \x80\x81" * 10)
    proc = run("extract", str(f))
    assert "Traceback" not in proc.stderr.decode()


def test_huge_file(tmp_path):
    f = tmp_path / "huge.txt"
    line = "Nothing happened here today, only weather news and sport. " * 20 + "\n"
    with f.open("w", encoding="utf-8") as out:
        while out.tell() < 50 * 1024 * 1024 + 10:
            out.write(line)
    proc = run("extract", str(f))
    if proc.returncode != 0:
        _one_line_error(proc)


def test_directory_is_refused(tmp_path):
    _one_line_error(run("extract", str(tmp_path)))
