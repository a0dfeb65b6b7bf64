"""JPEG 2000 images (a PDF's ``/JPXDecode`` streams) without their metadata and text, losslessly.

A JPEG 2000 image is either a JP2 file (boxes: signature, file type, header,
codestream, and whatever else a writer adds) or a bare codestream (marker
segments, then tile-parts). Besides the pixels it can carry XMP and EXIF
(``xml `` and ``uuid`` boxes), intellectual-property and URL boxes (``jp2i``,
``uinf``), labels and other JPX boxes, an ICC profile (whose description and
copyright fields are text), and comments (``COM`` marker segments, in the
main header and in each tile-part's header: Pillow writes "Created by
OpenJPEG" there, a camera or scanner its own text).

:func:`strip_jpeg2000` keeps only what decoding needs, byte for byte: the
signature, file type, image header (``ihdr``, ``bpcc``, ``colr``, ``pclr``,
``cmap``, ``cdef``, ``res ``) and the codestream, with every ``COM`` segment
taken out (each tile-part's length set again) and the optional tile-part
length index (``TLM``) dropped, since the lengths changed. A colour
specification by ICC profile becomes the enumerated colour space it stands
for as far as decoding goes (sRGB for three components or more, else
greyscale). The pixels are not decoded or encoded again.

:func:`jpeg2000_problem` reads a written image back, independently of the
stripping, and names the first box or marker segment that may hold metadata
or text, or bytes after the end. Anything the parser does not know (a box of
fragments, several codestreams, a marker it cannot skip) raises
:class:`ValueError`: such an image is not published (the PDF is left out).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

__all__ = ["strip_jpeg2000", "jpeg2000_problem"]

_SIGNATURE = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
_TOP_KEPT = (b"jP  ", b"ftyp", b"jp2h", b"jp2c")
_HEADER_KEPT = frozenset({b"ihdr", b"bpcc", b"colr", b"pclr", b"cmap", b"cdef", b"res "})
_RESOLUTION_KEPT = frozenset({b"resc", b"resd"})
_ENUMERATED = 1  # colr METH: an enumerated colour space (no profile)
_SRGB, _GREY = 16, 17

_SOC, _SOT, _SOD, _EOC = 0x4F, 0x90, 0x93, 0xD9
_COM, _TLM = 0x64, 0x55
# Marker segments (each with a length) a main header may hold, and a tile-part header.
_MAIN_MARKERS = frozenset({0x50, 0x51, 0x52, 0x53, 0x55, 0x57, 0x59, 0x5C, 0x5D, 0x5E, 0x5F, 0x60, 0x63, 0x64})
_TILE_MARKERS = frozenset({0x52, 0x53, 0x58, 0x5C, 0x5D, 0x5E, 0x5F, 0x61, 0x64})


# ---------------------------------------------------------------------------------------------- boxes

def _boxes(data: bytes, start: int = 0, end: int | None = None) -> Iterator[tuple[bytes, int, int]]:
    """(type, start of contents, end) of each box in ``data[start:end]``; ValueError on a malformed one."""
    end = len(data) if end is None else end
    at = start
    while at < end:
        if at + 8 > end:
            raise ValueError("a box header runs past the end")
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = at + 8
        if length == 1:
            if at + 16 > end:
                raise ValueError("a box header runs past the end")
            (length,) = struct.unpack(">Q", data[at + 8:at + 16])
            body = at + 16
        elif length == 0:
            length = end - at
        if length < body - at or at + length > end:
            raise ValueError(f"the {kind!r} box runs past the end")
        yield kind, body, at + length
        at += length


def _box(kind: bytes, body: bytes) -> bytes:
    if len(body) + 8 <= 0xFFFFFFFF:
        return struct.pack(">I4s", len(body) + 8, kind) + body
    return struct.pack(">I4sQ", 1, kind, len(body) + 16) + body


def _components(data: bytes, start: int, end: int) -> int:
    for kind, body, stop in _boxes(data, start, end):
        if kind == b"ihdr" and stop - body >= 14:
            return int(struct.unpack(">H", data[body + 8:body + 10])[0])
    raise ValueError("the JP2 header has no image header box")


def _header(data: bytes, start: int, end: int) -> bytes:
    """The header box's contents with only what decoding needs, and one enumerated colour specification."""
    kept, colour = [], None
    for kind, body, stop in _boxes(data, start, end):
        if kind == b"colr":
            if colour is None:
                colour = data[body:stop] if stop - body >= 7 and data[body] == _ENUMERATED else \
                    struct.pack(">BbBI", _ENUMERATED, 0, 0, _SRGB if _components(data, start, end) >= 3 else _GREY)
                kept.append(_box(kind, colour))
        elif kind == b"res ":
            kept.append(_box(kind, b"".join(_box(k, data[b:s]) for k, b, s in _boxes(data, body, stop)
                                            if k in _RESOLUTION_KEPT)))
        elif kind == b"ihdr" and stop - body == 14:  # no intellectual-property box follows any more
            kept.append(_box(kind, data[body:stop - 1] + b"\x00"))
        elif kind in _HEADER_KEPT:
            kept.append(_box(kind, data[body:stop]))
    if colour is None:
        raise ValueError("the JP2 header has no colour specification")
    return b"".join(kept)


# ---------------------------------------------------------------------------------------------- codestream

def _segments(code: bytes) -> Iterator[tuple[str, int, int, int]]:
    """(part, marker, start, end) of each piece of a codestream: part "main" or "tile" for a marker segment of
    the main or a tile-part header, "sot" for a tile-part's SOT segment, "data" for a tile-part's data (marker
    0), "end" for EOC. ValueError on anything else."""
    if code[:2] != b"\xff\x4f" or code[2:4] != b"\xff\x51":
        raise ValueError("no JPEG 2000 codestream start (SOC, SIZ)")
    yield "main", _SOC, 0, 2
    at = 2
    while at + 2 <= len(code):
        if code[at] != 0xFF:
            raise ValueError(f"no marker at byte {at} of the codestream")
        marker = code[at + 1]
        if marker == _EOC:
            yield "end", marker, at, at + 2
            if at + 2 != len(code):
                raise ValueError("bytes after the codestream's end")
            return
        if marker == _SOT:
            yield from _tile_part(code, at)
            (psot,) = struct.unpack(">I", code[at + 6:at + 10])
            at = _tile_end(code, at, psot)
            continue
        if marker not in _MAIN_MARKERS:
            raise ValueError(f"an unknown marker 0xFF{marker:02X} in the codestream's main header")
        stop = at + 2 + _length(code, at)
        yield "main", marker, at, stop
        at = stop
    raise ValueError("the codestream has no end (EOC)")


def _length(code: bytes, at: int) -> int:
    if at + 4 > len(code):
        raise ValueError("the codestream ends inside a marker")
    (length,) = struct.unpack(">H", code[at + 2:at + 4])
    if length < 2 or at + 2 + length > len(code):
        raise ValueError(f"the marker segment 0xFF{code[at + 1]:02X} runs past the end")
    return int(length)


def _tile_end(code: bytes, at: int, psot: int) -> int:
    if psot == 0:  # the last tile-part runs up to EOC
        if code[-2:] != b"\xff\xd9":
            raise ValueError("the codestream has no end (EOC)")
        return len(code) - 2
    if at + psot > len(code) - 2:
        raise ValueError("a tile-part runs past the end")
    return at + psot


def _tile_part(code: bytes, at: int) -> Iterator[tuple[str, int, int, int]]:
    if _length(code, at) != 10:
        raise ValueError("a tile-part's SOT segment is not 10 bytes long")
    (psot,) = struct.unpack(">I", code[at + 6:at + 10])
    end = _tile_end(code, at, psot)
    yield "sot", _SOT, at, at + 12
    here = at + 12
    while True:
        if here + 2 > end or code[here] != 0xFF:
            raise ValueError("a tile-part header without its data (SOD)")
        marker = code[here + 1]
        if marker == _SOD:
            yield "data", 0, here, end
            return
        if marker not in _TILE_MARKERS:
            raise ValueError(f"an unknown marker 0xFF{marker:02X} in a tile-part header")
        stop = here + 2 + _length(code, here)
        if stop > end:
            raise ValueError("a tile-part header runs past its tile-part")
        yield "tile", marker, here, stop
        here = stop


def _strip_codestream(code: bytes) -> bytes:
    out: list[bytes] = []
    sot_at = -1  # where the current tile-part's SOT was written in out
    pieces = list(_segments(code))
    for part, marker, start, end in pieces:
        if marker in (_COM,) or (part == "main" and marker == _TLM):
            continue
        if part == "sot":
            sot_at = len(out)
        out.append(code[start:end])
        if part == "data":
            sot = out[sot_at]
            (psot,) = struct.unpack(">I", sot[6:10])
            if psot:  # 0 (up to EOC) stays 0
                length = sum(len(piece) for piece in out[sot_at:])
                out[sot_at] = sot[:6] + struct.pack(">I", length) + sot[10:]
    return b"".join(out)


# ---------------------------------------------------------------------------------------------- both

def strip_jpeg2000(data: bytes) -> bytes:
    """The JPEG 2000 image (a JP2 file or a bare codestream) with only what decoding needs; see the module's
    notes. Raises ValueError on an image it cannot read as such."""
    if not data.startswith(_SIGNATURE):
        return _strip_codestream(data)
    kept, codestreams = [], 0
    for kind, body, end in _boxes(data):
        if kind == b"jp2h":
            kept.append(_box(kind, _header(data, body, end)))
        elif kind == b"jp2c":
            codestreams += 1
            kept.append(_box(kind, _strip_codestream(data[body:end])))
        elif kind in (b"jP  ", b"ftyp"):
            kept.append(_box(kind, data[body:end]))
    if codestreams != 1 or not any(box[4:8] == b"jp2h" for box in kept):
        raise ValueError(f"a JP2 file with {codestreams} codestreams or no header (a JPX composition)")
    return b"".join(kept)


def jpeg2000_problem(data: bytes) -> str | None:
    """What a JPEG 2000 image still holds that may be metadata or text (None: nothing); read independently of
    :func:`strip_jpeg2000`."""
    try:
        if not data.startswith(_SIGNATURE):
            return _codestream_problem(data)
        for kind, body, end in _boxes(data):
            if kind not in _TOP_KEPT:
                return f"a {kind.decode('latin-1')!r} box (metadata or text)"
            if kind == b"jp2h":
                for inner, start, stop in _boxes(data, body, end):
                    if inner not in _HEADER_KEPT:
                        return f"a {inner.decode('latin-1')!r} box in the header"
                    if inner == b"colr" and data[start] != _ENUMERATED:
                        return "an ICC profile (colr box)"
                    if inner == b"res " and any(k not in _RESOLUTION_KEPT for k, _, _ in _boxes(data, start, stop)):
                        return "a box in the resolution box that is not a resolution"
            if kind == b"jp2c":
                problem = _codestream_problem(data[body:end])
                if problem is not None:
                    return problem
    except ValueError as error:
        return f"not a JPEG 2000 image as written ({error})"
    return None


def _codestream_problem(code: bytes) -> str | None:
    for _, marker, _, _ in _segments(code):
        if marker == _COM:
            return "a comment (COM marker segment)"
    return None
