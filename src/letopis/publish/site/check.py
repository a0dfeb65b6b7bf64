"""Reading a written site back before it is kept: every file, for names left after redaction, and its manifest.

Every file under the folder is read again. Pages, data scripts and data files
are read as what they are (:func:`letopis.publish.reread.texts_of`: ``html``,
``js``, ``csv``, ``geojson``, ``jsonl``) and their texts searched for private
persons' names (all but the site's own words,
:func:`letopis.publish.site.words.own_text`); a file that does not read back as
its kind is a failure too.
The clean copies of images and PDFs under ``files/`` are read back as what they
are (:func:`letopis.publish.media.file_problem`): a JPEG or PNG with any segment
or chunk that may hold metadata, a PDF with document information, XMP, EXIF,
annotations or a private person's name in its text is a failure.
The browser libraries and the base map hold no record: they must equal,
byte for byte, the files they were copied or made from (so nothing was slipped
in among them). A file the site does not make is a failure.

The manifest, ``SHA256SUMS`` at the site's top, lists every other file (folder by
folder, names sorted) as ``sha256sum`` writes it (``sha256sum -c SHA256SUMS`` checks a copy);
its own SHA-256 identifies what went out, in the custody entry. It is written
as the files are read, so memory stays flat however many pages there are.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from letopis.publish.media import FILE_SUFFIXES, file_problem
from letopis.publish.reread import UnreadableExport, texts_of
from letopis.publish.site.build import STATIC, VENDOR_FILES, outlines_script
from letopis.publish.site.words import own_text

__all__ = ["Checked", "check_site", "MANIFEST"]

MANIFEST = "SHA256SUMS"
_DATA_FORMATS = {"incidents.csv": "csv", "incidents.geojson": "geojson", "incidents.jsonl": "jsonl"}
_COPY_NAME = re.compile(r"[0-9a-f]{64}(" + "|".join(re.escape(suffix) for suffix in FILE_SUFFIXES) + ")")


@dataclass(frozen=True)
class Checked:
    """The result of the check: where a name is left (None: nowhere), the files and bytes read."""

    leak: str | None
    files: int
    size: int


def _kind(relative: str) -> str | None:
    """How a site file reads back: a format of :func:`texts_of`, ``asset`` or None (not a site file)."""
    parts = relative.split("/")
    if relative == "index.html" or (len(parts) in (2, 3) and relative.endswith(".html")):
        return "html"
    if parts[0] == "data" and len(parts) == 2:
        return _DATA_FORMATS.get(parts[1], "js" if parts[1].endswith(".js") else None)
    if parts[0] == "assets":
        return "asset"
    if parts[0] == "files" and len(parts) == 2 and _COPY_NAME.fullmatch(parts[1]):
        return "file"
    return None


def _expected_assets(modules: Path) -> dict[str, Callable[[], bytes]]:
    """What each file under ``assets/`` must be, read when it is compared."""
    expected: dict[str, Callable[[], bytes]] = {
        f"assets/{target}": partial(Path.read_bytes, modules / source) for source, target in VENDOR_FILES}
    expected |= {f"assets/{name}": partial(Path.read_bytes, STATIC / name) for name in ("site.js", "site.css")}
    expected["assets/outlines.js"] = partial(_outlines_bytes, modules)
    return expected


def _outlines_bytes(modules: Path) -> bytes:
    return outlines_script(modules).encode("utf-8")


def _files(root: Path) -> Iterator[tuple[str, Path]]:
    """Every file under ``root`` (symbolic links too) in path order, one folder's names in memory at a time."""
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        base = Path(folder)
        for name in sorted(names + [d for d in dirs if (base / d).is_symlink()]):
            path = base / name
            yield path.relative_to(root).as_posix(), path


def _problem(relative: str, path: Path, kind: str | None, data: bytes, names: Callable[[str], object],
             expected: dict[str, Callable[[], bytes]]) -> str | None:
    if path.is_symlink() or kind is None:
        return f"{relative} (a file the site does not make)"
    if kind == "asset":
        if relative not in expected or expected[relative]() != data:
            return f"{relative} (not the library file it was copied from)"
        return None
    if kind == "file":
        problem = file_problem(relative, data, names)
        return None if problem is None else f"{relative} ({problem})"
    try:
        for where, text in texts_of(path, kind):
            if not own_text(text) and names(text):
                return f"{relative}, {where}"
    except UnreadableExport as error:
        return f"{relative} (it does not read back as {kind}: {error})"
    return None


def check_site(root: Path, names: Callable[[str], object], modules: Path, manifest: BinaryIO) -> Checked:
    """Read every file under ``root`` back, writing the manifest's lines to ``manifest``; ``names(text)`` is
    truthy when ``text`` names a private person. Stops at the first problem."""
    expected = _expected_assets(modules)
    files = size = 0
    for relative, path in _files(root):
        data = b"" if path.is_symlink() else path.read_bytes()
        problem = _problem(relative, path, _kind(relative), data, names, expected)
        if problem is not None:
            return Checked(problem, files, size)
        manifest.write(f"{hashlib.sha256(data).hexdigest()}  {relative}\n".encode())
        files, size = files + 1, size + len(data)
    return Checked(None, files, size)
