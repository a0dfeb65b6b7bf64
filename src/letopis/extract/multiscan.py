"""Every match of many patterns over one text, found faster than one scan per pattern.

A rule table (the date rules, the cue families) runs dozens of patterns over each sentence,
and a scan tries its pattern's alternatives at every position of the text. :class:`MultiScan`
gives exactly the matches of ``pattern.finditer(text)`` for each pattern, in the same order,
while skipping what cannot match:

* a pattern (without IGNORECASE) whose every match starts with one of a set of literal strings
  ("затрима", "тцк", "court"), none shorter than three characters, is scanned only when one of
  them occurs in the text (one Aho-Corasick pass looks for the strings of all patterns);
* the others that start with the shared ``guard`` (a zero-width test such as a word-start
  lookbehind) are tried only where a single scan for any of them (a lookahead over all their
  bodies, the guard checked once) says one of them can match;
* the rest are scanned as they are.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

import ahocorasick

# the standard library's regex parser (private, stable since 3.11): what a pattern must start with
sre = importlib.import_module("re._constants")
sre_parse = importlib.import_module("re._parser")

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
# back-references and conditionals tie a pattern to its own group numbers: such a pattern
# is not put in the shared scan (the test errs on the safe side: any backslash before a digit)
_GROUP_BOUND = re.compile(r"\\[0-9]|\(\?P=|\(\?\(")
_MAX_HEADS = 1024
_MIN_HEAD = 3     # shorter strings ("в", "на") occur in nearly every sentence: no use as a filter
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


class MultiScan:
    """The compiled ``patterns`` (all with the same flags), and a ``guard`` most of them start with."""

    def __init__(self, patterns: Sequence[re.Pattern[str]], guard: str) -> None:
        self.patterns = list(patterns)
        n = len(self.patterns)
        self._literal = [False] * n
        words: dict[str, set[int]] = {}
        for index, pattern in enumerate(self.patterns):
            heads = literal_heads(pattern)
            if heads and min(map(len, heads)) >= _MIN_HEAD:
                self._literal[index] = True
                for word in heads:
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
            for _end, indices in self._automaton.iter(text):
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


def literal_heads(pattern: re.Pattern[str]) -> frozenset[str]:
    """Non-empty literal strings one of which every match of ``pattern`` starts with, or an empty
    set when there is no such set (a match may start with a character class, or IGNORECASE)."""
    if pattern.flags & (re.IGNORECASE | re.LOCALE | re.VERBOSE):
        return frozenset()
    try:
        heads = _heads(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:    # the parser is the standard library's own: no heads rather than a failure
        return frozenset()
    words = frozenset(word for word, _complete in heads)
    return frozenset() if "" in words else words


def _heads(items: Any) -> set[tuple[str, bool]]:
    """(prefix, complete) pairs: every match of ``items`` starts with one of the prefixes; a
    complete one is the whole match (the items after it extend it)."""
    out = {("", True)}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue                                  # consumes nothing: the text after it is the same
        if op is sre.LITERAL:
            item = {(chr(av), True)}
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
        if len(out) > _MAX_HEADS:
            out = {(word, False) for word, _ in out}
        if not any(complete for _, complete in out):
            break
    return out
