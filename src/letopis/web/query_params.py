"""The corroboration filters as the API documents them (shared by ``/api/incidents``, ``/api/map``,
``/api/timeline`` and the statistics routes)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from letopis.reliability import ORIGIN_KINDS
from letopis.web.query import MAX_ORIGINS

__all__ = ["MinOrigins", "OriginKind", "CourtRecord"]

MinOrigins = Annotated[int | None, Query(ge=0, le=MAX_ORIGINS, description=(
    "at least this many independent origins (copies of one text count once; 2: corroborated)"))]
Kind = Literal["official", "media", "channel", "testimony", "court_record", "unknown"]  # ORIGIN_KINDS
OriginKind = Annotated[Kind | None, Query(
    description="with an independent origin of this kind: " + ", ".join(ORIGIN_KINDS))]
CourtRecord = Annotated[Literal["yes", "no"] | None, Query(
    description="yes: confirmed by a court record (the same as origin_kind=court_record)")]
