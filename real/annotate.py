"""Tools for building the real-report set (see real/README.md).

    python real/annotate.py place Одеса [--country UA]   # gazetteer candidates as location objects
    python real/annotate.py seal real/uk/001-x.json       # fill text_sha256/text_chars from the cached text
    python real/annotate.py check                         # validate every annotation, print coverage
    python real/annotate.py restore real/uk/001-x.json DRAFT  # put a re-fetched text back in the cache

Only addresses, queries and our own annotations are committed; the texts live in
the local cache (LETOPIS_REAL_CACHE, default ~/.cache/letopis/real-reports).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from letopis.evaluation.real import (  # noqa: E402
    cache_dir, cached_text, key_spans, validate_annotation,
)


def cmd_place(args: argparse.Namespace) -> int:
    from letopis.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    places = gaz.lookup(args.name, args.country)
    if not places:
        print("no place of that name in the gazetteer", file=sys.stderr)
        return 1
    for p in places[: args.most]:
        print(json.dumps({"name": p.name, "admin1": p.admin1, "country": p.country,
                          "lat": round(p.lat, 5), "lon": round(p.lon, 5),
                          "geo_precision": 3 if p.level in ("admin1", "country") else 1},
                         ensure_ascii=False), f"  # {p.level}, population {p.population}")
    return 0


def cmd_seal(args: argparse.Namespace) -> int:
    rc = 0
    for path in args.files:
        path = Path(path)
        meta = json.loads(path.read_text(encoding="utf-8"))
        text = cached_text(path, meta, check_hash=False)
        if text is None:
            print(f"{path}: no cached text at {cache_dir() / meta['language'] / (path.stem + '.txt')}",
                  file=sys.stderr)
            rc = 1
            continue
        meta["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        meta["text_chars"] = len(text)
        path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return rc


def _variants(text: str):
    """The draft as given, then harmless re-typings of it (whitespace only)."""
    import re
    import unicodedata

    bodies = [text]
    if text.lstrip().startswith("date "):
        # the search tool's " date YYYY-MM-DD " line: exactly one space after it, or all white space
        bodies.append(re.sub(r"^ ?date \d{4}-\d{2}-\d{2} ", "", text))
        bodies.append(re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", text))
    seen: set[str] = set()
    for base in bodies:
        for norm in (base, unicodedata.normalize("NFC", base)):
            for strip in (norm, norm.strip(), norm.rstrip("\n"), norm.strip() + "\n"):
                for space in (strip, strip.replace("\u00a0", " ")):
                    if space not in seen:
                        seen.add(space)
                        yield space


def cmd_restore(args: argparse.Namespace) -> int:
    path = Path(args.file)
    meta = json.loads(path.read_text(encoding="utf-8"))
    draft = Path(args.draft).read_text(encoding="utf-8")
    want = meta.get("text_sha256")
    target = cache_dir() / meta["language"] / (path.stem + ".txt")
    for text in _variants(draft):
        if hashlib.sha256(text.encode("utf-8")).hexdigest() == want:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(f"{path}: restored ({len(text)} chars)")
            return 0
    body = next(iter(_variants(draft)))
    print(f"{path}: hash differs (draft {len(draft)} chars, sealed {meta.get('text_chars')})",
          file=sys.stderr)
    if args.keep_anyway:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.with_suffix(".draft").write_text(body, encoding="utf-8")
    return 1


def cmd_check(args: argparse.Namespace) -> int:
    files = [Path(f) for f in args.files] or sorted(
        f for lang in ("uk", "ru", "en") for f in HERE.glob(f"{lang}/*.json"))
    problems = 0
    langs: Counter[str] = Counter()
    out_of_scope: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    incidents: Counter[str] = Counter()
    urls: dict[str, Path] = {}
    missing = 0
    for path in files:
        meta = json.loads(path.read_text(encoding="utf-8"))
        errs = validate_annotation(meta)
        if meta.get("url") in urls:
            errs.append(f"same url as {urls[meta['url']]}")
        urls[meta.get("url")] = path
        text = cached_text(path, meta)
        if text is None:
            missing += 1
        else:
            for rec in meta.get("records", []):
                for key in rec.get("keys", []):
                    if not key_spans(text, key):
                        errs.append(f"key not in text: {key!r}")
        for e in errs:
            print(f"{path}: {e}")
        problems += len(errs)
        lang = meta.get("language", "?")
        langs[lang] += 1
        kinds[meta.get("source_kind", "?")] += 1
        incidents[lang] += len(meta.get("records", []))
        if not meta.get("records"):
            out_of_scope[lang] += 1
    print(f"{len(files)} reports; by language {dict(langs)}; with no record {dict(out_of_scope)}; "
          f"records {dict(incidents)}; kinds {dict(kinds)}; texts missing from cache: {missing}; "
          f"problems: {problems}")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("place")
    p.add_argument("name")
    p.add_argument("--country")
    p.add_argument("--most", type=int, default=6)
    p.set_defaults(fn=cmd_place)
    s = sub.add_parser("seal")
    s.add_argument("files", nargs="+")
    s.set_defaults(fn=cmd_seal)
    c = sub.add_parser("check")
    c.add_argument("files", nargs="*")
    c.set_defaults(fn=cmd_check)
    r = sub.add_parser("restore")
    r.add_argument("file")
    r.add_argument("draft")
    r.add_argument("--keep-anyway", action="store_true",
                   help="keep a draft whose hash differs as NNN.draft beside the cache")
    r.set_defaults(fn=cmd_restore)
    args = parser.parse_args()
    return args.fn(args)


if __name__ == "__main__":
    raise SystemExit(main())
