"""Write HTTP exchanges as a gzipped WARC (warcio): warcinfo, then request + response per hop."""

from __future__ import annotations

import io
from collections.abc import Iterable
from urllib.parse import urlsplit

from letopis.sources.fetcher import Exchange

WARC_MEDIA_TYPE = "application/warc"

# The body we keep is already de-chunked, so the header that says otherwise
# is renamed rather than kept (as other archiving tools do).
_RENAMED = {"transfer-encoding": "X-Letopis-Original-Transfer-Encoding"}


def _warc_date(dt) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_warc(exchanges: Iterable[Exchange], *, software: str) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record(
        "letopis-capture.warc.gz", {"software": software, "format": "WARC File Format 1.0"}))
    for ex in exchanges:
        parts = urlsplit(ex.url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        req_headers = StatusAndHeaders(f"{ex.method} {target} {ex.http_version}",
                                       list(ex.request_headers), is_http_request=True)
        request = writer.create_warc_record(
            ex.url, "request", payload=io.BytesIO(b""), http_headers=req_headers,
            warc_headers_dict={"WARC-Date": _warc_date(ex.started_at)},
        )
        resp_headers = [(_RENAMED.get(k.lower(), k), v) for k, v in ex.response_headers]
        status_line = f"{ex.status} {ex.reason}".strip()
        warc_headers = {"WARC-Date": _warc_date(ex.started_at)}
        if ex.truncated:  # the body went past the size cap: only its first part was read (WARC 1.0, 5.13)
            warc_headers["WARC-Truncated"] = "length"
        response = writer.create_warc_record(
            ex.url, "response", payload=io.BytesIO(ex.raw_body),
            http_headers=StatusAndHeaders(status_line, resp_headers, protocol=ex.http_version),
            warc_headers_dict=warc_headers,
        )
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
        writer.write_record(request)
        writer.write_record(response)
    return out.getvalue()
