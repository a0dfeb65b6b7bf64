"""Web app latency over N incidents: p50/p95 of the pages and API calls a monitor makes.

Fills a fresh data directory with N synthetic incidents (default 100,000;
the same generator as bench_search.py: eleven types, two years of dates, 24
oblasts, three languages), opens the web app on it in-process (FastAPI's
TestClient: the whole request path, HTTP parsing aside) and times:

  incidents_page   /incidents: the first page of 50 with the total, unfiltered and with a type + 30-day range
  api_list         /api/incidents with the same filters
  incident_page    /incidents/ID for random incidents
  map_10000        /api/map?limit=10000 (GeoJSON of 10,000 incidents, for other programs: the lean properties)
  map_window       /api/map for a date range that holds about 10,000 incidents
  map_all_10000    /api/map?limit=10000&fields=all (every property: summaries, actors, origins, names written out)
  markers_10000    /api/map/markers?limit=10000 (what the map page draws: compact rows of 10,000 markers)
  markers_window   /api/map/markers for a date range that holds about 10,000 incidents
  map_card         /api/incidents/ID/card for random incidents (a marker's card, asked for when opened)
  timeline_day     /api/timeline?by=day over all incidents
  timeline_month   /api/timeline?by=month over all incidents
  regions          /api/statistics/regions over all incidents (the statistics page's table)
  *_page           /map, /timeline, /statistics as HTML (their data comes from the calls above)

logged in as a viewer, and prints p50 and p95 in milliseconds for each, of the wall clock and of this
process's CPU time (the app's work in Python and, on SQLite, the database's; on a machine shared with other
work the wall clock is mostly waiting for a core), with the machine's load average (one minute) when that kind
was done; no assertion. Usage:

  python bench/bench_web.py [N] [--repeat R] [--postgres] [--lang uk]

--lang: the interface language of the requests (uk and ru write each row's date and
place in that language: the gazetteer's names; en shows them as stored).

SQLite in a temporary directory; then PostgreSQL too when LETOPIS_DATABASE_URL
names an empty database, or with --postgres a throwaway server started as the
test suite starts one (tests/postgres_server.py, needs the postgresql package).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

from bench_search import DAYS, START, fill  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from letopis.config import load_config  # noqa: E402
from letopis.services import accounts  # noqa: E402
from letopis.services.workspace import init_workspace  # noqa: E402
from letopis.web import create_app, settle  # noqa: E402

PASSWORD = "the bench's own password"


def _window(rng: random.Random, days: int) -> dict[str, str]:
    start = START + timedelta(days=rng.randrange(DAYS - days))
    return {"from": start.isoformat(), "to": (start + timedelta(days=days)).isoformat()}


def _cases(n: int) -> dict[str, tuple[int, Callable[[random.Random], str]]]:
    """name → (repeats divisor, a random URL of that kind)."""
    types = ["mobilization_detention", "resistance", "legal_action", "protest"]
    ten_thousand_days = max(1, min(DAYS - 1, round(10_000 / max(n, 1) * DAYS)))

    def filtered(path: str) -> Callable[[random.Random], str]:
        def url(rng: random.Random) -> str:
            if rng.random() < 0.5:
                return path
            window = _window(rng, 30)
            return f"{path}?type={rng.choice(types)}&from={window['from']}&to={window['to']}"
        return url

    def window_map(rng: random.Random, path: str = "/api/map") -> str:
        window = _window(rng, ten_thousand_days)
        return f"{path}?limit=10000&from={window['from']}&to={window['to']}"

    return {
        "incidents_page": (1, filtered("/incidents")),
        "api_list": (1, filtered("/api/incidents")),
        "incident_page": (1, lambda rng: f"/incidents/{rng.randrange(1, n + 1)}"),
        "map_10000": (4, lambda rng: "/api/map?limit=10000"),
        "map_window": (4, window_map),
        "map_all_10000": (4, lambda rng: "/api/map?limit=10000&fields=all"),
        "markers_10000": (4, lambda rng: "/api/map/markers?limit=10000"),
        "markers_window": (4, lambda rng: window_map(rng, "/api/map/markers")),
        "map_card": (1, lambda rng: f"/api/incidents/{rng.randrange(1, n + 1)}/card"),
        "timeline_day": (4, lambda rng: "/api/timeline?by=day"),
        "timeline_month": (4, lambda rng: "/api/timeline?by=month"),
        "regions": (4, lambda rng: "/api/statistics/regions"),
        "map_page": (4, lambda rng: "/map"),
        "timeline_page": (4, lambda rng: "/timeline"),
        "statistics_page": (4, lambda rng: "/statistics"),
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(label: str, data: Path, n: int, repeat: int, database_url: str | None = None, lang: str = "en") -> None:
    config = load_config({"data": str(data), "database_url": database_url, "collector": "bench"})
    workspace, _, _ = init_workspace(config)
    try:
        started = time.perf_counter()
        fill(workspace.db, n)
        print(f"[{label}] filled {n} incidents in {time.perf_counter() - started:.1f} s")
        client = TestClient(create_app(workspace))
        settle()  # as `letopis serve` does
        accounts.add_user(workspace, "bench", "viewer", PASSWORD)  # every page needs a login
        login = client.post("/login", data={"name": "bench", "password": PASSWORD, "next": "/incidents"},
                            follow_redirects=False)
        if login.status_code != 303:
            raise SystemExit(f"could not log in: {login.status_code} {login.text[:200]}")
        client.cookies.set("lang", lang)
        rng = random.Random(5)
        for name, (divisor, make_url) in _cases(n).items():
            timings: list[float] = []
            cpu: list[float] = []
            sizes: list[int] = []
            client.get(make_url(rng))  # warm the caches the first request fills (gazetteer, templates)
            for _ in range(max(3, repeat // divisor)):
                url = make_url(rng)
                t, c = time.perf_counter(), time.process_time()
                response = client.get(url)
                timings.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
                sizes.append(len(response.content))
            extra = ""
            if name.startswith(("map", "markers")) and name != "map_card":
                extra = f"  ({statistics.median(sizes) / 1e6:.1f} MB)"
            print(f"[{label}] {name:15s} p50={statistics.median(timings):7.1f} ms  "
                  f"p95={_percentile(timings, 0.95):7.1f} ms  cpu p50={statistics.median(cpu):6.1f} "
                  f"p95={_percentile(cpu, 0.95):6.1f} ms  n={len(timings)}{extra}  (load {os.getloadavg()[0]:.1f})")
    finally:
        workspace.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40, help="requests per kind (the heavy ones: a quarter)")
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL server")
    parser.add_argument("--lang", choices=("en", "uk", "ru"), default="en", help="the interface language")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="letopis-bench-web-") as tmp:
        run("sqlite", Path(tmp) / "sqlite", args.n, args.repeat, lang=args.lang)
        url = os.environ.get("LETOPIS_DATABASE_URL")
        server: Any = None
        if url is None and args.postgres:
            from tests.postgres_server import start_private_server

            server = start_private_server()
            url = server.url
        try:
            if url:
                run("postgresql", Path(tmp) / "postgresql", args.n, args.repeat, database_url=url, lang=args.lang)
        finally:
            if server is not None:
                server.stop()


if __name__ == "__main__":
    main()
