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
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from letopis.errors import LetopisError

__all__ = ["Backend", "MachineTranslator", "TranslationError", "MACHINE_TRANSLATED", "BACKENDS", "KEY_ENV"]

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

    def translate(self, text: str, source: str, target: str) -> str: ...

    def close(self) -> None: ...


class MachineTranslator:
    """Translates texts through a backend for one run; the first failure turns it off with one warning.

    :meth:`translate` gives the translation, or None (same language, empty text, or translation off after
    a failure). Each text is translated once per run (kept in memory)."""

    def __init__(self, backend: Backend, warn: Callable[[str], None] | None = None) -> None:
        self.backend = backend
        self.warn = warn or log.warning
        self.failure: str | None = None
        self.translated = 0
        self._done: dict[tuple[str, str, str], str] = {}

    def translate(self, text: str | None, source: str | None, target: str) -> str | None:
        if not text or not text.strip() or not source or source == target or self.failure is not None:
            return None
        key = (text, source, target)
        if key in self._done:
            return self._done[key]
        try:
            result = self.backend.translate(text, source, target)
        except TranslationError as error:
            self.failure = str(error)
            self.warn(f"machine translation failed ({error}); texts are left untranslated for the rest of "
                      "this run")
            return None
        self._done[key] = result
        self.translated += 1
        return result

    def close(self) -> None:
        self.backend.close()
