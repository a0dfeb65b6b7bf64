"""Publishing N incidents as the static site: time, peak memory, and the first page's load time in Chromium.

Fills a fresh plain data directory with N synthetic incidents (default
100,000; those of ``bench_search.py``), then runs ``letopis publish`` through
its service (:func:`letopis.services.publishing.publish_site`, the three
languages, unverified incidents included: the synthetic ones are candidates)
in a child process and prints the time (rendering, the read-back of every
file, the rename), the files and bytes written, and the child's peak resident
memory. Then opens the site's first page (``en/index.html``) from the folder
in headless Chromium (Debian's, via Playwright), three times, and prints the
page's load time (navigation start to the end of the ``load`` event: the
page, its scripts and the data files parsed) and the time until every
marker is in the map's clusters. Usage:

  python bench/bench_publish.py [--n N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import fill  # noqa: E402 - the bench folder is not a package

from letopis.config import load_config  # noqa: E402
from letopis.crypto.store import init_store  # noqa: E402
from letopis.services.incidents import IncidentFilters  # noqa: E402
from letopis.services.workspace import open_workspace  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def _child(data: str, out: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from letopis.services.publishing import publish_site

    ws = open_workspace(load_config({"data": data}))
    try:
        started = time.perf_counter()
        result = publish_site(ws, IncidentFilters(), Path(out), include_unverified=True)
        queue.put((result.count, time.perf_counter() - started, result.files, result.size,
                   resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    finally:
        ws.close()


def publish(data: Path, out: Path) -> tuple[int, float, int, int, float]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(str(data), str(out), queue))
    process.start()
    while True:
        try:
            result = queue.get(timeout=5)
            break
        except Empty:
            if not process.is_alive():
                raise SystemExit(f"publish failed (exit {process.exitcode})") from None
    process.join()
    return result


LOAD_MS = """() => { const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime; }"""


def first_page(site: Path, runs: int = 3) -> list[tuple[float, float, int]]:
    """(load ms, all markers clustered ms, markers) of ``en/index.html``, opened ``runs`` times."""
    from playwright.sync_api import sync_playwright

    figures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            for _ in range(runs):
                page = browser.new_page()
                started = time.perf_counter()
                page.goto((site / "en" / "index.html").as_uri(), wait_until="load", timeout=120_000)
                page.wait_for_selector("#map[data-ready=true]", timeout=600_000)
                ready = (time.perf_counter() - started) * 1000
                figures.append((page.evaluate(LOAD_MS), ready, int(page.get_attribute("#map", "data-markers") or 0)))
                page.close()
        finally:
            browser.close()
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="Keep the published site in this (new) folder.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="letopis-bench-publish-") as tmp:
        data = Path(tmp) / "data"
        opened = init_store(data, encrypt=False).store
        (data / "letopis.toml").write_text("", encoding="utf-8")
        started = time.perf_counter()
        fill(opened.db, args.n)
        opened.close()
        print(f"filled {args.n} incidents in {time.perf_counter() - started:.1f} s (sqlite)")
        site = Path(tmp) / "site"
        count, seconds, files, size, peak = publish(data, site)
        print(f"published {count} incidents (en, uk, ru) in {seconds:.1f} s = {count / seconds:.0f} incidents/s; "
              f"{files} files, {size / 1e6:.1f} MB; peak {peak:.0f} MB")
        data_mb = sum(p.stat().st_size for p in (site / "data").glob("*.js")) / 1e6
        print(f"the first page's data scripts: {data_mb:.1f} MB")
        for load, ready, markers in first_page(site):
            print(f"first page (en/index.html): load {load:.0f} ms; {markers} markers clustered after {ready:.0f} ms")
        if args.keep:
            shutil.copytree(site, args.keep)


if __name__ == "__main__":
    main()
