"""A large JSON object cut into its top-level values and the items of one list, without parsing it whole.

Only the structure is followed: strings (and their escapes) and brackets.
What is inside a string, a number's size, a bad escape or bytes that are not
UTF-8 do not matter here, so one bad item never ends the read: each item of
the list is handed over as its own bytes, with the depth it reached, to be
parsed (and refused) on its own. Memory is bounded by the largest item kept
(``item_cap``); an item larger than that is handed over without its bytes.
A bracket that does not close what it should (``{"a": [}``) is not caught
here: it makes the item swallow what follows, up to where the brackets even
out, and that item fails when parsed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

__all__ = ["Item", "Splitter"]

# Everything up to the next byte that matters, whole strings included, then that byte (possessive:
# never backtracks, so a chunk with none is one linear failed match). A lone quote is a string the
# chunk cuts. Below depth 2 only brackets matter.
_SHALLOW = re.compile(rb'(?:[^"\[\]{},:]++|"[^"\\]*+(?:\\.[^"\\]*+)*+")*+([\[\]{},:"])', re.DOTALL)
_DEEP = re.compile(rb'(?:[^"\[\]{}]++|"[^"\\]*+(?:\\.[^"\\]*+)*+")*+([\[\]{}"])', re.DOTALL)
_INSIDE = re.compile(rb'["\\]')
_BOM = b"\xef\xbb\xbf"
_KEY_CAP = 1024  # bytes of a top-level key kept
_VALUE_CAP = 64 * 1024  # bytes of a top-level scalar value kept
_OPEN = frozenset(b"[{")
_CLOSE = frozenset(b"]}")
_WHITESPACE = b" \t\r\n"


@dataclass(frozen=True)
class Item:
    """One item of the list: its bytes (None when over the cap), where it starts and how deep it goes."""

    offset: int
    data: bytes | None
    size: int
    depth: int  # deepest nesting inside the item (an object of scalars is 1)


@dataclass(frozen=True)
class Value:
    """A top-level key and its scalar value's raw bytes (None for a container or one over 64 kB)."""

    key: str
    raw: bytes | None


@dataclass(frozen=True)
class ListStart:
    offset: int


@dataclass(frozen=True)
class ListEnd:
    offset: int


Event = Item | Value | ListStart | ListEnd


class Splitter:
    """Feed bytes in, get events out: a :class:`Value` per top-level key (in order), and for the
    key ``list_key`` a :class:`ListStart`, one :class:`Item` per element and a :class:`ListEnd`."""

    def __init__(self, list_key: str, item_cap: int) -> None:
        self.list_key = list_key
        self.item_cap = item_cap
        self.offset = 0  # bytes fed so far
        self.depth = 0
        self.problem: str | None = None  # set when the input is not a JSON object: nothing more is read
        self.finished = False  # the top-level object closed
        self._started = False
        self._in_string = False
        self._skip = 0  # bytes of the next chunk that an escape at the end of the last one covers
        self._mode: str | None = None  # what is being captured: "key", "value", "item"
        self._buf = bytearray()
        self._size = 0
        self._over = False
        self._key = ""
        self._in_list = False
        self._item_offset = 0
        self._item_depth = 0
        self._events: list[Event] = []

    # ---- capture

    def _begin(self, mode: str, offset: int) -> None:
        self._mode = mode
        self._buf = bytearray()
        self._size = 0
        self._over = False
        if mode == "item":
            self._item_offset = offset
            self._item_depth = 0

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        limit = {"key": _KEY_CAP, "value": _VALUE_CAP}.get(self._mode or "", self.item_cap)
        if self._over or self._size > limit:
            self._over = True
            return
        self._buf += data

    def _end(self) -> None:
        mode, self._mode = self._mode, None
        data = None if self._over else bytes(self._buf)
        self._buf = bytearray()
        if mode == "key":
            try:
                key = json.loads(data) if data is not None else ""
            except ValueError:
                key = ""
            self._key = key if isinstance(key, str) else ""
        elif mode == "value":
            self._events.append(Value(self._key, data))
        elif mode == "item":
            if data is not None and not data.strip(_WHITESPACE):
                return  # an empty list, or a comma before the closing bracket
            self._events.append(Item(self._item_offset, data, self._size, self._item_depth))

    # ---- scanning

    def feed(self, chunk: bytes) -> list[Event]:
        """The events that ``chunk`` completes."""
        self._events = []
        if self.problem is not None or self.finished or not chunk:
            self.offset += len(chunk)
            return []
        base = self.offset
        self.offset += len(chunk)
        i = min(self._skip, len(chunk))  # bytes an escape covers: scanned past, still captured
        self._skip -= i
        mark = 0  # where the capture (if any) resumes in this chunk
        if not self._started:
            i = mark = self._start(chunk, i, base)
            if i < 0:
                return []
        n = len(chunk)
        while i < n:
            if self._in_string:
                m = _INSIDE.search(chunk, i)
                if m is None:
                    break
                j = m.start()
                if chunk[j] == 0x5C:  # backslash: the next byte is escaped
                    i = j + 2
                    continue
                self._in_string = False
                i = j + 1
                continue
            m = (_DEEP if self.depth > 2 else _SHALLOW).match(chunk, i)
            if m is None:
                break
            j = m.start(1)
            i = j + 1
            c = chunk[j]
            if c == 0x22:  # "
                self._in_string = True
                continue
            if self._mode is not None and self._is_boundary(c):
                self._keep(chunk[mark:j])
            mark = self._structure(c, base + j, j + 1, mark)
            if self.finished or self.problem is not None:
                return self._events
        if i > n:
            self._skip = i - n
        if self._mode is not None:
            self._keep(chunk[mark:n])
        return self._events

    def _start(self, chunk: bytes, i: int, base: int) -> int:
        """Skip a UTF-8 byte order mark and white space; the first byte must open an object."""
        while i < len(chunk) and base + i < len(_BOM) and chunk[i] == _BOM[base + i]:
            i += 1  # the mark, even cut by a chunk
        while i < len(chunk) and chunk[i] in _WHITESPACE:
            i += 1
        if i == len(chunk):
            return i  # only white space so far
        self._started = True
        if chunk[i] == ord("{"):
            return i
        self.problem = ("top level is a JSON array, not an object" if chunk[i] == ord("[")
                        else "not JSON (it does not start with an object)")
        return -1

    def _is_boundary(self, c: int) -> bool:
        """Whether ``c`` may end what is being captured (so the bytes before it must be kept first)."""
        if self._mode == "item":
            return self.depth == 2 and (c == ord(",") or c in _CLOSE)
        return self.depth == 1 and (c in (ord(","), ord(":")) or c in _CLOSE or c in _OPEN)

    def _structure(self, c: int, at: int, after: int, mark: int) -> int:
        """Act on a structural byte ``c`` at absolute offset ``at``; returns where capture resumes."""
        depth = self.depth
        if c in _OPEN:
            if depth == 0:
                self.depth = 1
                self._begin("key", after)
                return after
            if depth == 1 and self._mode == "value":
                self._mode = None  # a container value: not kept
                if self._key == self.list_key and c == ord("["):
                    self._in_list = True
                    self._events.append(ListStart(at))
                    self._begin("item", at + 1)
                    self.depth = 2
                    return after
                self._events.append(Value(self._key, None))
            self.depth = depth + 1
            if self._mode == "item":
                self._item_depth = max(self._item_depth, self.depth - 2)
            return mark
        if c in _CLOSE:
            if depth == 2 and self._in_list:
                self._end()
                self._in_list = False
                self._events.append(ListEnd(at))
                self.depth = 1
                return after
            if depth == 1:
                if self._mode == "value":
                    self._end()
                self._mode = None
                self.depth = 0
                self.finished = True
                return after
            if depth <= 0:
                self.problem = f"a closing bracket with nothing open at byte {at}"
                return after
            self.depth = depth - 1
            return mark
        if c == ord(","):
            if depth == 1:
                if self._mode == "value":
                    self._end()
                self._begin("key", after)
                return after
            if depth == 2 and self._in_list:
                self._end()
                self._begin("item", at + 1)
                return after
            return mark
        # c is ':'
        if depth == 1 and self._mode == "key":
            self._end()
            self._begin("value", after)
            return after
        return mark

    def close(self) -> str | None:
        """At the end of the input: None if the object was whole, else what is wrong (one line)."""
        if self.problem is not None:
            return self.problem
        if self.finished:
            return None
        if not self._started:
            return "empty (no JSON object)"
        where = "inside a string" if self._in_string else f"at nesting depth {self.depth}"
        if self._in_list:
            return f"it ends inside the {self.list_key} list, {where}, at byte {self.offset} (truncated?)"
        return f"it ends before its object is closed, {where}, at byte {self.offset} (truncated?)"
