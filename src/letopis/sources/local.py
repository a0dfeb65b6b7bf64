"""Opening local files safely: regular files only, and within the folder the user named.

A FIFO, socket or device is never opened (opening a FIFO blocks until a
writer comes; opening some devices has effects). A file found in a folder
walk is opened at its real path, only when that path is inside the folder
(a link leading out of it is refused), and with ``O_NOFOLLOW``, so a link
put in its place after the check is refused rather than followed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from letopis.errors import SourceError

__all__ = ["OUTSIDE", "open_regular", "refusal", "special_kind"]

OUTSIDE = "symbolic link leading outside the folder: not followed"
_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISDIR, "a folder"))


def special_kind(mode: int) -> str | None:
    """What a file of ``mode`` is when it is not a regular file (``"a FIFO (named pipe)"``), else None."""
    if stat.S_ISREG(mode):
        return None
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not a regular file"


def _not_regular(kind: str) -> SourceError:
    return SourceError(f"{kind}, not a regular file: never opened")


def refusal(path: Path, inside: Path) -> str | None:
    """Why the entry ``path`` of a walk of ``inside`` (resolved) may not be read, or None.

    Raises FileNotFoundError for a broken link (nothing there to refuse).
    """
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        raise
    except (OSError, RuntimeError):
        return "symbolic link loop"
    if not target.is_relative_to(inside):
        return OUTSIDE
    kind = special_kind(target.stat().st_mode)
    if kind is not None and kind != "a folder":
        return f"{kind}, not a regular file: never opened"
    return None


def open_regular(path: Path, *, inside: Path | None = None) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file.

    With ``inside`` (a resolved folder), ``path`` is opened at its real path
    and only when that is within ``inside``. Raises :class:`SourceError` with
    the reason (a special file, a link leading out), OSError when it cannot
    be read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if inside is not None:
        try:
            real = path.resolve(strict=True)
        except RuntimeError:
            raise SourceError("symbolic link loop") from None
        if not real.is_relative_to(inside):
            raise SourceError(OUTSIDE)
        path = real
        flags |= getattr(os, "O_NOFOLLOW", 0)
    kind = special_kind(os.stat(path).st_mode)
    if kind is not None:
        raise _not_regular(kind)
    fd = os.open(path, flags)
    try:
        kind = special_kind(os.fstat(fd).st_mode)  # what was opened, should it have been swapped
        if kind is not None:
            raise _not_regular(kind)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
