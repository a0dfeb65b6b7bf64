"""Names of any bytes, made safe to store and to show.

A file name on Linux is bytes: Python hands one that is not valid UTF-8 over
with each bad byte as a lone surrogate (``surrogateescape``), which no
database or UTF-8 stream accepts. A name may also hold a newline or another
control character, which would forge a line of output if printed as it is.

- :func:`path_text` / :func:`storable`: what is stored (locators, names,
  metadata): valid UTF-8, each byte that was not written as ``\\xNN``, a lone
  surrogate of any other origin as ``\\uNNNN``. Nothing else changes.
- :func:`shown`: what is printed or logged: also every control character
  (newline, carriage return, escape, DEL, C1), line and paragraph separators
  and bidirectional overrides backslash-escaped, so one item is one line.

A name that already holds a backslash sequence is shown as it is: ``\\x41``
may be four characters or one escaped byte (the stored locator says which
only together with the original bytes).
"""

from __future__ import annotations

import os
import re

__all__ = ["path_text", "shown", "storable"]

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls, DEL, line/paragraph separators, bidirectional embedding/override/isolate marks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte surrogateescape could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def storable(text: str) -> str:
    """``text`` with every lone surrogate escaped: encodable as UTF-8, else unchanged."""
    if text.isascii():
        return text
    return _SURROGATE.sub(_surrogate, text)


def path_text(path: str | os.PathLike[str]) -> str:
    """A path as storable text: its non-UTF-8 bytes as ``\\xNN``."""
    return storable(os.fspath(path))


def _unsafe(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    if "\ud800" <= char <= "\udfff":
        return _surrogate(match)
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: object) -> str:
    """``text`` (a path, a locator, a reason) safe to print on one line."""
    return _UNSAFE.sub(_unsafe, os.fspath(text) if isinstance(text, os.PathLike) else str(text))
