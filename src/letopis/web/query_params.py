"""The corroboration filters as the API documents them (shared by ``/api/incidents``, ``/api/map``,
``/api/timeline`` and the statistics routes)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from letopis.reliability import ORIGIN_KINDS
from letopis.web.query import MAX_ORIGINS

__all__ = ["MinOrigins", "OriginKind", "CourtRecord", "InfoGrade", "ReaderLanguage"]

MinOrigins = Annotated[int | None, Query(ge=0, le=MAX_ORIGINS, description=(
    "at least this many independent origins (copies of one text count once; 2: corroborated)"))]
Kind = Literal["official", "media", "channel", "testimony", "court_record", "unknown"]  # ORIGIN_KINDS
OriginKind = Annotated[Kind | None, Query(
    description="with an independent origin of this kind: " + ", ".join(ORIGIN_KINDS))]
CourtRecord = Annotated[Literal["yes", "no"] | None, Query(
    description="yes: confirmed by a court record (the same as origin_kind=court_record)")]
InfoGrade = Annotated[int | None, Query(ge=1, le=6, description=(
    "an information grade this good or better (the Admiralty digit derived from the corroboration: 1 confirmed, "
    "2 probably true, 3 possibly true, 4 doubtful, 6 cannot be judged); 2 gives grades 1 and 2"))]

# Read by the app for every request (letopis.web.app: ``?lang=``, else the cookie, else Accept-Language); declared
# on the routes whose answer it changes so that the schema documents it.
ReaderLanguage = Annotated[Literal["en", "uk", "ru"] | None, Query(description=(
    "the reader's language (en, uk, ru) of summary_text and of the dates and places written out; remembered in the "
    "session's cookie. Without it: the cookie's, else the browser's Accept-Language, else English"))]
