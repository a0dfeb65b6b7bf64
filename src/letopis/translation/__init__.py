"""Machine translation of free text, through an optional, pluggable backend (off by default).

Letopis writes its own text from a record's fields in en/uk/ru and needs no
translation for it (:mod:`letopis.publish.writer`). Free text — a report's
summary, a source's quote — stays in the report's language unless the setting
``translate_url`` names a translation server:

- ``translate_api = "libretranslate"`` (the default): a LibreTranslate-compatible
  server, ``POST {url}/translate`` with ``q``, ``source``, ``target``,
  ``format=text`` (:mod:`letopis.translation.libretranslate`);
- ``translate_api = "openai"``: an OpenAI-compatible endpoint, ``POST
  {url}/chat/completions`` with the model of ``translate_model``
  (:mod:`letopis.translation.openai`).

An API key, when the server wants one, comes from ``LETOPIS_TRANSLATE_KEY``
(a secret, never a setting). Requests go through the ``proxy`` setting when
set (no proxy is read from the environment), each within ``timeout_s`` per
operation and six times that in all. Without ``translate_url`` no
:class:`MachineTranslator` is made and no request is ever sent.

A failure — the server cannot be reached, answers an error or something that
is not a translation — never stops the output: the text stays untranslated,
one warning says why, and the translator asks nothing more for the rest of the
run (:class:`MachineTranslator`). Only text already redacted for the public is
handed to it by the services (:mod:`letopis.services.translation`).

Translations are kept across runs when the translator is given a
:class:`TranslationCache` (the services give it the store's, the table
``machine_translations``): a text is looked up by :class:`TranslationKey`
(backend, model, source and target language, SHA-256 of the text) before
anything is sent, and a new translation is kept as soon as it comes, so a text
is sent once, ever, per backend, model and pair of languages.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from letopis.errors import LetopisError

__all__ = ["Backend", "MachineTranslator", "TranslationError", "TranslationKey", "TranslationCache",
           "MACHINE_TRANSLATED", "BACKENDS", "KEY_ENV"]

log = logging.getLogger(__name__)

KEY_ENV = "LETOPIS_TRANSLATE_KEY"
BACKENDS = ("libretranslate", "openai")

# The mark every machine-translated text carries where it is shown, in the language it is shown in.
MACHINE_TRANSLATED = {"en": "machine-translated", "uk": "машинний переклад", "ru": "машинный перевод"}


class TranslationError(LetopisError):
    """A text could not be translated (the server, its answer); the text stays as it was."""


class Backend(Protocol):
    """One translation server: ``text`` from language ``source`` into ``target`` (ISO 639-1 codes)."""

    name: str
    model: str  # the model asked ("" for a backend without models)

    def translate(self, text: str, source: str, target: str) -> str: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class TranslationKey:
    """What a kept translation is found by: the backend and its model, the two languages, and the SHA-256 of
    the text (the text itself is not kept)."""

    backend: str
    model: str
    source: str
    target: str
    text_sha256: str


class TranslationCache(Protocol):
    """Translations kept from earlier runs: :meth:`get` the one kept under a key (None: none), :meth:`put` a
    new one (one kept already under the key stays)."""

    def get(self, key: TranslationKey) -> str | None: ...

    def put(self, key: TranslationKey, translation: str) -> None: ...


class MachineTranslator:
    """Translates texts through a backend for one run; the first failure turns it off with one warning.

    :meth:`translate` gives the translation, or None (same language, empty text, or translation off after
    a failure and the text not kept from an earlier run). Each text is translated once per run (kept in
    memory) and, with a ``cache``, once across runs: ``translated`` counts the texts sent this run,
    ``cached`` those answered from the cache."""

    def __init__(self, backend: Backend, warn: Callable[[str], None] | None = None,
                 cache: TranslationCache | None = None) -> None:
        self.backend = backend
        self.warn = warn or log.warning
        self.cache = cache
        self.failure: str | None = None
        self.translated = 0
        self.cached = 0
        self._done: dict[tuple[str, str, str], str] = {}

    def translate(self, text: str | None, source: str | None, target: str) -> str | None:
        if not text or not text.strip() or not source or source == target:
            return None
        key = (text, source, target)
        if key in self._done:
            return self._done[key]
        kept = None
        if self.cache is not None:
            kept = TranslationKey(self.backend.name, self.backend.model or "", source, target,
                                  hashlib.sha256(text.encode("utf-8")).hexdigest())
            found = self.cache.get(kept)
            if found is not None:
                self._done[key] = found
                self.cached += 1
                return found
        if self.failure is not None:
            return None
        try:
            result = self.backend.translate(text, source, target)
        except TranslationError as error:
            self.failure = str(error)
            self.warn(f"machine translation failed ({error}); texts are left untranslated for the rest of "
                      "this run")
            return None
        self._done[key] = result
        self.translated += 1
        if kept is not None and self.cache is not None:
            self.cache.put(kept, result)
        return result

    def close(self) -> None:
        self.backend.close()
