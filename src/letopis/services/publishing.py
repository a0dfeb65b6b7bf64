"""Publishing: select → redact → render → check → write a custody entry saying what went out.

One use case every public output goes through (``letopis export`` today; the
static site and the digests are to reuse it):

1. **select** the incidents with the filters of ``letopis incidents``,
   streamed from the store (:func:`letopis.services.incidents.iter_incidents`);
2. **redact** each for the ``public`` profile (the default):
   :class:`letopis.publish.public.PublicProfile` — private persons' names
   replaced by a role, testimonies and the edit history left out, coordinates
   coarsened; the ``internal`` profile keeps the full record;
3. **render** with a pure writer (:mod:`letopis.publish.export`) into a
   temporary file beside the output;
4. **check**: a public file is read back (:mod:`letopis.publish.reread`) and
   searched for personal names again; if one is left (in a field no
   redaction may rewrite, such as a source's address), the file is removed
   and :class:`~letopis.errors.PublicationRefused` raised: nothing is written;
5. **record**: the file is moved into place (one rename) and a custody entry
   (event ``export``) says what went out: format, profile, filters, how many
   incidents, how many left out, the file's SHA-256 and size.

The output's memory use is flat: incidents are read in batches and written
as they come; the check reads the file back a record at a time.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from letopis.errors import PublicationRefused, UsageError
from letopis.evidence import append_event
from letopis.gazetteer import Gazetteer, load_gazetteer
from letopis.publish.export import EXPORT_FORMATS, write_export
from letopis.publish.public import Centres, PublicProfile
from letopis.publish.redact import Redactor
from letopis.publish.reread import UnreadableExport, texts_of
from letopis.publish.shape import stored_incident_json
from letopis.services.incidents import IncidentFilters, iter_incidents
from letopis.services.workspace import Workspace

__all__ = ["PROFILES", "ExportResult", "export_incidents", "public_profile", "find_leak"]

log = logging.getLogger(__name__)

PROFILES = ("public", "internal")


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote (and the custody log now records)."""

    fmt: str
    profile: str
    count: int
    left_out: int
    left_out_reason: str | None
    sha256: str
    size: int
    output: str  # the file's path, or "-" for standard output
    custody_seq: int


def _centres(gazetteer: Gazetteer) -> Centres:
    @lru_cache(maxsize=50_000)
    def settlement(name: str, admin1: str | None, country: str | None) -> tuple[float, float] | None:
        places = [p for p in gazetteer.lookup(name, country) if p.name == name and p.level != "admin1"]
        place = next((p for p in places if p.admin1 == admin1), places[0] if places else None)
        return (place.lat, place.lon) if place else None

    @lru_cache(maxsize=5_000)
    def region(admin1: str, country: str | None) -> tuple[float, float] | None:
        place = gazetteer.admin1_place(country, admin1) if country else None
        return (place.lat, place.lon) if place else None

    return Centres(settlement, region)


def public_profile(public_names: tuple[str, ...] = (), gazetteer: Gazetteer | None = None) -> PublicProfile:
    """The public profile, with the gazetteer's places (names of places are not taken for persons)."""
    gazetteer = gazetteer or load_gazetteer()
    is_place = lru_cache(maxsize=100_000)(lambda word: bool(gazetteer.lookup(word)))
    return PublicProfile(Redactor(public_names, is_place=is_place), _centres(gazetteer))


def find_leak(path: Path, fmt: str, redactor: Redactor) -> str | None:
    """Where the written file at ``path`` still holds a private person's name (None: nowhere)."""
    try:
        for where, text in texts_of(path, fmt):
            if redactor.names(text):
                return where
    except UnreadableExport as error:
        return f"the file does not read back as {fmt} ({error})"
    return None


def _filters_record(filters: IncidentFilters) -> dict[str, Any]:
    return {key: value.isoformat() if isinstance(value, date) else value
            for key, value in asdict(filters).items() if value is not None}


def export_incidents(ws: Workspace, filters: IncidentFilters, fmt: str, *, profile: str = "public",
                     output: Path | None = None, stream: BinaryIO | None = None, actor: str | None = None,
                     profile_maker: Callable[[], PublicProfile] | None = None) -> ExportResult:
    """Export the matching incidents to ``output`` (a file) or ``stream``; see the module's steps.

    Raises :class:`PublicationRefused` (nothing written) when a public file
    still names a private person after redaction.
    """
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; the formats are: {', '.join(EXPORT_FORMATS)}")
    if profile not in PROFILES:
        raise UsageError(f"unknown profile {profile!r}; the profiles are: {', '.join(PROFILES)}")
    if (output is None) == (stream is None):
        raise UsageError("an export goes to one file or to standard output")
    public = (profile_maker or (lambda: public_profile(ws.config.public_names)))() if profile == "public" else None
    folder = output.resolve().parent if output is not None else None
    if folder is not None and not folder.is_dir():
        raise UsageError(f"no folder {folder} to write {output} in")
    handle, temp_name = tempfile.mkstemp(prefix=".letopis-export-",
                                          suffix=".part.xlsx" if fmt == "xlsx" else ".part", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            written = write_export(_shapes(ws, filters, public), out, fmt)
        if public is not None:
            leak = find_leak(temp, fmt, public.redactor)
            if leak is not None:
                raise PublicationRefused(f"export refused: a private person's name is left in {leak} after "
                                         "redaction; nothing was written")
        digest, size = _hash(temp)
        details = {"format": fmt, "profile": profile, "filters": _filters_record(filters), "count": written.count,
                   "left_out": written.left_out, "left_out_reason": written.left_out_reason, "sha256": digest,
                   "bytes": size, "output": str(output) if output is not None else "-",
                   "encrypted_store": ws.master is not None}
        if output is not None:
            if profile == "public":  # a file for anyone: the usual permissions (mkstemp made it private)
                temp.chmod(0o666 & ~_umask())
            os.replace(temp, output)
            try:
                seq = _record(ws, actor, details)
            except BaseException:
                output.unlink(missing_ok=True)
                raise
        else:
            assert stream is not None
            seq = _record(ws, actor, details)
            with temp.open("rb") as source:
                shutil.copyfileobj(source, stream)
            stream.flush()
    finally:
        temp.unlink(missing_ok=True)
    return ExportResult(fmt, profile, written.count, written.left_out, written.left_out_reason, digest, size,
                        str(output) if output is not None else "-", seq)


def _shapes(ws: Workspace, filters: IncidentFilters,
            public: PublicProfile | None) -> Iterator[Mapping[str, Any]]:
    for detail in iter_incidents(ws.db, filters):
        shape = stored_incident_json(detail)
        shape["updated_at"] = detail.incident.updated_at.isoformat()
        yield public(shape) if public is not None else shape


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _hash(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _record(ws: Workspace, actor: str | None, details: Mapping[str, Any]) -> int:
    with ws.db.session() as session:
        entry = append_event(session, "export", f"export:{details['format']}", actor or ws.config.collector,
                             details)
        return entry.seq

