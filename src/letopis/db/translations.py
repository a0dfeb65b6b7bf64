"""Machine translations kept across runs, as rows: one looked up by its key, one added (never changed).

The key is (backend, model, source language, target language, SHA-256 of the
text); the text itself is not stored. Every function takes an open session and
neither commits nor rolls back (see :mod:`letopis.db`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from letopis.db.models import MachineTranslation
from letopis.db.statements import insert_ignore
from letopis.db.types import utc_now

__all__ = ["TRANSLATION_KEY", "find_translation", "add_translation"]

TRANSLATION_KEY = ("backend", "model", "source_lang", "target_lang", "text_sha256")


def find_translation(session: Session, backend: str, model: str, source: str, target: str,
                     text_sha256: str) -> str | None:
    """The kept translation of the text whose SHA-256 is ``text_sha256``, or None."""
    return session.scalar(select(MachineTranslation.translation).where(
        MachineTranslation.backend == backend, MachineTranslation.model == model,
        MachineTranslation.source_lang == source, MachineTranslation.target_lang == target,
        MachineTranslation.text_sha256 == text_sha256))


def add_translation(session: Session, backend: str, model: str, source: str, target: str, text_sha256: str,
                    translation: str) -> None:
    """Keep a translation; one already kept under the same key stays as it is (written once)."""
    insert_ignore(session, MachineTranslation,
                  {"backend": backend, "model": model, "source_lang": source, "target_lang": target,
                   "text_sha256": text_sha256, "translation": translation, "created_at": utc_now()},
                  TRANSLATION_KEY)
