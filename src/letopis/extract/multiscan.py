"""Every match of many patterns over one text, found faster than one scan per pattern.

A rule table (the date rules, the cue families) runs dozens of patterns over each sentence,
and a scan tries its pattern's alternatives at every position of the text. :class:`MultiScan`
gives exactly the matches of ``pattern.finditer(text)`` for each pattern, in the same order,
while skipping what cannot match:

* a pattern whose every match contains one of a set of literal strings ("затрима", "тцк",
  "court"; a date rule's month names), none shorter than three characters, is scanned only when
  one of them occurs in the text (one Aho-Corasick pass looks for the strings of all patterns);
* the others that start with the shared ``guard`` (a zero-width test such as a word-start
  lookbehind) are tried only where a single scan for any of them (a lookahead over all their
  bodies, the guard checked once) says one of them can match;
* the rest are scanned as they are.

Finding a pattern's literal strings means parsing it (a fifth of a second for the engine's
two hundred patterns, at every start of a process), so they are kept on disk
(``multiscan-<digest of this file>.json`` in the cache directory, ``$LETOPIS_CACHE``): the
strings of a pattern are a function of its text, its flags and this code, and a changed
pattern or a changed file gets new ones.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

log = logging.getLogger(__name__)

# the standard library's regex parser (private, stable since 3.11): what a pattern must start with
sre = importlib.import_module("re._constants")
sre_parse = importlib.import_module("re._parser")

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
# back-references and conditionals tie a pattern to its own group numbers: such a pattern
# is not put in the shared scan (the test errs on the safe side: any backslash before a digit)
_GROUP_BOUND = re.compile(r"\\[0-9]|\(\?P=|\(\?\(")
_MAX_HEADS = 1024
_MIN_HEAD = 3     # shorter strings ("в", "на") occur in nearly every sentence: no use as a filter
_LONG_HEAD = 8    # longer strings are no better a filter: not worth building
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


class MultiScan:
    """The compiled ``patterns`` (all with the same flags), and a ``guard`` most of them start with."""

    def __init__(self, patterns: Sequence[re.Pattern[str]], guard: str) -> None:
        self.patterns = list(patterns)
        n = len(self.patterns)
        self._literal = [False] * n
        # IGNORECASE patterns: their strings and the text are looked for folded (see fold)
        self._folded = bool(self.patterns) and all(p.flags & re.IGNORECASE for p in self.patterns)
        words: dict[str, set[int]] = {}
        for index, pattern in enumerate(self.patterns):
            factors = _known_factors(pattern, self._folded)
            if factors:
                self._literal[index] = True
                for word in factors:
                    words.setdefault(word, set()).add(index)
        self._automaton: ahocorasick.Automaton | None = None
        if words:
            self._automaton = ahocorasick.Automaton()
            for word, indices in words.items():
                self._automaton.add_word(word, tuple(sorted(indices)))
            self._automaton.make_automaton()
        flags = {p.flags for p in self.patterns}
        self._shared = [not literal and len(flags) == 1 and bool(guard) and p.pattern.startswith(guard)
                        and not _GROUP_BOUND.search(p.pattern)
                        for p, literal in zip(self.patterns, self._literal, strict=True)]
        bodies = ["(?:" + _NAMED_GROUP.sub("(?:", p.pattern[len(guard):]) + ")"
                  for p, shared in zip(self.patterns, self._shared, strict=True) if shared]
        self._starts: re.Pattern[str] | None = None
        if bodies:
            try:
                self._starts = re.compile(guard + "(?=" + "|".join(bodies) + ")", flags.pop())
            except re.error:     # e.g. a pattern with global inline flags: each scanned on its own
                self._shared = [False] * n

    def finditer(self, text: str) -> Iterator[tuple[int, re.Match[str]]]:
        """(pattern index, match) for every pattern in turn, each one's matches in text order."""
        possible: set[int] = set()
        if self._automaton is not None:
            for _end, indices in self._automaton.iter(fold(text) if self._folded else text):
                possible.update(indices)
        starts = [m.start() for m in self._starts.finditer(text)] if self._starts is not None else []
        for index, pattern in enumerate(self.patterns):
            if self._literal[index]:
                if index in possible:
                    for m in pattern.finditer(text):
                        yield index, m
            elif not self._shared[index]:
                for m in pattern.finditer(text):
                    yield index, m
            elif starts:
                for m in _matches_at(pattern, text, starts):
                    yield index, m


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that can match only at ``starts``."""
    end = 0
    for pos in starts:
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m is None:
            continue
        if m.end() == pos:   # an empty match: the regex engine steps on from here as finditer does
            yield from pattern.finditer(text, pos)
            return
        yield m
        end = m.end()


def literal_factors(pattern: re.Pattern[str], folded: bool = False) -> frozenset[str]:
    """Literal strings, none shorter than three characters, one of which every match of ``pattern``
    contains, or an empty set when no such set is known (a match may be any word). ``folded``: for
    a pattern with IGNORECASE, the strings folded as :func:`fold` folds the text."""
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    if pattern.flags & (re.LOCALE | re.VERBOSE) or ignorecase != folded:
        return frozenset()
    try:
        words = _factors(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:    # the parser is the standard library's own: no strings rather than a failure
        return frozenset()
    if words is None or min(map(len, words), default=0) < _MIN_HEAD:
        return frozenset()
    return frozenset(fold(w) for w in words) if folded else frozenset(words)


_KNOWN: dict[str, list[str]] | None = None  # the cache file's strings, by pattern (see _key)
_NEW: dict[str, list[str]] = {}             # found in this process, not in the file yet


def _cache_file() -> Path:
    from letopis.gazetteer.cache import cache_root

    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return cache_root() / f"multiscan-{digest}.json"


def _key(pattern: re.Pattern[str], folded: bool) -> str:
    return f"{int(folded)}:{pattern.flags}:{pattern.pattern}"


def _known_factors(pattern: re.Pattern[str], folded: bool) -> frozenset[str]:
    """:func:`literal_factors`, from the cache file when it holds them (written at the end of a
    rule table's set-up, :func:`save_factors`)."""
    global _KNOWN
    if _KNOWN is None:
        try:
            data = json.loads(_cache_file().read_text(encoding="utf-8"))
            _KNOWN = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            _KNOWN = {}
    key = _key(pattern, folded)
    found = _KNOWN.get(key)
    if isinstance(found, list):
        return frozenset(found)
    words = literal_factors(pattern, folded)
    _KNOWN[key] = _NEW[key] = sorted(words)
    return words


def unsaved() -> bool:
    """Whether this process found strings the cache file lacks."""
    return bool(_NEW)


def save_factors() -> None:
    """Write the strings found in this process to the cache file (with what another process wrote
    meanwhile); nothing when there are none. A cache that cannot be written costs time, nothing more."""
    if not _NEW:
        return
    path = _cache_file()
    try:
        try:
            merged = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(merged, dict):
                merged = {}
        except (OSError, ValueError):
            merged = {}
        merged.update(_NEW)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".multiscan-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(merged, fh, ensure_ascii=False)
        os.replace(tmp, path)
        for old in path.parent.glob("multiscan-*.json"):  # those of earlier versions of this file
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:  # said once: this process does not try again
        log.warning("could not write %s: %s", path, exc)
    _NEW.clear()


@lru_cache(maxsize=1024)   # the sentence tests fold the same sentence one after another
def fold(text: str) -> str:
    """Text as IGNORECASE matching sees it: two texts a case-insensitive literal matches in fold
    to the same string (simple lower case, and the regex engine's extra equivalences: ſ is s)."""
    if "\u0130" in text:
        text = text.translate(_FOLD_BEFORE)
    lowered = text.lower()
    return lowered.translate(_FOLD_AFTER) if _FOLD_CHANGES.search(lowered) else lowered


def _fold_tables() -> tuple[dict[int, str], dict[int, str]]:
    extra = importlib.import_module("re._casefix")._EXTRA_CASES
    classes: dict[int, set[int]] = {}
    for k, others in extra.items():
        merged = {k, *others}
        for member in list(merged):
            merged |= classes.get(member, set())
        for member in merged:
            classes[member] = merged
    # str.lower() differs from the regex engine's simple lower case only for İ ("i̇", two characters)
    return {0x130: "i"}, {k: chr(min(members)) for k, members in classes.items() if k != min(members)}


_FOLD_BEFORE, _FOLD_AFTER = _fold_tables()
_FOLD_CHANGES = re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_FOLD_AFTER)) + "]")


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more selective of two sets of strings: the longer shortest string, then fewer strings."""
    if a is None or b is None:
        return a if b is None else b
    ka, kb = (min(map(len, a), default=0), -len(a)), (min(map(len, b), default=0), -len(b))
    return a if ka >= kb else b


def _factors(items: Any) -> set[str] | None:
    """Strings one of which every match of ``items`` contains (None: unknown)."""
    best: set[str] | None = None
    items = _seq(items)
    for i, (op, av) in enumerate(items):
        if i == 0 or items[i - 1][0] is not sre.LITERAL:   # inside a run of letters: the run's start is better
            words = {word for word, _complete in _heads(items[i:])}
            if "" not in words:
                best = _better(best, words)    # the match of items[i:] starts with one of them
        inner: set[str] | None = None
        if op is sre.BRANCH:
            alternatives = [_factors(alt) for alt in av[1]]
            if all(a is not None for a in alternatives):
                inner = set().union(*alternatives)  # type: ignore[arg-type]
        elif op is sre.SUBPATTERN and not av[1] and not av[2]:
            inner = _factors(av[3])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            inner = _factors(av[2])
        if inner is not None and "" not in inner:
            best = _better(best, inner)
    return best


def _heads(items: Any) -> set[tuple[str, bool]]:
    """(prefix, complete) pairs: every match of ``items`` starts with one of the prefixes; a
    complete one is the whole match (the items after it extend it)."""
    items = _seq(items)
    out = {("", True)}
    i = 0
    while i < len(items):
        op, av = items[i]
        i += 1
        if op in _ZERO_WIDTH:
            continue                                  # consumes nothing: the text after it is the same
        if op is sre.LITERAL:
            run = [chr(av)]                           # a run of letters, as one string
            while i < len(items) and items[i][0] is sre.LITERAL and len(run) < _LONG_HEAD:
                run.append(chr(items[i][1]))
                i += 1
            item = {("".join(run), True)}
        elif op is sre.SUBPATTERN and not av[1] and not av[2]:
            item = _heads(av[3])                      # a group without flags of its own
        elif op is sre.BRANCH:
            item = set().union(*(_heads(alt) for alt in av[1]))
        elif op is sre.IN and len(av) <= 16 and all(o is sre.LITERAL for o, _ in av):
            item = {(chr(v), True) for _, v in av}    # a small set of characters
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            item = _heads(av[2]) | {("", True)}       # optional
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            item = {(word, False) for word, _ in _heads(av[2])}   # the first repetition
        else:
            item = {("", False)}                      # a class, any character, a back-reference ...
        out = {(word, False) for word, complete in out if not complete} \
            | {(word + more, last) for word, complete in out if complete for more, last in item}
        if len(out) > _MAX_HEADS or min(len(word) for word, _ in out) >= _LONG_HEAD:
            out = {(word, False) for word, _ in out}   # enough to look for: stop extending
        if not any(complete for _, complete in out):
            break
    return out


def _seq(items: Any) -> list[tuple[Any, Any]]:
    """The items of a parsed (sub)pattern as a plain list."""
    return items if isinstance(items, list) else list(items.data)


class Screened:
    """A compiled pattern whose ``search`` first looks (one Aho-Corasick pass) for the literal
    strings every match of it contains: a text with none of them cannot match. Same results as
    ``pattern.search(text)``."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._folded = bool(pattern.flags & re.IGNORECASE)
        words = _known_factors(pattern, self._folded)
        self._automaton: ahocorasick.Automaton | None = None
        if words:
            self._automaton = ahocorasick.Automaton()
            for word in words:
                self._automaton.add_word(word, 0)
            self._automaton.make_automaton()

    def search(self, text: str) -> re.Match[str] | None:
        if self._automaton is not None \
                and next(self._automaton.iter(fold(text) if self._folded else text), None) is None:
            return None
        return self.pattern.search(text)
