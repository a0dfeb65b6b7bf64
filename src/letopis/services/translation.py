"""The machine translator a run uses, from the settings: none unless ``translate_url`` is set.

``open_translator`` makes the backend the setting ``translate_api`` names
(:mod:`letopis.translation`), with the ``proxy`` and ``timeout_s`` settings and
the key in ``LETOPIS_TRANSLATE_KEY``; without ``translate_url`` it gives None
and nothing is ever sent. The services hand it only text already redacted for
the public (the site's pages, a digest's quotes and source titles), and say in
the custody entry what it did (:func:`translation_record`).

Given the store's database, the translator keeps its translations there
(:class:`StoredTranslations`, the table ``machine_translations``: the key
and the translation, never the text) and answers a text it has translated in
an earlier run from there, without sending it: publishing the same site again
sends nothing new. Like everything in the database, the kept translations are
encrypted with it on an encrypted SQLite store.
"""

from __future__ import annotations

import os
from typing import Any

from letopis.config import Config
from letopis.db import Database
from letopis.db.translations import add_translation, find_translation
from letopis.translation import KEY_ENV, MachineTranslator, TranslationKey
from letopis.translation.libretranslate import LibreTranslate
from letopis.translation.openai import OpenAICompatible

__all__ = ["open_translator", "translation_record", "StoredTranslations"]


class StoredTranslations:
    """The translations kept in the store's database across runs (a :class:`letopis.translation.TranslationCache`);
    each new one is committed as it comes, so a run stopped half-way keeps what it had translated."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: TranslationKey) -> str | None:
        with self.db.session(readonly=True) as session:
            return find_translation(session, key.backend, key.model, key.source, key.target, key.text_sha256)

    def put(self, key: TranslationKey, translation: str) -> None:
        with self.db.session() as session:
            add_translation(session, key.backend, key.model, key.source, key.target, key.text_sha256, translation)


def open_translator(config: Config, db: Database | None = None) -> MachineTranslator | None:
    """The run's translator, or None when ``translate_url`` is not set (the default: no request at all); with
    ``db``, translations are kept there and taken from there (:class:`StoredTranslations`)."""
    if not config.translate_url:
        return None
    key = os.environ.get(KEY_ENV) or None
    timeout = float(config.timeout_s)
    if config.translate_api == "openai":
        backend: Any = OpenAICompatible(config.translate_url, config.translate_model or "", proxy=config.proxy,
                                        timeout=timeout, key=key)
    else:
        backend = LibreTranslate(config.translate_url, proxy=config.proxy, timeout=timeout, key=key)
    return MachineTranslator(backend, cache=StoredTranslations(db) if db is not None else None)


def translation_record(translator: MachineTranslator | None) -> dict[str, Any]:
    """What a custody entry says of the run's machine translation (nothing when it was off)."""
    if translator is None:
        return {}
    return {"machine_translation": {"backend": translator.backend.name, "translated": translator.translated,
                                    "from_earlier_runs": translator.cached, "failure": translator.failure}}
