from pathlib import Path

import pytest

from letopis.config import SETTINGS, load_config

DOCS = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def test_every_setting_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in text, setting.name


def test_precedence_defaults_toml_env_flags(tmp_path, monkeypatch):
    monkeypatch.delenv("LETOPIS_DATA", raising=False)
    monkeypatch.delenv("LETOPIS_TIMEOUT_S", raising=False)
    assert load_config(cwd=tmp_path).data == Path("letopis-data")
    (tmp_path / "letopis.toml").write_text('data = "from-toml"\ntimeout_s = 5\n')
    assert load_config(cwd=tmp_path).data == Path("from-toml")
    monkeypatch.setenv("LETOPIS_DATA", "from-env")
    config = load_config(cwd=tmp_path)
    assert config.data == Path("from-env") and config.timeout_s == 5
    assert load_config({"data": "from-flag"}, cwd=tmp_path).data == Path("from-flag")


def test_unknown_or_bad_settings_are_one_line_errors(tmp_path):
    (tmp_path / "letopis.toml").write_text('dta = "x"\n')
    with pytest.raises(ValueError, match="unknown setting"):
        load_config(cwd=tmp_path)
    (tmp_path / "letopis.toml").write_text('max_file_mb = "lots"\n')
    with pytest.raises(ValueError, match="bad setting"):
        load_config(cwd=tmp_path)
