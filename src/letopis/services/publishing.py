"""Publishing: select → redact → render → check → write a custody entry saying what went out.

One use case every public output goes through (``letopis export`` and ``letopis
publish``, the static site):

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

``letopis publish`` (:func:`publish_site`) goes through the same steps for a
whole folder: the site is rendered into a temporary folder beside the target,
every file in it read back (:mod:`letopis.publish.site.check`), and the folder
renamed into place only when nothing is left; the custody entry (event
``export``, format ``site``) holds the SHA-256 of the site's manifest.

The output's memory use is flat: incidents are read in batches and written
as they come; the check reads the file back a record at a time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
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
from letopis.publish.site.build import SiteWriter
from letopis.publish.site.check import MANIFEST, Checked, check_site
from letopis.publish.small_counts import SmallCounts
from letopis.publish.vendor import assets_root, missing_assets
from letopis.services.incidents import IncidentFilters, iter_incidents, place_date_counts
from letopis.services.site_files import FILES_FOLDER, FileCopies
from letopis.services.translation import open_translator, translation_record
from letopis.services.workspace import Workspace
from letopis.translation import MachineTranslator

__all__ = ["PROFILES", "ExportResult", "export_incidents", "public_profile", "find_leak", "SiteResult",
           "publish_site"]

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
    small_counts_left_out: int = 0  # in a region and month with fewer than the setting publish_min_count


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


class _Small:
    """The small-counts rule of the setting ``publish_min_count`` over one output's selection, and how many
    incidents it left out as they streamed past."""

    def __init__(self, ws: Workspace, filters: IncidentFilters, *, skip_rejected: bool = False) -> None:
        self.minimum = ws.config.publish_min_count
        rows = place_date_counts(ws.db, filters, skip_rejected=skip_rejected) if self.minimum > 0 else []
        self.rule = SmallCounts(rows, self.minimum)
        self.left_out = 0

    def keeps(self, shape: Mapping[str, Any]) -> bool:
        if self.rule.leaves_out(shape):
            self.left_out += 1
            return False
        return True

    def record(self) -> dict[str, Any]:
        return {"min_count": self.minimum, "small_counts_left_out": self.left_out} if self.minimum > 0 else {}


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
    small = _Small(ws, filters) if public is not None else None
    handle, temp_name = tempfile.mkstemp(prefix=".letopis-export-",
                                          suffix=".part.xlsx" if fmt == "xlsx" else ".part", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            written = write_export(_shapes(ws, filters, public, small), out, fmt)
        if public is not None:
            leak = find_leak(temp, fmt, public.redactor)
            if leak is not None:
                raise PublicationRefused(f"export refused: a private person's name is left in {leak} after "
                                         "redaction; nothing was written")
        digest, size = _hash(temp)
        details = {"format": fmt, "profile": profile, "filters": _filters_record(filters), "count": written.count,
                   "left_out": written.left_out, "left_out_reason": written.left_out_reason, "sha256": digest,
                   "bytes": size, "output": str(output) if output is not None else "-",
                   "encrypted_store": ws.master is not None, **(small.record() if small else {})}
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
                        str(output) if output is not None else "-", seq, small.left_out if small else 0)


def _shapes(ws: Workspace, filters: IncidentFilters, public: PublicProfile | None,
            small: _Small | None = None) -> Iterator[Mapping[str, Any]]:
    for detail in iter_incidents(ws.db, filters):
        shape = stored_incident_json(detail)
        shape["updated_at"] = detail.incident.updated_at.isoformat()
        if small is not None and shape.get("kind", "incident") == "incident" and not small.keeps(shape):
            continue
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



# ---------------------------------------------------------------------------------------------- the site

SITE_LANGUAGES = ("en", "uk", "ru")


@dataclass(frozen=True)
class SiteResult:
    """What a publish wrote (and the custody log now records)."""

    count: int
    languages: tuple[str, ...]
    files: int
    size: int
    manifest_sha256: str
    output: str
    custody_seq: int
    small_counts_left_out: int = 0  # in a region and month with fewer than the setting publish_min_count
    files_written: int = 0  # clean copies of images and PDFs (with ``files``)
    files_left_out: Mapping[str, int] | None = None  # images and PDFs not published, by reason
    machine_translated: int = 0  # texts machine-translated this run (with the setting translate_url)
    machine_translated_before: int = 0  # texts whose translation was kept from an earlier run (none sent)
    translation_failure: str | None = None  # why machine translation stopped, if it did


def _site_filters(filters: IncidentFilters, include_unverified: bool) -> IncidentFilters:
    if filters.status == "rejected":
        raise UsageError("rejected incidents are never published")
    if filters.status is None and not include_unverified:
        return replace(filters, status="verified")
    return filters


def _site_target(outdir: Path) -> Path:
    """The folder to publish to: new, empty, or a site published before (replaced whole)."""
    target = outdir.resolve()
    if not target.parent.is_dir():
        raise UsageError(f"no folder {target.parent} to publish {outdir} in")
    if target.exists() and (not target.is_dir() or target.is_symlink()):
        raise UsageError(f"{outdir} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MANIFEST).is_file():
        raise UsageError(f"{outdir} is not empty and holds no published site ({MANIFEST}): give a new folder")
    return target


def publish_site(ws: Workspace, filters: IncidentFilters, outdir: Path, *, langs: Sequence[str] = SITE_LANGUAGES,
                 include_unverified: bool = False, actor: str | None = None,
                 profile_maker: Callable[[], PublicProfile] | None = None,
                 modules: Path | None = None, files: bool = False) -> SiteResult:
    """Publish the matching incidents (verified only, unless ``include_unverified``) as a static site in
    ``outdir``; see the module's steps. ``files``: the sources' images and PDFs too, as clean copies
    (:mod:`letopis.services.site_files`). Raises :class:`PublicationRefused` (``outdir`` untouched) when a
    file still names a private person after redaction, or a copy still holds metadata."""
    langs = tuple(dict.fromkeys(langs))
    unknown = [lang for lang in langs if lang not in SITE_LANGUAGES]
    if not langs or unknown:
        raise UsageError(f"unknown language(s) {', '.join(unknown) or '(none)'}; the languages are: "
                         f"{', '.join(SITE_LANGUAGES)}")
    filters = _site_filters(filters, include_unverified)
    modules = modules or assets_root(ws.config)
    missing = missing_assets(modules)
    if missing:
        raise UsageError(f"the map's libraries are not installed in {modules} (missing {missing[0]}): "
                         "run `npm ci` in the Letopis folder")
    target = _site_target(outdir)
    gazetteer = load_gazetteer()
    public = (profile_maker or (lambda: public_profile(ws.config.public_names, gazetteer)))()
    small = _Small(ws, filters, skip_rejected=True)
    temp = Path(tempfile.mkdtemp(prefix=".letopis-site-", suffix=".part", dir=target.parent))
    translator = open_translator(ws.config, ws.db)
    try:
        copies = FileCopies(ws, temp, public.redactor.names) if files else None
        count = _render_site(ws, filters, temp, langs, gazetteer, public, modules, small, copies, translator)
        checked, digest = _check_site(temp, public, modules)
        details = {"format": "site", "profile": "public", "filters": _filters_record(filters), "count": count,
                   "languages": list(langs), "files": checked.files, "bytes": checked.size,
                   "manifest": MANIFEST, "sha256": digest, "output": str(outdir),
                   "encrypted_store": ws.master is not None, **small.record(), **translation_record(translator)}
        if copies is not None:
            details |= {"copies": copies.written, "copies_left_out": dict(copies.left_out)}
        _open_up(temp)
        seq = _swap_in(temp, target, lambda: _record(ws, actor, details))
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        if translator is not None:
            translator.close()
    return SiteResult(count, langs, checked.files, checked.size, digest, str(outdir), seq, small.left_out,
                      copies.written if copies else 0, dict(copies.left_out) if copies else None,
                      translator.translated if translator else 0, translator.cached if translator else 0,
                      translator.failure if translator else None)


def _render_site(ws: Workspace, filters: IncidentFilters, root: Path, langs: tuple[str, ...], gazetteer: Gazetteer,
                 public: PublicProfile, modules: Path, small: _Small, copies: FileCopies | None,
                 translator: MachineTranslator | None) -> int:
    site = SiteWriter(root, langs, gazetteer, modules, translator.translate if translator else None)

    def written() -> Iterator[Mapping[str, Any]]:
        for shape in _shapes(ws, filters, public, small):
            if shape["status"] != "rejected" and shape.get("kind", "incident") == "incident":
                files = [copies.for_source(s.get("source_id")) for s in shape.get("sources") or []] \
                    if copies is not None else []
                site.add(shape, files)
                yield shape

    data = root / "data"
    with (data / "incidents.jsonl").open("wb") as out:
        write_export(written(), out, "jsonl")
    site.finish()
    for fmt in ("csv", "geojson"):
        with (data / "incidents.jsonl").open("rb") as lines, (data / f"incidents.{fmt}").open("wb") as out:
            write_export((json.loads(line) for line in lines if line.strip()), out, fmt)
    return site.count


def _check_site(root: Path, public: PublicProfile, modules: Path) -> tuple[Checked, str]:
    handle, manifest_name = tempfile.mkstemp(prefix=".letopis-manifest-", dir=root.parent)
    manifest = Path(manifest_name)
    try:
        with os.fdopen(handle, "wb") as out:
            checked = check_site(root, public.redactor.names, modules, out)
        if checked.leak is not None and checked.leak.startswith(f"{FILES_FOLDER}/"):
            raise PublicationRefused(f"publish refused: a copy still holds what it may not after cleaning: "
                                     f"{checked.leak}; nothing was written")
        if checked.leak is not None:
            raise PublicationRefused(f"publish refused: a private person's name is left in {checked.leak} after "
                                     "redaction; nothing was written")
        digest, _ = _hash(manifest)
        os.replace(manifest, root / MANIFEST)
    finally:
        manifest.unlink(missing_ok=True)
    return checked, digest


def _open_up(root: Path) -> None:
    """The usual permissions for a public folder (mkdtemp made it private)."""
    mask = _umask()
    for folder, _, names in os.walk(root):
        Path(folder).chmod(0o777 & ~mask)
        for name in names:
            (Path(folder) / name).chmod(0o666 & ~mask)


def _swap_in(temp: Path, target: Path, record: Callable[[], int]) -> int:
    """Rename the checked site into place (a site published before is set aside, then removed); then record."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=".letopis-site-old-", dir=target.parent)) / "site"
        os.rename(target, old)
    try:
        os.rename(temp, target)
        try:
            seq = record()
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)  # not recorded: not published
            raise
    except BaseException:
        if old is not None:
            os.rename(old, target)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old.parent, ignore_errors=True)
    return seq
