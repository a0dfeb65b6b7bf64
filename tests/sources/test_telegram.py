from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from letopis.sources import iter_captures

from .conftest import assert_provenance

BENCH = Path(__file__).resolve().parents[2] / "bench" / "make_telegram_export.py"


def caps(source):
    out = list(iter_captures(str(source)))
    for c in out:
        assert_provenance(c)
    return out


def test_export_folder_and_result_json_are_the_same(fixtures):
    a = caps(fixtures / "telegram_export")
    b = caps(fixtures / "telegram_export" / "result.json")
    assert [c.locator for c in a] == [c.locator for c in b]


def test_export(fixtures):
    export, *messages = caps(fixtures / "telegram_export")
    result = (fixtures / "telegram_export" / "result.json").resolve()
    assert export.source_kind == "telegram_export" and export.error is None
    assert export.locator == str(result)
    assert export.title == "Монітор ТЦК"
    assert export.metadata["channel_id"] == "1987654321"
    assert export.artefacts[0].path == result and export.artefacts[0].data is None

    # service message 1 skipped
    assert [m.metadata["message_id"] for m in messages] == ["12", "13", "14", "15", "16"]
    for m in messages:
        assert m.source_kind == "telegram_message" and m.parent == export.locator and m.error is None
        assert m.locator == f"telegram:1987654321/{m.metadata['message_id']}"
        assert "channel_name" not in m.metadata and "channel_id" not in m.metadata  # the export's, not repeated
        orig = m.artefacts[0]
        assert orig.role == "original" and json.loads(orig.data)["id"] == int(m.metadata["message_id"])
    m12, m13, m14, m15, m16 = messages
    assert m12.text == "Вчора у Харкові працівники ТЦК затримали чоловіка біля ринку."
    assert m12.published == datetime(2025, 10, 30, 14, 22, 1, tzinfo=UTC)
    assert m12.text_method == "telegram text entities"

    assert m13.text == "В Одесі побили чоловіка під час рейду. Відео: https://example.org/v/1"
    assert m13.metadata["forwarded_from"] == "Одеса Live"
    assert m13.metadata["edited"] == "2025-10-30T15:10:00"
    assert m13.metadata["links"] == "https://example.org/v/1"
    media = [a for a in m13.artefacts if a.role == "media"]
    photo = fixtures / "telegram_export" / "photos" / "photo_1@30-10-2025_14-22-01.jpg"
    assert len(media) == 1 and media[0].path == photo.resolve() and media[0].media_type == "image/jpeg"
    assert media[0].path.read_bytes()[:2] == b"\xff\xd8"

    # media-only message: recorded, text ""
    assert m14.text == "" and [a.role for a in m14.artefacts] == ["original", "media"]

    # media not included in the export: noted, not a failure
    assert "File not included" in m15.metadata["media_missing"]
    assert m15.text == "Відео затримання у Львові."

    # a path out of the export folder is never attached
    assert "outside.jpg" in m16.metadata["media_rejected"]
    assert "files/missing.pdf" in m16.metadata["media_missing"]
    assert [a.role for a in m16.artefacts] == ["original"]


def test_broken_json_midway(fixtures):
    out = caps(fixtures / "telegram_broken")
    export, m12, m13, failure = out
    assert export.error is None
    assert [m12.metadata["message_id"], m13.metadata["message_id"]] == ["12", "13"]
    assert failure.source_kind == "telegram_export" and failure.error is not None
    assert failure.error == ("broken JSON in result.json after message 13: it ends inside the messages list, "
                             f"inside a string, at byte {(fixtures / 'telegram_broken' / 'result.json').stat().st_size}"
                             " (truncated?)")
    assert failure.artefacts  # the export file itself is kept


def test_header_after_messages(tmp_path):
    doc = '{"messages": [{"id": 5, "type": "message", "date_unixtime": "1761834121", "text": "x"}], ' \
          '"name": "Late", "type": "public_channel", "id": 42}'
    (tmp_path / "result.json").write_text(doc, "utf-8")
    export, msg = caps(tmp_path)
    assert export.metadata["channel_id"] == "42" and msg.locator == "telegram:42/5"


def test_not_an_export(tmp_path):
    (tmp_path / "result.json").write_text('{"hello": "world"}', "utf-8")
    [c] = caps(tmp_path / "result.json")
    assert c.error == 'not a Telegram Desktop export (no "messages" list)'


def test_full_account_export_refused(tmp_path):
    (tmp_path / "result.json").write_text('{"about": "x", "chats": {"list": []}}', "utf-8")
    [c] = caps(tmp_path)
    assert c.error.startswith("full-account Telegram export")


def test_date_without_unixtime(tmp_path):
    doc = {"name": "C", "type": "public_channel", "id": 1,
           "messages": [{"id": 1, "type": "message", "date": "2025-10-30T14:22:01", "text": "t"}]}
    (tmp_path / "result.json").write_text(json.dumps(doc), "utf-8")
    _, m = caps(tmp_path)
    assert m.published == datetime(2025, 10, 30, 14, 22, 1, tzinfo=UTC)
    assert "published_timezone" in m.metadata


def _bench_module():
    spec = importlib.util.spec_from_file_location("make_telegram_export", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# Measured in a fresh interpreter: tracemalloc traces every allocation of the process, and in a long test run
# what earlier tests left behind (caches, handlers) once made the same loop look five times bigger.
_STREAM = """
import json, sys, tracemalloc
from letopis.sources import iter_captures
tracemalloc.start()
count = media = 0
for c in iter_captures(sys.argv[1]):
    assert c.error is None, c.error
    count += c.source_kind == "telegram_message"
    media += sum(a.role == "media" for a in c.artefacts)
print(json.dumps({"count": count, "media": media, "peak": tracemalloc.get_traced_memory()[1]}))
"""


def test_large_export_streams_with_flat_memory(tmp_path):
    bench = _bench_module()
    path = bench.write_export(tmp_path / "export", 20_000, with_media=True)
    size = path.stat().st_size
    assert size > 10_000_000
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", _STREAM, str(tmp_path / "export")], env=env,
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["count"] == 20_000 - 20_000 // 50  # every 50th is a service message
    assert result["media"] > 0
    assert result["peak"] < size / 5, (result["peak"], size)


def test_the_news_mix_of_the_bench_export_reads_as_a_news_channel(tmp_path):
    bench = _bench_module()
    path = bench.write_export(tmp_path / "news", 500, mix="news")
    captures = [c for c in caps(path.parent) if c.text is not None]
    assert len(captures) == 500 - 500 // 50  # every 50th is a service message
    texts = [c.text for c in captures]
    assert len(set(texts)) == len(texts)  # every post its own text
    assert all("#нов" in t and "https://t.me/bench_channel/" in t for t in texts)  # hashtag and link kept as text
    lengths = sorted(len(t) for t in texts)
    assert lengths[len(lengths) // 2] > 3 * 120  # longer than the incidents mix's one-line reports
    in_scope = [t for t in texts if "ТЦК" in t or "Суд" in t or "пикет" in t]
    assert 10 <= len(in_scope) <= 40  # one post in 25, give or take the repeated news sentences
