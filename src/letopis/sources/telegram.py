"""Telegram Desktop exports (``result.json``, single chat/channel), read one message at a time.

The file is never loaded whole: :mod:`letopis.sources.json_split` cuts it in
64 kB chunks into its header values and the bytes of each message, and each
message is parsed on its own (``json``), so memory stays flat for exports of
hundreds of megabytes and is bounded by the largest message (the input cap).
A bad message (not UTF-8, not JSON, nested deeper than :data:`MAX_DEPTH`,
over the cap, or one whose fields do not fit) is one failed capture with a
reason and the next message is read; only a break in the export's own
structure (a truncated file) ends the read, with one failed export capture
that says where, after the messages read before it.
"""

from __future__ import annotations

import json
import logging
import mimetypes
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from letopis.errors import SourceError
from letopis.model import Artefact, Capture
from letopis.names import path_text, shown
from letopis.sources.json_split import Item, ListStart, Splitter, Value
from letopis.sources.limits import DEFAULT_MAX_BYTES, human_size
from letopis.sources.local import open_regular
from letopis.sources.provenance import tool_string, utc_now

log = logging.getLogger(__name__)

SOURCE_EXPORT = "telegram_export"
SOURCE_MESSAGE = "telegram_message"
METHOD = "telegram export stream"
_BUF = 64 * 1024
_HEADER_KEYS = ("name", "type", "id")
_MEDIA_KEYS = ("photo", "file")
_LINK_ENTITIES = {"link", "text_link", "url"}
MAX_DEPTH = 64  # levels of nesting a message may have (Telegram's own go 3 or 4 deep)


def _tool() -> str:
    return tool_string()


def _header_value(header: dict[str, Any], value: Value) -> None:
    if value.key in _HEADER_KEYS and value.raw is not None:
        try:
            parsed = json.loads(value.raw.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError is one
            return
        if isinstance(parsed, str | int | float):
            header[value.key] = parsed


def _prescan_header(path: Path) -> dict[str, Any]:
    """Top-level name/type/id when they come after the messages (rare): a second pass, keeping no message."""
    header: dict[str, Any] = {}
    splitter = Splitter("messages", item_cap=0)
    try:
        with open_regular(path) as fh:
            while chunk := fh.read(_BUF):
                for event in splitter.feed(chunk):
                    if isinstance(event, Value):
                        _header_value(header, event)
                if splitter.finished or splitter.problem is not None:
                    break
    except (OSError, SourceError):  # the main pass reports it
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


def _serialised(msg: Mapping[str, Any]) -> bytes:
    """The message as JSON; with ``\\u`` escapes when it holds a lone surrogate (no UTF-8 for it)."""
    try:
        return json.dumps(msg, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(msg, ensure_ascii=True, default=str).encode("ascii")


def _item_capture(item: Item, *, header: Mapping[str, Any], export_dir: Path, parent: str, tool: str,
                  cap: int) -> Capture | None:
    """The capture of one item of the messages list: :func:`message_capture`, or a failure with a reason."""
    where = f"message at byte {item.offset}"
    if item.data is None:
        return _failed_item(item, parent, tool, f"{where} is larger than the {human_size(cap)} cap")
    if item.depth > MAX_DEPTH:
        return _failed_item(item, parent, tool, f"{where} is nested deeper than {MAX_DEPTH} levels")
    try:
        text = item.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _failed_item(item, parent, tool, f"{where} is not valid UTF-8 (byte {item.offset + exc.start})")
    try:
        msg = json.loads(text)
    except ValueError as exc:  # bad JSON, or an integer of more digits than Python converts
        return _failed_item(item, parent, tool, f"{where} is not valid JSON: {_one_line(exc)}")
    if not isinstance(msg, dict):
        return _failed_item(item, parent, tool, f"{where} is not a JSON object")
    try:
        return message_capture(msg, header=header, export_dir=export_dir, parent=parent, tool=tool)
    except Exception as exc:  # noqa: BLE001 - one message that does not fit fails alone
        log.warning("message at byte %d of %s: %s", item.offset, shown(parent), exc)
        return _failed_item(item, parent, tool, f"{where} could not be read: {type(exc).__name__}: {exc}")


def _failed_item(item: Item, parent: str, tool: str, reason: str) -> Capture:
    """A message that could not be read; it carries its exact bytes (when under the cap) as its original."""
    now = utc_now()
    artefacts = () if item.data is None else (
        Artefact(role="original", media_type="application/json", data=item.data,
                 name=f"message-at-byte-{item.offset}.json"),)
    return Capture(source_kind=SOURCE_MESSAGE, locator=f"{parent}#byte-{item.offset}", started_at=now,
                   finished_at=now, method=METHOD, tool=tool, artefacts=artefacts, parent=parent,
                   metadata={"offset": str(item.offset), "size": str(item.size)}, error=reason)


def _one_line(exc: BaseException) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__


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
    # the channel's id, name and type are the export's (its capture is the parent): not repeated per message
    meta: dict[str, str] = {}
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
    original = Artefact(role="original", media_type="application/json", data=_serialised(msg),
                        name=f"message-{meta['message_id']}.json")
    return Capture(source_kind=SOURCE_MESSAGE, locator=locator, started_at=started, finished_at=utc_now(),
                   method=METHOD, tool=tool, artefacts=(original,) + media, parent=parent,
                   published=published, title=None, text=text, text_method=how, metadata=meta)


def telegram_captures(result_json: Path, *, inside: Path | None = None,
                      cap: int = DEFAULT_MAX_BYTES) -> Iterator[Capture]:
    """The export capture, then one capture per (non-service) message.

    ``inside``: the folder the user named, when ``result_json`` was found in
    it; a ``result.json`` that is a link leading out of it is not read.
    ``cap`` bounds one message's bytes (the file itself may be of any size).
    """
    tool = _tool()
    started = utc_now()
    path = result_json
    locator = path_text(path.resolve())
    export_dir = path.parent.resolve()
    header: dict[str, Any] = {}

    def export_capture(error: str | None = None, *, keep: bool = True) -> Capture:
        meta = {"export_dir": path_text(export_dir)}
        for k in _HEADER_KEYS:
            if header.get(k) is not None:
                meta[{"name": "channel_name", "type": "channel_type", "id": "channel_id"}[k]] = _str(header[k])
        original = Artefact(role="original", media_type="application/json", path=path.resolve(),
                            name=path_text(path.name))
        return Capture(source_kind=SOURCE_EXPORT, locator=locator, started_at=started, finished_at=utc_now(),
                       method=METHOD, tool=tool, artefacts=(original,) if keep else (),
                       title=str(header["name"]) if header.get("name") is not None else None,
                       metadata=meta, error=error)

    try:
        fh = open_regular(path, inside=inside)
    except SourceError as exc:  # never opened: nothing of it is kept
        yield export_capture(f"{path.name}: {exc}", keep=False)
        return
    except OSError as exc:
        yield export_capture(f"cannot read {path.name}: {exc.strerror or exc}", keep=False)
        return
    splitter = Splitter("messages", item_cap=cap)
    keys: set[str] = set()
    count = skipped = failed = 0
    last_id: str | None = None
    listed = False
    try:
        with fh:
            while chunk := fh.read(_BUF):
                for event in splitter.feed(chunk):
                    if isinstance(event, Value):
                        keys.add(event.key)
                        _header_value(header, event)
                    elif isinstance(event, ListStart):
                        if "id" not in header:
                            header.update({k: v for k, v in _prescan_header(path).items() if k not in header})
                        listed = True
                        yield export_capture()
                    elif isinstance(event, Item):
                        cap_ = _item_capture(event, header=header, export_dir=export_dir, parent=locator,
                                             tool=tool, cap=cap)
                        if cap_ is None:
                            skipped += 1
                            continue
                        if cap_.error is not None:
                            failed += 1
                        else:
                            count += 1
                            last_id = cap_.metadata.get("message_id", last_id)
                        yield cap_
                if splitter.finished or splitter.problem is not None:
                    break
    except OSError as exc:
        yield export_capture(f"cannot read {path.name}: {exc.strerror or exc}")
        return
    problem = splitter.close()
    if not listed:
        if splitter.problem is None and "chats" in keys:
            reason = "full-account Telegram export (chats.list) is not supported: export one chat or channel"
        else:
            reason = "not a Telegram Desktop export (no \"messages\" list)"
        yield export_capture(f"{reason}: {problem}" if problem else reason)
        return
    if problem is not None:
        after = f"after message {last_id}" if last_id is not None else "before any message"
        reason = f"broken JSON in {path.name} {after}: {problem}"
        log.info("%s", shown(reason))  # the failed capture says it; the caller reports it
        yield export_capture(reason)
    log.info("telegram export %s: %d messages, %d failed, %d service messages skipped", shown(locator), count,
             failed, skipped)
