"""Put the texts of the origin sets back in the local cache from a search answer.

    python real/restore_origins.py ANSWER.json [ANSWER.json ...]
    python real/restore_origins.py --missing     # the pages whose text is not cached, with their queries

ANSWER.json is what the search tool (corpus ``pages``) answered to a page's ``found_by``
query: ``{"results": [{"url": ..., "excerpt": ...}, ...]}`` (or a JSON list of such
results, or JSON Lines of them). Every result whose address is a page of
``real/origins*/*.json`` is written to ``$LETOPIS_ORIGINS_CACHE/<file stem>/<id>.txt``
when one of its whitespace-only re-typings (``annotate._variants``: the tool's leading
`` date YYYY-MM-DD `` or `` date YYYY-MM `` line stripped, NFC, the ends trimmed) has the
annotated SHA-256;
otherwise it is reported and nothing is written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from annotate import _variants  # noqa: E402
from eval_origins import cache_dir  # noqa: E402


def _norm(url: str) -> str:
    return url.strip().rstrip("/").removeprefix("http://").removeprefix("https://").removeprefix("www.")


def _pages() -> dict[str, list[tuple[str, dict]]]:
    found: dict[str, list[tuple[str, dict]]] = {}
    for path in sorted(HERE.glob("origins*/*.json")):
        for page in json.loads(path.read_text(encoding="utf-8"))["pages"]:
            found.setdefault(_norm(page["url"]), []).append((path.stem, page))
    return found


def _results(path: Path) -> list[dict]:
    raw = path.read_text(encoding="utf-8")
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError:
        return [json.loads(line) for line in raw.splitlines() if line.strip()]
    return doc["results"] if isinstance(doc, dict) else doc


def _retypings(excerpt: str):
    """``annotate._variants``, and the same with a month-only `` date YYYY-MM `` line stripped."""
    yield from _variants(excerpt)
    if re.match(r"^ ?date \d{4}-\d{2} ", excerpt):
        yield from _variants(re.sub(r"^ ?date \d{4}-\d{2} ", "", excerpt))


def restore(results: list[dict]) -> tuple[int, list[str]]:
    """Write every matching result's text; the number written and one line per page no result matched."""
    pages = _pages()
    written: set[str] = set()
    tried: dict[str, str] = {}
    for result in results:
        for stem, page in pages.get(_norm(result["url"]), []):
            key = f"{stem}/{page['id']}"
            target = cache_dir() / stem / f"{page['id']}.txt"
            for text in _retypings(result["excerpt"]):
                if hashlib.sha256(text.encode("utf-8")).hexdigest() == page["text_sha256"]:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(text, encoding="utf-8")
                    written.add(key)
                    break
            else:
                tried[key] = (f"{key}: hash differs (excerpt {len(result['excerpt'])} chars, "
                              f"annotated {page.get('text_chars')})")
    return len(written), [line for key, line in tried.items() if key not in written]


def missing() -> list[str]:
    lines = []
    for entries in _pages().values():
        for stem, page in entries:
            target = cache_dir() / stem / f"{page['id']}.txt"
            ok = target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == page["text_sha256"]
            if not ok:
                lines.append(f"{stem}/{page['id']}\t{page['found_by']}")
    return sorted(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("answers", nargs="*", type=Path)
    parser.add_argument("--missing", action="store_true", help="list the pages whose text is not cached")
    args = parser.parse_args(argv)
    if args.missing:
        lines = missing()
        print("\n".join(lines) if lines else "every text is cached")
        return 1 if lines else 0
    written, failed = 0, []
    for answer in args.answers:
        got, bad = restore(_results(answer))
        written += got
        failed += bad
    print(f"{written} text(s) restored")
    for line in failed:
        print(line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
