"""Extraction speed and memory: prints reports/s, start-up time and peak RSS.

Generates N synthetic reports of about 1 KB each in English, Ukrainian and
Russian (digests of several incidents, with chained dates, inflected places
and number words), runs the engine over them on one core and prints:

  startup_cold_s / startup_warm_s   `letopis extract` on one small report, end to end
  reports_per_s                     throughput after start-up
  peak_rss_mb                       peak resident memory of this process

Usage: python bench/bench_extract.py [N]   (default 2000)
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TEMPLATES = {
    "uk": [
        "{d} жовтня у {c_uk} працівники ТЦК затримали {n_uk} чоловіків на зупинці та посадили їх у бус.",
        "Наступного дня в {c_uk} місцеві мешканці заблокували бус ТЦК і не дали вивезти затриманого.",
        "У ніч на {d} жовтня прикордонники затримали {n_uk} чоловіків, які намагалися перетнути кордон.",
        "Суд засудив мешканця {c_gen} до трьох років позбавлення волі за ухилення від мобілізації.",
        "Напередодні 47-річний чоловік напав з ножем на працівника ТЦК; потерпілого госпіталізовано.",
        "Ми вважаємо, що мобілізація має бути справедливою.",
    ],
    "ru": [
        "{d} октября в {c_ru} сотрудники ТЦК задержали {n_ru} мужчин и увезли в военкомат.",
        "На следующий день толпа местных жителей окружила бус ТЦК и отбила задержанного.",
        "В ночь на {d} октября неизвестные подожгли здание военкомата; пострадавших нет.",
        "Суд приговорил местного жителя к штрафу за пост о дискредитации армии.",
        "За октябрь было зарегистрировано более 19 тысяч случаев СОЧ.",
    ],
    "en": [
        "On October {d}, recruitment officers in {c_en} detained {n_en} men at a bus stop.",
        "Two days earlier, residents surrounded a TCC car in {c_en} and freed a detained man.",
        "A 37-year-old man stabbed a TCC officer in {c_en}; the officer was hospitalised.",
        "A court sentenced a resident of {c_en} to three years in prison for desertion.",
        "Over 19,000 SZCh cases were registered in October, prosecutors said.",
        "Commentators argue that the law should be changed.",
    ],
}
CITIES = [
    ("Харкові", "Харкова", "Харькове", "Kharkov"), ("Одесі", "Одеси", "Одессе", "Odessa"),
    ("Дніпрі", "Дніпра", "Днепре", "Dnipro"), ("Києві", "Києва", "Киеве", "Kiev"),
    ("Рівному", "Рівного", "Ровно", "Rivne"), ("Запоріжжі", "Запоріжжя", "Запорожье", "Zaporizhzhia"),
    ("Миколаєві", "Миколаєва", "Николаеве", "Mykolaiv"), ("Чернівцях", "Чернівців", "Черновцах", "Chernivtsi"),
]
NUMBERS = {"uk": ["двох", "трьох", "чотирьох", "п'ятьох"], "ru": ["двух", "трех", "четырех", "пятерых"],
           "en": ["two", "three", "four", "five"]}


def make_report(rng: random.Random) -> tuple[str, str]:
    lang = rng.choice(list(TEMPLATES))
    parts: list[str] = []
    while sum(len(p.encode()) for p in parts) < 900:  # ~1 KB of UTF-8 per report
        c = rng.choice(CITIES)
        parts.append(rng.choice(TEMPLATES[lang]).format(
            d=rng.randint(1, 28), c_uk=c[0], c_gen=c[1], c_ru=c[2], c_en=c[3],
            n_uk=rng.choice(NUMBERS["uk"]), n_ru=rng.choice(NUMBERS["ru"]), n_en=rng.choice(NUMBERS["en"])))
    paragraphs = [" ".join(parts[i:i + 2]) for i in range(0, len(parts), 2)]
    return lang, "\n\n".join(paragraphs)


def startup(sample: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "letopis.cli", "extract", str(sample), "--published",
                    "2025-11-03"], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(42)
    reports = [make_report(rng) for _ in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "one.txt"
        sample.write_text(reports[0][1], encoding="utf-8")
        cold = startup(sample)
        warm = min(startup(sample) for _ in range(3))

    from letopis.extract.engine import Engine
    from letopis.extract.records import Report

    load_started = time.perf_counter()
    engine = Engine()
    engine.extract(Report(text=reports[0][1], published=date(2025, 11, 3)))
    in_process_load = time.perf_counter() - load_started

    started = time.perf_counter()
    records = 0
    for _lang, text in reports:
        records += len(engine.extract(Report(text=text, published=date(2025, 11, 3))))
    elapsed = time.perf_counter() - started
    size = sum(len(t.encode()) for _, t in reports) / n
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reports              {n} (mean {size:.0f} bytes)")
    print(f"records              {records}")
    print(f"startup_cold_s       {cold:.2f}")
    print(f"startup_warm_s       {warm:.2f}")
    print(f"engine_load_s        {in_process_load:.2f}")
    print(f"reports_per_s        {n / elapsed:.1f}")
    print(f"peak_rss_mb          {peak:.0f}")


if __name__ == "__main__":
    main()
