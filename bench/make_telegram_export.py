"""Write a synthetic Telegram Desktop export (single channel) of N messages, streamed.

    python bench/make_telegram_export.py OUT_DIR --messages 200000

The file is written message by message, so any size can be made with flat
memory. Every 50th message is a service message, every 7th has a photo path
(the photo file itself is written once when --with-media is given).

Two mixes:

* ``incidents`` (the default): every text message is the same short report of
  a detention (about 120 characters), so every message becomes a source of an
  incident: the worst case for storage per message;
* ``news``: a general news channel as our users follow them: posts of 1 to 8
  sentences (weather, prices, politics, shelling and front-line news, sport,
  announcements, in Ukrainian and Russian, written for this generator), with
  hashtags, links and reactions as Telegram Desktop exports them; one post in
  25 reports a detention, a clash or a court case. Deterministic per message
  number.
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


def _dated(i: int) -> tuple[int, str, dict | None]:
    """Message ``i``'s time (unix, and as the export writes it), and the service message every 50th is."""
    from datetime import datetime

    ts = _START + i * 97
    date = datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")
    service = None
    if i % 50 == 0:
        service = {"id": i, "type": "service", "date": date, "date_unixtime": str(ts),
                   "actor": "Bench channel", "action": "pin_message", "message_id": i - 1,
                   "text": "", "text_entities": []}
    return ts, date, service


def message(i: int) -> dict:
    ts, date, service = _dated(i)
    if service is not None:
        return service
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


_NEWS_UK = [
    "У {city} завтра очікується {weather}, температура вдень до {n} градусів.",
    "Ціни на пальне на АЗС {city} зросли в середньому на {n} копійок за літр.",
    "Міська рада {city} ухвалила бюджет на наступний рік, видатки на освіту збільшено на {n} відсотків.",
    "Вночі ворог атакував {city} дронами, пошкоджено {n} будинків, постраждалих немає.",
    "Сили оборони відбили {n} атак на {front} напрямку, повідомляє Генштаб.",
    "Футбольний клуб із {city} переміг з рахунком {n}:1 і вийшов до чвертьфіналу кубка.",
    "У {city} з понеділка змінюється графік руху тролейбусів, нові маршрути діятимуть до весни.",
    "Енергетики попереджають про планові відключення світла у {city} з {n}:00 до 18:00.",
    "Уряд продовжив програму пільгових кредитів для малого бізнесу ще на {n} місяців.",
    "У {city} відкрили нову школу на {n} учнів із укриттям у підвалі.",
    "Синоптики прогнозують {weather} на вихідні по всій області.",
    "Підписуйтесь на наш канал, щоб першими дізнаватися новини {city}.",
]
_NEWS_RU = [
    "В {city} в выходные ожидается {weather}, ночью до минус {n} градусов.",
    "Правительство региона выделило {n} миллионов рублей на ремонт дорог.",
    "Курс доллара на торгах вырос до {n} рублей, сообщает биржа.",
    "В {city} прошёл концерт, который посетили около {n} тысяч зрителей.",
    "Губернатор провёл совещание о подготовке к отопительному сезону в {city}.",
    "Цены на овощи в магазинах {city} за месяц выросли на {n} процентов.",
    "Хоккейный клуб из {city} одержал победу со счётом {n}:2.",
    "С понедельника в {city} меняется расписание пригородных электричек.",
]
_INCIDENT_UK = [
    "У {city} працівники ТЦК затримали чоловіка просто на вулиці біля зупинки, свідки зняли це на відео.",
    "У {city} сталася сутичка між працівниками ТЦК та місцевими жителями, які намагалися відбити затриманого.",
    "Суд у {city} призначив чоловікові {n} років позбавлення волі за напад на працівника ТЦК.",
]
_INCIDENT_RU = [
    "В {city} полиция задержала участницу одиночного пикета против войны, составлен протокол о дискредитации армии.",
    "Суд в {city} приговорил мужчину к {n} годам колонии за поджог военкомата.",
]
_CITIES_UK = ["Харкові", "Одесі", "Львові", "Дніпрі", "Києві", "Полтаві", "Запоріжжі", "Житомирі", "Ужгороді"]
_CITIES_RU = ["Москве", "Самаре", "Казани", "Новосибирске", "Екатеринбурге", "Краснодаре"]
_WEATHER = ["мокрий сніг", "сильний вітер", "туман", "дощ", "ожеледиця"]
_FRONTS = ["Покровському", "Куп'янському", "Лиманському", "Запорізькому"]


def news_message(i: int) -> dict:
    """A post of the ``news`` mix (see the module's text)."""
    import random

    ts, date, service = _dated(i)
    if service is not None:
        return service
    rng = random.Random(i)
    russian = rng.random() < 0.4
    pool, cities = (_NEWS_RU, _CITIES_RU) if russian else (_NEWS_UK, _CITIES_UK)
    sentences = [rng.choice(pool) for _ in range(rng.randint(1, 8))]
    if i % 25 == 0:
        sentences.insert(0, rng.choice(_INCIDENT_RU if russian else _INCIDENT_UK))
    plain = " ".join(s.format(city=rng.choice(cities), n=rng.randint(2, 40), weather=rng.choice(_WEATHER),
                              front=rng.choice(_FRONTS)) for s in sentences)
    tag = "#новости" if russian else "#новини"
    link = f"https://t.me/bench_channel/{i}"
    parts: list = [f"Пост {i}. ", {"type": "bold", "text": plain.split(".")[0]}, "." + ".".join(plain.split(".")[1:]),
                   "\n\n", {"type": "hashtag", "text": tag}, " ", {"type": "link", "text": link}]
    entities = [p if isinstance(p, dict) else {"type": "plain", "text": p} for p in parts]
    msg: dict = {"id": i, "type": "message", "date": date, "date_unixtime": str(ts),
                 "from": "Bench channel", "from_id": f"channel{CHANNEL_ID}", "text": parts, "text_entities": entities}
    if rng.random() < 0.3:
        msg["edited"] = date
        msg["edited_unixtime"] = str(ts + 60)
    if rng.random() < 0.35:
        msg.update({"photo": PHOTO, "width": 1280, "height": 853})
    if rng.random() < 0.5:
        msg["reactions"] = [{"type": "emoji", "count": rng.randint(1, 300), "emoji": e} for e in ("👍", "😢")]
    return msg


MIXES = {"incidents": lambda i: message(i), "news": news_message}


def write_export(out_dir: Path, messages: int, *, with_media: bool = False, mix: str = "incidents") -> Path:
    """Write ``out_dir/result.json`` with ``messages`` messages of ``mix``; return its path."""
    make = MIXES[mix]
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
            fh.write(json.dumps(make(i), ensure_ascii=False))
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
    parser.add_argument("--mix", choices=sorted(MIXES), default="incidents")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    write_export(args.out_dir, args.messages, with_media=args.with_media, mix=args.mix)


if __name__ == "__main__":
    main()
