"""The machine translator a run uses, from the settings: none unless ``translate_url`` is set.

``open_translator`` makes the backend the setting ``translate_api`` names
(:mod:`letopis.translation`), with the ``proxy`` and ``timeout_s`` settings and
the key in ``LETOPIS_TRANSLATE_KEY``; without ``translate_url`` it gives None
and nothing is ever sent. The services hand it only text already redacted for
the public (the site's pages, a digest's quotes), and say in the custody entry
what it did (:func:`translation_record`).
"""

from __future__ import annotations

import os
from typing import Any

from letopis.config import Config
from letopis.translation import KEY_ENV, MachineTranslator
from letopis.translation.libretranslate import LibreTranslate
from letopis.translation.openai import OpenAICompatible

__all__ = ["open_translator", "translation_record"]


def open_translator(config: Config) -> MachineTranslator | None:
    """The run's translator, or None when ``translate_url`` is not set (the default: no request at all)."""
    if not config.translate_url:
        return None
    key = os.environ.get(KEY_ENV) or None
    timeout = float(config.timeout_s)
    if config.translate_api == "openai":
        backend: Any = OpenAICompatible(config.translate_url, config.translate_model or "", proxy=config.proxy,
                                        timeout=timeout, key=key)
    else:
        backend = LibreTranslate(config.translate_url, proxy=config.proxy, timeout=timeout, key=key)
    return MachineTranslator(backend)


def translation_record(translator: MachineTranslator | None) -> dict[str, Any]:
    """What a custody entry says of the run's machine translation (nothing when it was off)."""
    if translator is None:
        return {}
    return {"machine_translation": {"backend": translator.backend.name, "translated": translator.translated,
                                    "failure": translator.failure}}
