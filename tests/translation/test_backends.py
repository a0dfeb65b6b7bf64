"""The translation backends against real HTTP servers on the loopback: what is sent, what is taken back, and
how a failure (nothing listening, an error, an answer that is not a translation) leaves the text untranslated
with one warning, and nothing more is asked in that run."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from letopis.config import Config, load_config
from letopis.errors import ConfigError
from letopis.services.translation import open_translator, translation_record
from letopis.translation import MachineTranslator
from letopis.translation.libretranslate import LibreTranslate
from tests.translation.servers import closed_port_url, fake_server


def config(tmp_path: Path, **settings: object) -> Config:
    base = Config(data=tmp_path, database_url=None, collector="t", cache=None, proxy=None, max_file_mb=10,
                  timeout_s=5)
    return replace(base, **settings)  # type: ignore[arg-type]


def test_off_by_default_no_translator_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LETOPIS_TRANSLATE_URL", raising=False)
    loaded = load_config({"data": str(tmp_path)}, cwd=tmp_path)
    assert loaded.translate_url is None and open_translator(loaded) is None
    assert translation_record(None) == {}


def test_libretranslate_is_sent_the_text_and_its_languages_and_each_text_once(tmp_path: Path) -> None:
    with fake_server("libretranslate") as fake:
        translator = open_translator(config(tmp_path, translate_url=fake.url))
        assert translator is not None
        try:
            text = "Чоловіка затримали біля ринку."
            assert translator.translate(text, "uk", "en") == "[en] " + text
            assert translator.translate(text, "uk", "en") == "[en] " + text  # kept for the run
            assert translator.translate(text, "uk", "uk") is None  # same language: nothing to do
            assert translator.translate("  ", "uk", "en") is None
        finally:
            translator.close()
    assert [(path, body) for path, _, body in fake.requests] == [
        ("/translate", {"q": text, "source": "uk", "target": "en", "format": "text"})]
    assert translation_record(translator) == {
        "machine_translation": {"backend": "libretranslate", "translated": 1, "from_earlier_runs": 0,
                                "failure": None}}


def test_an_openai_compatible_endpoint_gets_the_model_and_the_key(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETOPIS_TRANSLATE_KEY", "sk-test-123")
    with fake_server("openai") as fake:
        translator = open_translator(config(tmp_path, translate_url=fake.url, translate_api="openai",
                                            translate_model="small-mt"))
        assert translator is not None
        try:
            assert translator.translate("В Одессе задержали мужчину.", "ru", "uk") == \
                "[uk] В Одессе задержали мужчину."
        finally:
            translator.close()
    (path, headers, body), = fake.requests
    assert path == "/v1/chat/completions" and headers["authorization"] == "Bearer sk-test-123"
    assert body["model"] == "small-mt" and body["temperature"] == 0
    assert "from Russian into Ukrainian" in body["messages"][0]["content"]
    assert body["messages"][1] == {"role": "user", "content": "В Одессе задержали мужчину."}


@pytest.mark.parametrize("mode", ["error", "not_json", "empty"])
def test_a_bad_answer_leaves_the_text_untranslated_with_one_warning(tmp_path: Path, mode: str,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    with fake_server("libretranslate") as fake:
        fake.mode = mode
        translator = open_translator(config(tmp_path, translate_url=fake.url))
        assert translator is not None
        with caplog.at_level(logging.WARNING, logger="letopis.translation"):
            assert translator.translate("перший", "uk", "en") is None
            assert translator.translate("другий", "uk", "en") is None
        translator.close()
    assert len(fake.requests) == 1  # after the first failure nothing more is asked
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "machine translation failed" in warnings[0]
    assert translator.failure is not None and fake.url in translator.failure


def test_a_server_that_is_not_there_is_one_warning_not_a_crash(tmp_path: Path) -> None:
    warned: list[str] = []
    translator = MachineTranslator(LibreTranslate(closed_port_url(), proxy=None, timeout=5), warned.append)
    assert translator.translate("текст", "uk", "en") is None
    assert translator.translate("ще текст", "ru", "en") is None
    translator.close()
    assert len(warned) == 1 and "cannot reach" in warned[0]


def test_the_settings_are_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETOPIS_TRANSLATE_URL", "http://127.0.0.1:5000")
    monkeypatch.setenv("LETOPIS_TRANSLATE_API", "deepl")
    with pytest.raises(ConfigError, match="translate_api"):
        load_config({"data": str(tmp_path)}, cwd=tmp_path)
    monkeypatch.setenv("LETOPIS_TRANSLATE_API", "openai")
    with pytest.raises(ConfigError, match="translate_model"):
        load_config({"data": str(tmp_path)}, cwd=tmp_path)
    monkeypatch.setenv("LETOPIS_TRANSLATE_MODEL", "small-mt")
    loaded = load_config({"data": str(tmp_path)}, cwd=tmp_path)
    assert (loaded.translate_url, loaded.translate_api, loaded.translate_model) == \
        ("http://127.0.0.1:5000", "openai", "small-mt")
    monkeypatch.setenv("LETOPIS_TRANSLATE_URL", "ftp://example.org")
    with pytest.raises(ConfigError, match="translate_url"):
        load_config({"data": str(tmp_path)}, cwd=tmp_path)
