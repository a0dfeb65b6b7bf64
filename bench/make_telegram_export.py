"""Write a synthetic Telegram Desktop export (single channel) of N messages, streamed.

    python bench/make_telegram_export.py OUT_DIR --messages 200000

The file is written message by message, so any size can be made with flat
memory. Every 50th message is a service message, every 7th has a photo path
(the photo file itself is written once when --with-media is given).
"""

from __future__ import annotations

import argparse
import json
import logging
from datetime import UTC
from pathlib import Path

log = logging.getLogger("make_telegram_export")

CHANNEL_ID = 1555000111
PHOTO = "photos/photo_1@30-10-2025_14-22-01.jpg"
_CITIES = ["Харкові", "Одесі", "Львові", "Дніпрі", "Києві", "Полтаві", "Запоріжжі"]
_START = 1759309200  # 2025-10-01T09:00:00Z


def message(i: int) -> dict:
    ts = _START + i * 97
    from datetime import datetime

    date = datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")
    if i % 50 == 0:
        return {"id": i, "type": "service", "date": date, "date_unixtime": str(ts),
                "actor": "Bench channel", "action": "pin_message", "message_id": i - 1,
                "text": "", "text_entities": []}
    city = _CITIES[i % len(_CITIES)]
    plain = f"Повідомлення {i}: у {city} працівники ТЦК затримали чоловіка біля зупинки. "
    msg = {
        "id": i, "type": "message", "date": date, "date_unixtime": str(ts),
        "from": "Bench channel", "from_id": f"channel{CHANNEL_ID}",
        "text": [plain, {"type": "bold", "text": "Свідки"}, " кажуть, що його силоміць посадили в бус."],
        "text_entities": [{"type": "plain", "text": plain}, {"type": "bold", "text": "Свідки"},
                          {"type": "plain", "text": " кажуть, що його силоміць посадили в бус."}],
    }
    if i % 7 == 0:
        msg["photo"] = PHOTO
        msg["width"] = 8
        msg["height"] = 8
    if i % 11 == 0:
        msg["forwarded_from"] = "Інший канал"
    return msg


def write_export(out_dir: Path, messages: int, *, with_media: bool = False) -> Path:
    """Write ``out_dir/result.json`` with ``messages`` messages; return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "result.json"
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{\n "name": "Bench channel",\n "type": "public_channel",\n')
        fh.write(f' "id": {CHANNEL_ID},\n "messages": [\n')
        for i in range(1, messages + 1):
            if i > 1:
                fh.write(",\n")
            fh.write("  ")
            fh.write(json.dumps(message(i), ensure_ascii=False))
        fh.write("\n ]\n}\n")
    if with_media:
        (out_dir / "photos").mkdir(exist_ok=True)
        # An 8x8 grey baseline JPEG.
        (out_dir / PHOTO).write_bytes(bytes.fromhex(
            "ffd8ffe000104a46494600010100000100010000ffdb004300" + "01" * 64 +
            "ffc0000b080008000801011100ffc40014000100000000000000000000000000000000"
            "ffc40014100100000000000000000000000000000000ffda0008010100003f003fffd9"))
    log.info("wrote %s (%d messages, %d bytes)", path, messages, path.stat().st_size)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--with-media", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    write_export(args.out_dir, args.messages, with_media=args.with_media)


if __name__ == "__main__":
    main()
