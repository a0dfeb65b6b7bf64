"""The trained judge: what ships, what it decides, how it is switched off and retrained."""

import hashlib
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from letopis.config import load_config
from letopis.errors import ConfigError
from letopis.extract.engine import Engine
from letopis.extract.judge import WEIGHTS_PATH, Judge, ReportView, features, load_judge
from letopis.model import Location, Record, Report
from letopis.model.records import Kind

ROOT = Path(__file__).resolve().parents[2]
KYIV = Location("Kyiv", "Kyiv", "UA", 50.45, 30.52, 1)


def _record(event_type: str, kind: Kind = "incident", quote: str = "Recruiters detained a man in Kyiv.") -> Record:
    return Record(kind=kind, date="2025-10-01", date_precision="day", event_type=event_type, location=KYIV,
                  fatalities=None, injured=None, detained=1, actors=(), summary="", quote=quote, start=0,
                  end=len(quote), language="en", confidence=0.8)


def test_shipped_weights_hold_word_heads_and_rule_features_only():
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert 0 < data["threshold"] < 1 and data["weights"] and data["learned_from"]
    assert all(u.startswith(("http://", "https://")) for u in data["learned_from"])
    prefixes = {"w", "o", "c", "rc", "kind", "type", "lang", "prec", "from", "geo", "cc", "pos", "n",
                "len", "qlen", "tl", "tg"}
    for name in data["weights"]:
        prefix, _, value = name.partition(":")
        assert prefix in prefixes, name
        if prefix in ("w", "o"):
            assert len(value) <= 5 and " " not in value, name   # a word head, never a phrase


def test_judge_drops_disbelieved_incidents_and_never_a_statistic():
    judge = Judge(bias=0.0, weights={"type:other": -5.0, "type:protest": 3.0}, threshold=0.5)
    view = ReportView(opening="", cues=frozenset(), records=3, length=500)
    records = [_record("other"), _record("protest"), _record("statistic", kind="statistic")]
    kept = judge.keep(records, view)
    assert [r.event_type for r in kept] == ["protest", "statistic"]
    names = features(records[0], 0, view)
    assert judge.probability(names) < 0.01 and judge.probability(features(records[1], 1, view)) > 0.9


def test_all_candidates_keeps_every_record_the_judge_keeps():
    judged, every = Engine(), Engine(judged=False)
    assert load_judge() is not None and every.judge is None
    for path in sorted((ROOT / "holdout").rglob("*.txt"))[:12]:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        report = Report(text=path.read_text(encoding="utf-8"), published=date.fromisoformat(meta["published"]))
        kept = {(r.start, r.end) for r in judged.extract(report)}
        assert kept <= {(r.start, r.end) for r in every.extract(report)}


def test_judge_setting_from_environment(monkeypatch, tmp_path):
    assert load_config(cwd=tmp_path).judge is True
    monkeypatch.setenv("LETOPIS_JUDGE", "false")
    assert load_config(cwd=tmp_path).judge is False
    monkeypatch.setenv("LETOPIS_JUDGE", "perhaps")
    with pytest.raises(ConfigError, match="yes/no"):
        load_config(cwd=tmp_path)


# -- the trainer, end to end on a small set of our own reports ---------------------------------

_REPORTS = {
    "en/001-a": ("https://one.example/a", "On 3 March recruiters detained a man in Lviv and took him to the "
                 "enlistment office.", "recruiters detained a man"),
    "en/002-b": ("https://two.example/b", "On 5 March a crowd in Odesa blocked a recruiters' van and freed "
                 "a detained man.", "crowd in Odesa blocked"),
    "en/003-c": ("https://one.example/c", "Recruitment officers beat a conscript in Kharkiv on 9 March, "
                 "his mother said.", "Recruitment officers beat a conscript"),
    "en/004-d": ("https://two.example/d", "A film from 4 March shows recruiters in Kyiv detaining a man "
                 "on a tram; the footage is from 2023.", None),
    "en/005-e": ("https://three.example/e", "On 6 March border guards detained four men near the Tisza "
                 "river in Zakarpattia.", "border guards detained four men"),
    "en/006-f": ("https://three.example/f", "The city of Dnipro opened a new bridge on 7 March after "
                 "two years of work.", None),
}


def _write_set(root: Path, cache: Path) -> None:
    for name, (url, text, key) in _REPORTS.items():
        meta_path = root / f"{name}.json"
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        (cache / name).with_suffix(".txt").parent.mkdir(parents=True, exist_ok=True)
        (cache / f"{name}.txt").write_text(text, encoding="utf-8")
        records = [] if key is None else [{"kind": "incident", "keys": [key], "event_type": "other"}]
        meta_path.write_text(json.dumps({
            "url": url, "found_by": "test", "published": "2025-03-10", "language": "en",
            "source_kind": "news", "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
            "text_chars": len(text), "records": records}), encoding="utf-8")


def test_trainer_writes_weights_and_the_addresses_it_learned_from(tmp_path):
    pytest.importorskip("sklearn")
    _write_set(tmp_path / "set", tmp_path / "cache")
    out = tmp_path / "judge.json"
    env = {**os.environ, "LETOPIS_REAL_CACHE": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, str(ROOT / "real" / "train_judge.py"), "--set", str(tmp_path / "set"),
                           "--folds", "2", "--thresholds", "0.5"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "rules alone" in proc.stdout and "out of fold, threshold 0.5" in proc.stdout
    proc = subprocess.run([sys.executable, str(ROOT / "real" / "train_judge.py"), "--set", str(tmp_path / "set"),
                           "--write", "0.4", "--out", str(out)], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["threshold"] == 0.4 and data["weights"]
    assert data["learned_from"] == sorted(url for url, _, _ in _REPORTS.values())
    judge = load_judge.__wrapped__(out)
    assert isinstance(judge, Judge) and judge.threshold == 0.4
