"""http(s) URLs: fetch through a Fetcher, keep the exchange as WARC, read the body."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from letopis.errors import SourceError
from letopis.model import Artefact, Capture
from letopis.sources.content import content_captures
from letopis.sources.fetcher import Fetcher
from letopis.sources.provenance import utc_now
from letopis.sources.warc import WARC_MEDIA_TYPE, build_warc

log = logging.getLogger(__name__)

METHOD = "http GET"


def url_captures(url: str, fetcher: Fetcher, *, cap: int) -> Iterator[Capture]:
    started = utc_now()
    try:
        result = fetcher.fetch(url)
    except SourceError as exc:
        log.warning("fetch %s failed: %s", url, exc)
        yield Capture(source_kind="url", locator=url, started_at=started, finished_at=utc_now(),
                      method=METHOD, tool=fetcher.tool, error=str(exc))
        return
    warc = Artefact(role="warc", media_type=WARC_MEDIA_TYPE,
                    data=build_warc(result.exchanges, software=fetcher.tool), name="capture.warc.gz")
    final = result.final
    meta: dict[str, Any] = {"http_status": str(final.status)}
    ctype = final.header("content-type")
    if ctype:
        meta["content_type"] = ctype
    if len(result.exchanges) > 1:
        meta["redirects"] = " -> ".join(f"{e.status} {e.url}" for e in result.exchanges[:-1])
    for h in ("last-modified", "etag", "content-encoding"):
        v = final.header(h)
        if v:
            meta[h.replace("-", "_")] = v
    body_name = None
    if result.truncated:  # over the size cap: the bytes received up to it are kept, marked so
        meta.update(partial=True, read_bytes=len(final.raw_body), truncated="length")
        body_name = f"first {len(final.raw_body)} bytes of the response"
    if result.error is not None:  # the body as received is kept, with the reason it was not read
        yield Capture(source_kind="url", locator=url, started_at=started, finished_at=utc_now(),
                      method=METHOD, tool=fetcher.tool,
                      artefacts=(warc, Artefact(role="original", media_type="application/octet-stream",
                                                data=final.raw_body, name=body_name)),
                      final_url=result.final_url, metadata=meta, error=result.error)
        return
    if final.status >= 400:
        yield Capture(source_kind="url", locator=url, started_at=started, finished_at=utc_now(),
                      method=METHOD, tool=fetcher.tool,
                      artefacts=(warc, Artefact(role="original", media_type=(ctype or "application/octet-stream"),
                                                data=result.body)),
                      final_url=result.final_url, metadata=meta, error=f"HTTP {final.status}")
        return
    name = urlsplit(result.final_url).path.rstrip("/").rsplit("/", 1)[-1] or None
    yield from content_captures(result.body, source_kind="url", locator=url, started_at=started,
                                method=METHOD, cap=cap, name=name, content_type=ctype, url=url,
                                final_url=result.final_url, artefacts=(warc,), tool_dists=("httpx",),
                                metadata=meta)
