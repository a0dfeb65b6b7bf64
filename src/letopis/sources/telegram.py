"""Telegram Desktop exports (``result.json``, single chat/channel), streamed with ijson.

The file is never loaded whole: events are read in 64 kB chunks and each
message is built on its own, so memory stays flat for exports of hundreds of
megabytes. A break in the JSON ends the stream with one failed capture that
says where, after the messages read before it.
"""

from __future__ import annotations

import json
import logging
import mimetypes
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from letopis.model import Artefact, Capture
from letopis.sources.provenance import tool_string, utc_now

log = logging.getLogger(__name__)

SOURCE_EXPORT = "telegram_export"
SOURCE_MESSAGE = "telegram_message"
METHOD = "telegram export stream"
_BUF = 64 * 1024
_HEADER_KEYS = ("name", "type", "id")
_MEDIA_KEYS = ("photo", "file")
_LINK_ENTITIES = {"link", "text_link", "url"}


class _CountingReader:
    """File wrapper that counts the bytes and lines handed to the parser."""

    def __init__(self, fh) -> None:
        self._fh = fh
        self.bytes = 0
        self.lines = 1

    def read(self, n: int = -1) -> bytes:
        data = self._fh.read(n)
        self.bytes += len(data)
        self.lines += data.count(b"\n")
        return data


def _tool() -> str:
    import ijson

    return f"{tool_string('ijson')} ({ijson.backend})"


def _one_line(exc: BaseException) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__


def _prescan_header(path: Path) -> dict[str, Any]:
    """Top-level name/type/id when they come after the messages (rare)."""
    import ijson

    header: dict[str, Any] = {}
    try:
        with path.open("rb") as fh:
            for prefix, event, value in ijson.parse(fh, buf_size=_BUF, use_float=True):
                if prefix in _HEADER_KEYS and event in ("string", "number"):
                    header[prefix] = value
                    if len(header) == len(_HEADER_KEYS):
                        break
    except Exception:  # the main pass reports the break
        pass
    return header


def _message_text(msg: Mapping[str, Any]) -> tuple[str, str, list[str]]:
    """(text, method, links) of a message."""
    entities = msg.get("text_entities")
    links: list[str] = []
    if isinstance(entities, list) and (entities or not msg.get("text")):
        parts = []
        for e in entities:
            if isinstance(e, Mapping):
                parts.append(str(e.get("text", "")))
                if e.get("type") in _LINK_ENTITIES:
                    href = e.get("href") or e.get("text")
                    if href:
                        links.append(str(href))
            elif isinstance(e, str):
                parts.append(e)
        return "".join(parts), "telegram text entities", links
    text = msg.get("text", "")
    if isinstance(text, list):
        parts = []
        for e in text:
            if isinstance(e, Mapping):
                parts.append(str(e.get("text", "")))
                if e.get("type") in _LINK_ENTITIES and (e.get("href") or e.get("text")):
                    links.append(str(e.get("href") or e.get("text")))
            else:
                parts.append(str(e))
        return "".join(parts), "telegram text", links
    return str(text or ""), "telegram text", links


def _published(msg: Mapping[str, Any], meta: dict[str, str]) -> datetime | None:
    unix = msg.get("date_unixtime")
    if unix not in (None, ""):
        try:
            return datetime.fromtimestamp(int(unix), tz=UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            pass
    raw = msg.get("date")
    if raw:
        try:
            dt = datetime.fromisoformat(str(raw))
        except ValueError:
            return None
        if dt.tzinfo is None:
            meta["published_timezone"] = "unknown (export machine's local time, taken as UTC)"
            dt = dt.replace(tzinfo=UTC)
        return dt.astimezone(UTC)
    return None


def _media(msg: Mapping[str, Any], export_dir: Path, meta: dict[str, str]) -> tuple[Artefact, ...]:
    out = []
    missing, rejected = [], []
    root = export_dir  # already resolved by the caller
    for key in _MEDIA_KEYS:
        rel = msg.get(key)
        if not rel or not isinstance(rel, str):
            continue
        if rel.startswith("("):  # "(File not included. Change data exporting settings to download.)"
            missing.append(f"{key}: {rel}")
            continue
        candidate = (export_dir / rel).resolve()
        if not candidate.is_relative_to(root):
            rejected.append(f"{key}: {rel}")
            continue
        if not candidate.is_file():
            missing.append(f"{key}: {rel}")
            continue
        media_type = (msg.get("mime_type") if key == "file" else None) or \
            mimetypes.guess_type(candidate.name)[0] or ("image/jpeg" if key == "photo" else "application/octet-stream")
        out.append(Artefact(role="media", media_type=str(media_type), path=candidate, name=candidate.name))
    if missing:
        meta["media_missing"] = "; ".join(missing)
    if rejected:
        meta["media_rejected"] = "outside the export folder: " + "; ".join(rejected)
    return tuple(out)


def _str(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def message_capture(msg: Mapping[str, Any], *, header: Mapping[str, Any], export_dir: Path,
                    parent: str, tool: str) -> Capture | None:
    """The capture of one exported message; None for service messages."""
    started = utc_now()
    if not isinstance(msg, Mapping):
        return Capture(source_kind=SOURCE_MESSAGE, locator=f"{parent}#invalid", started_at=started,
                       finished_at=utc_now(), method=METHOD, tool=tool, parent=parent,
                       error="message is not a JSON object")
    if msg.get("type", "message") != "message":
        return None
    channel_id = _str(header.get("id", "unknown"))
    msg_id = msg.get("id")
    locator = f"telegram:{channel_id}/{_str(msg_id) if msg_id is not None else 'unknown'}"
    meta: dict[str, str] = {"channel_id": channel_id}
    if header.get("name") is not None:
        meta["channel_name"] = str(header["name"])
    if header.get("type") is not None:
        meta["channel_type"] = str(header["type"])
    if msg_id is None:
        return Capture(source_kind=SOURCE_MESSAGE, locator=locator, started_at=started, finished_at=utc_now(),
                       method=METHOD, tool=tool, parent=parent, metadata=meta, error="message has no id")
    meta["message_id"] = _str(msg_id)
    for key in ("date", "edited", "forwarded_from", "from", "from_id", "author", "media_type",
                "reply_to_message_id", "via_bot", "saved_from"):
        value = msg.get(key)
        if value not in (None, ""):
            meta["date_local" if key == "date" else key] = _str(value)
    published = _published(msg, meta)
    text, how, links = _message_text(msg)
    if links:
        meta["links"] = " ".join(links)
    media = _media(msg, export_dir, meta)
    original = Artefact(role="original", media_type="application/json",
                        data=json.dumps(msg, ensure_ascii=False, default=str).encode("utf-8"),
                        name=f"message-{meta['message_id']}.json")
    return Capture(source_kind=SOURCE_MESSAGE, locator=locator, started_at=started, finished_at=utc_now(),
                   method=METHOD, tool=tool, artefacts=(original,) + media, parent=parent,
                   published=published, title=None, text=text, text_method=how, metadata=meta)


def telegram_captures(result_json: Path) -> Iterator[Capture]:
    """The export capture, then one capture per (non-service) message."""
    import ijson
    from ijson.common import ObjectBuilder

    tool = _tool()
    started = utc_now()
    path = result_json
    locator = str(path.resolve())
    export_dir = path.parent.resolve()
    header: dict[str, Any] = {}
    export_yielded = False
    last_id: str | None = None
    count = skipped = 0

    def export_capture(error: str | None = None) -> Capture:
        meta = {"export_dir": str(export_dir)}
        for k in _HEADER_KEYS:
            if header.get(k) is not None:
                meta[{"name": "channel_name", "type": "channel_type", "id": "channel_id"}[k]] = _str(header[k])
        return Capture(source_kind=SOURCE_EXPORT, locator=locator, started_at=started, finished_at=utc_now(),
                       method=METHOD, tool=tool,
                       artefacts=(Artefact(role="original", media_type="application/json", path=path.resolve(),
                                           name=path.name),),
                       title=str(header["name"]) if header.get("name") is not None else None,
                       metadata=meta, error=error)

    try:
        fh = path.open("rb")
    except OSError as exc:
        yield export_capture(f"cannot read {path.name}: {exc.strerror or exc}")
        return
    reader = _CountingReader(fh)
    builder = None
    top_keys: set[str] = set()
    try:
        with fh:
            for prefix, event, value in ijson.parse(reader, buf_size=_BUF, use_float=True):
                if builder is not None:
                    builder.event(event, value)
                    if prefix == "messages.item" and event in ("end_map", "end_array"):
                        msg = builder.value
                        builder = None
                        cap = message_capture(msg, header=header, export_dir=export_dir, parent=locator, tool=tool)
                        if cap is None:
                            skipped += 1
                        else:
                            count += 1
                            last_id = cap.metadata.get("message_id", last_id)
                            yield cap
                    continue
                if prefix == "messages.item":
                    if event in ("start_map", "start_array"):
                        builder = ObjectBuilder()
                        builder.event(event, value)
                    else:  # a scalar where a message should be: an error capture
                        invalid = message_capture(value, header=header, export_dir=export_dir, parent=locator,
                                                  tool=tool)
                        if invalid is not None:
                            yield invalid
                    continue
                if prefix == "" and event == "map_key":
                    top_keys.add(value)
                elif prefix in _HEADER_KEYS and event in ("string", "number"):
                    header[prefix] = value
                elif prefix == "messages" and event == "start_array":
                    if "id" not in header:
                        header.update({k: v for k, v in _prescan_header(path).items() if k not in header})
                    export_yielded = True
                    yield export_capture()
                elif prefix == "" and event == "start_array":
                    raise ValueError("top level is a JSON array, not a Telegram export object")
    except (ijson.JSONError, ValueError, UnicodeDecodeError) as exc:
        where = f"read up to byte {reader.bytes}, line {reader.lines}"
        after = f"after message {last_id}" if last_id is not None else "before any message"
        reason = f"broken JSON in {path.name} {after} ({where}): {_one_line(exc)}"
        if isinstance(exc, ValueError) and not isinstance(exc, ijson.JSONError) and "top level" in str(exc):
            reason = f"not a Telegram Desktop export: {exc}"
        log.warning("%s", reason)
        yield export_capture(reason)
        return
    except OSError as exc:
        yield export_capture(f"cannot read {path.name}: {exc.strerror or exc}")
        return
    if not export_yielded:
        if "chats" in top_keys:
            reason = "full-account Telegram export (chats.list) is not supported: export one chat or channel"
        else:
            reason = "not a Telegram Desktop export (no \"messages\" list)"
        yield export_capture(reason)
        return
    log.info("telegram export %s: %d messages, %d service messages skipped", locator, count, skipped)
