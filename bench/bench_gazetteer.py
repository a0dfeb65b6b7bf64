"""Gazetteer speed and memory: build time, warm load time, find() throughput, peak RSS.

Each figure comes from a fresh process so that nothing is shared:

  build_s          building the index from the bundled data into an empty cache directory
  warm_load_s      load_gazetteer() from that cache in a new process
  find_kb_per_s    find() + resolve() over a few KB of mixed en/uk/ru report text
  peak_rss_mb      peak resident memory of the warm process (after load and the find runs)

Usage: python bench/bench_gazetteer.py [--cache DIR]   (default: a new temporary directory, so a cold build)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time

TEXT = """
On October 18, recruitment officers detained two men at a bus stop in Kharkiv. The Kharkiv city TCC
denied it. Two days earlier a crowd in Odessa blocked a minibus; the Lviv Regional Prosecutor's Office
opened a case. In the Kharkov region and near Ivanivka, Odesa oblast, border guards stopped 12 men trying
to reach Moldova. A rally was held in Odessa, Texas, the same week.
18 жовтня у Харкові працівники ТЦК затримали двох чоловіків. Кременчуцький районний ТЦК повідомив, що
на Харківщині та в Одесі тривають перевірки. У Кривому Розі та в Новій Каховці люди заблокували бус.
Одеський обласний ТЦК відмовився від коментарів. Чоловік намагався перетнути кордон з Румунією біля
Білгорода-Дністровського. Мир і спокій — це те, чого хочуть люди у Рівному й Чернівцях.
Ленинский районный суд Курска приговорил мужчину к штрафу. В Белгородской области и в Краснодарском крае
задержали дезертиров. В Харькове и Днепре прошли облавы; из России сообщают о новых делах в Татарстане.
"""

WARM = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from letopis.gazetteer import load_gazetteer
gaz = load_gazetteer(Path(sys.argv[1]))
load = time.perf_counter() - t0
text = sys.argv[2] * 4
mentions = gaz.find(text)
t1 = time.perf_counter()
rounds = 0
while time.perf_counter() - t1 < 3.0:
    found = gaz.find(text)
    for m in found:
        gaz.resolve(m, found)
    rounds += 1
elapsed = time.perf_counter() - t1
print(json.dumps({
    "warm_load_s": round(load, 3),
    "text_kb": round(len(text.encode()) / 1024, 1),
    "mentions": len(mentions),
    "find_kb_per_s": round(rounds * len(text.encode()) / 1024 / elapsed, 1),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "places": len(gaz),
}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", help="cache directory (reuse a built index; default: new temp dir)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="letopis-bench-") as tmp:
        cache = args.cache or tmp
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                        "from letopis.gazetteer import load_gazetteer; load_gazetteer(Path(sys.argv[1]))", cache],
                       check=True)
        first = time.perf_counter() - t0
        out = subprocess.run([sys.executable, "-c", WARM, cache, TEXT], check=True, capture_output=True, text=True)
        figures = json.loads(out.stdout)
    label = "build_s" if not args.cache else "first_load_s"
    print(f"{label:<16} {first:8.1f}")
    for key, value in figures.items():
        print(f"{key:<16} {value:8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
