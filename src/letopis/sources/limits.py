"""Size caps and bounded decompression (zip-bomb guard)."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from letopis.errors import SizeLimitExceeded, SourceError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_BYTES_ENV = "LETOPIS_MAX_INPUT_BYTES"
_CHUNK = 64 * 1024


def resolve_max_bytes(max_bytes: int | None = None) -> int:
    """The cap in force: the argument, else ``$LETOPIS_MAX_INPUT_BYTES``, else 50 MB."""
    if max_bytes is not None:
        return int(max_bytes)
    env = os.environ.get(MAX_BYTES_ENV, "").strip()
    if env:
        try:
            return int(env)
        except ValueError:
            pass
    return DEFAULT_MAX_BYTES


def human_size(n: int) -> str:
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MB"
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} kB"
    return f"{n} bytes"


def too_large(what: str, cap: int) -> SizeLimitExceeded:
    return SizeLimitExceeded(f"{what} larger than the {human_size(cap)} cap")


def read_capped(stream: BinaryIO, cap: int, what: str = "input") -> bytes:
    """Read all of ``stream`` but never more than ``cap`` bytes."""
    data = stream.read(cap + 1)
    if data is None:
        data = b""
    if len(data) > cap:
        raise too_large(what, cap)
    return data


def _decompressor(encoding: str):
    enc = encoding.lower().strip()
    if enc in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if enc == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS)
    if enc == "zlib":
        return zlib.decompressobj(zlib.MAX_WBITS)
    raise SourceError(f"unsupported compression {encoding!r}")


def bounded_decompress(chunks: Iterable[bytes], encoding: str, cap: int, what: str = "decompressed input") -> bytes:
    """Decompress ``chunks`` (gzip/deflate) without ever producing more than ``cap`` bytes.

    The output is produced ``max_length`` at a time, so a highly compressed
    bomb costs at most ``cap`` bytes of memory before it is refused. Input
    that ends before its compressed stream does (a cut download, a truncated
    ``.gz``) raises :class:`SourceError` ("truncated gzip data ...").
    """
    out = bytearray()
    d = _decompressor(encoding)
    raw_deflate_retry = encoding.lower().strip() == "deflate"
    try:
        for chunk in chunks:
            buf = chunk
            while buf:
                try:
                    piece = d.decompress(buf, cap + 1 - len(out))
                except zlib.error:
                    if raw_deflate_retry and not out:
                        # Some servers send raw deflate without the zlib header.
                        d = zlib.decompressobj(-zlib.MAX_WBITS)
                        raw_deflate_retry = False
                        piece = d.decompress(buf, cap + 1 - len(out))
                    else:
                        raise
                raw_deflate_retry = False
                out += piece
                if len(out) > cap:
                    raise too_large(what, cap)
                buf = d.unconsumed_tail
                if d.eof:
                    # Concatenated gzip members: start again on what is left.
                    rest = d.unused_data + buf
                    if rest and encoding.lower().strip() in ("gzip", "x-gzip"):
                        d = _decompressor(encoding)
                        buf = rest
                    else:
                        buf = b""
        tail = d.flush(cap + 1 - len(out)) if hasattr(d, "flush") else b""
        out += tail
        if len(out) > cap:
            raise too_large(what, cap)
        if not d.eof:  # the stream's end (and gzip's checksum and length) never came
            raise SourceError(f"truncated {encoding} data: the input ends before its compressed stream does "
                              f"({len(out)} bytes decompressed)")
    except zlib.error as exc:
        raise SourceError(f"corrupt {encoding} data: {exc}") from None
    return bytes(out)


def iter_file_chunks(stream: BinaryIO, limit: int | None = None) -> Iterator[bytes]:
    """Read ``stream`` in chunks; stop with SizeLimitExceeded past ``limit`` compressed bytes."""
    total = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return
        total += len(chunk)
        if limit is not None and total > limit:
            raise too_large("compressed input", limit)
        yield chunk
