"""Reposts and copies: which sources of one incident carry the same text, and which publication came first.

Three tests, each with its reason:

* **The same words** (a forward, a copy under another headline, a near-copy
  with a line added or a few words changed): word 3-shingles of the
  normalised text (case-folded, ``ё``→``е``, ``U.S.``→``us``, punctuation
  dropped). Two passages are copies when their Jaccard similarity, estimated
  by MinHash (the kept library ``datasketch``: 256 permutations, a fixed
  seed, so the same texts always give the same figure), reaches
  :data:`SAME_TEXT` (0.5), or when at least :data:`CONTAINED` (0.4) of the
  smaller passage's shingles **outside quotation marks** are found outside
  quotation marks in the other (a post quoted in a digest, an agency story cut
  short or lightly edited by the site that carries it). Containment is counted
  exactly over the two shingle sets: a passage has at most a few hundred, and
  an estimate derived from MinHash's Jaccard is too loose when one text is ten
  times the other. What stands between quotation marks (« », “ ”, " ", „ “) is
  left out there: two stories that each quote one long official statement are
  two stories sharing a source, not one copying the other.
* **The same sentences** (a site that carries another's text in part: the first
  sentences as its own, the rest quoted or cut): the runs of at least
  :data:`RUN` (8) words, in the same order, that the two texts share outside
  quotation marks, :data:`MIN_RUN_WORDS` (16) words in all, **and** at least
  :data:`COVERED` (a third) of the smaller passage's shingles, quoted or not,
  found in the other. A run of an official post's sentences that two stories
  each carry among material of their own (other sources, a second body, a
  paragraph of background) covers less than that: the post is a source they
  share, read by :mod:`letopis.reliability.statements`, not a text one copied
  from the other.
* **The same release in another language** (a translation): the words differ,
  so the passages are compared through what a translation keeps. The
  structured facts the two sources gave must agree (day, place, counts), the
  sequence of numbers and names must be alike in order (names reduced to a
  Latin consonant skeleton, so ``Іванову``, ``Иванова`` and ``Ivanov``
  meet; :data:`SAME_RELEASE`), and so must the shape of the text: either the
  whole texts, as many sentences of proportional lengths (:data:`SAME_SHAPE`),
  or a run of consecutive sentences translated one by one (each pair of
  proportional length, :data:`SENTENCE_RATIO`, with the same numbers) that
  covers :data:`ALIGNED` of the smaller text, so that a lead added before the
  translation or links after it do not hide it. The facts and the numbers
  alone are not enough: independent reports of one incident share them. Our
  own small rule, because no kept library compares texts across Ukrainian,
  Russian and English without a model.

Copies are joined transitively (a copy of a copy is one origin). Then the
groups of copies whose account rests on one named statement alone (one
police post, one court's release, one outlet's report, read from their
attributions by :mod:`letopis.reliability.statements`) are joined when
their facts agree: five sites retelling one police post in their own words
are one origin, whose kind is the statement's (``official``,
``court_record``, ``media``). In each group the first publication (then the
lowest id) is the origin and the others its copies. Two posts that tell one
incident in their own words, or that name people (eyewitnesses, relatives)
or several sources, stay two origins: that is independent corroboration.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from difflib import SequenceMatcher
from functools import lru_cache
from statistics import StatisticsError, correlation
from typing import Any

from letopis.reliability.skeletons import name_skeleton, skeleton as _skeleton
from letopis.reliability.statements import UNNAMED_OUTLET, Statement, independent, rests_on, statement_of_site

__all__ = ["Passage", "Copy", "group_copies", "passage_of", "text_similarity", "release_similarity",
           "shape_similarity", "shared_runs", "name_skeleton", "STATEMENT_ORIGIN", "SAME_TEXT", "CONTAINED",
           "SAME_RELEASE", "SAME_SHAPE", "COVERED", "ALIGNED", "aligned_run",
           "unquoted_containment", "stem_alignment", "ALIGNED_STEMS"]

SAME_TEXT = 0.5  # estimated Jaccard of word 3-shingles at or above which two passages are one text
CONTAINED = 0.4  # share of the smaller passage's shingles found in the other: quoted, cut or lightly edited
SAME_RELEASE = 0.6  # order-aware similarity of numbers and names for a translation
SAME_SHAPE = 0.8  # correlation of sentence lengths for a translation
ALIGNED = 0.6  # share of the smaller text in a run of sentences translated one by one: a translation with a lead or
# links of its own
ALIGNED_STEMS = 0.55  # share of the smaller text in sentences matched by their word stems across the languages
STEM_MATCH = 0.3  # Dice of two sentences' stems (and numbers) at or above which one may translate the other
MIN_STEMS = 5  # stems a sentence needs before it can be matched: a headline of three words matches too easily
MIN_ALIGNED = 4  # sentences matched before a translation by stems can be told
SENTENCE_RATIO = 0.75  # the lengths of a sentence and its translation differ by at most this ratio
COVERED = 1 / 3  # share of the smaller passage's shingles found in the other, with sentences carried word
# for word outside quotation marks: the same text, carried in part
RUN = 8  # words in a row, outside quotation marks, that count as a shared run
MIN_RUN_WORDS = 16  # fewer words than this in shared runs: not told
MIN_SHINGLES = 8  # fewer shingles than this in the smaller passage: containment is not trusted
MIN_MARKS = 4  # numbers and names a passage needs before a translation can be told
WINDOW = 1500  # characters each side of the quote kept from a long text
WHOLE = 3500  # a text up to this long is compared whole
# Capitalised in English, not in Ukrainian or Russian: not names.
_NOT_NAMES = frozenset("january february march april may june july august september october november december "
                       "monday tuesday wednesday thursday friday saturday sunday".split())
STATEMENT_ORIGIN = "origin, a statement of"  # how the reason of a statement's origin begins
_PERMUTATIONS = 256
_SHINGLE = 3

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ABBREVIATION = re.compile(r"\b([A-Za-z])\.([A-Za-z])\.")  # U.S., U.K.
_SENTENCE = re.compile(r"(?<=[.!?…»\"])\s+|\n+")
_APOSTROPHES = re.compile(r"(?<=\w)['\u2019\u02bc`](?=\w)")
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d{3})*")
_NAME = re.compile(r"\b([A-ZА-ЯЁІЇЄҐ][\w'’ʼ-]{3,})", re.UNICODE)
# a quotation, not across a paragraph: «…», “…”, "…", „…“ (and „…”)
_QUOTED = re.compile(r"«[^«»\n]*»|“[^“”\n]*”|\"[^\"\n]*\"|„[^„“”\n]*[“”]")
_SENTENCE_END = re.compile(r"(?:^|[.!?…:\n«\"“]\s*)$")
@dataclass(frozen=True)
class Passage:
    """What one source says about the incident: the text around its quote, and the facts it gave."""

    key: int  # the source's id
    text: str
    language: str | None = None
    published: datetime | None = None
    facts: tuple[Any, ...] = ()  # (date, place, fatalities, injured, detained) from the source's record
    forwarded_from: str | None = None  # a Telegram forward names the channel it came from
    site: str | None = None  # the source's site or channel (an official site is the body that speaks)


@dataclass(frozen=True)
class Copy:
    """Where one source's text comes from: ``origin == key`` for an origin.

    ``text_origin`` is the first publication of the same text (the source itself when it wrote its own);
    ``statement`` the one named statement its group of texts rests on, when several texts were joined by it,
    and ``kind`` that statement's origin kind, set on the origin of such a group."""

    key: int
    origin: int
    similarity: float | None
    reason: str
    text_origin: int | None = None
    statement: Statement | None = None
    kind: str | None = None

    @property
    def is_origin(self) -> bool:
        return self.key == self.origin


def passage_of(text: str, start: int | None, end: int | None) -> str:
    """The part of ``text`` that tells the incident: all of a short text, else the quote with
    :data:`WINDOW` characters each side (a digest tells many incidents)."""
    if len(text) <= WHOLE or start is None or end is None:
        return text
    return text[max(0, start - WINDOW): min(len(text), end + WINDOW)]


def _words(text: str) -> list[str]:
    text = _ABBREVIATION.sub(r"\1\2", text)
    return _WORD.findall(_APOSTROPHES.sub("", text.casefold()).replace("ё", "е"))


@lru_cache(maxsize=2048)
def _signature(text: str) -> tuple[Any, frozenset[str]]:
    from datasketch import MinHash  # imported here: it loads numpy and scipy, half a second every command would pay

    words = _words(text)
    shingles = frozenset(" ".join(words[i:i + _SHINGLE]) for i in range(max(1, len(words) - _SHINGLE + 1))
                         ) if words else frozenset()
    minhash = MinHash(num_perm=_PERMUTATIONS, seed=1)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return minhash, shingles


def text_similarity(a: str, b: str) -> tuple[float, float]:
    """(estimated Jaccard of the word 3-shingles, share of the smaller passage's shingles found in the other)."""
    (ha, sa), (hb, sb) = _signature(a), _signature(b)
    if not sa or not sb:
        return 0.0, 0.0
    return float(ha.jaccard(hb)), len(sa & sb) / min(len(sa), len(sb))


@lru_cache(maxsize=2048)
def _unquoted_words(text: str) -> tuple[str, ...]:
    """The text's words with each quotation replaced by a break (an empty word no run can cross)."""
    words: list[str] = []
    for i, part in enumerate(_QUOTED.split(text)):
        if i:
            words.append("")
        words += _words(part)
    return tuple(words)


@lru_cache(maxsize=2048)
def _unquoted_shingles(text: str) -> frozenset[str]:
    words = _unquoted_words(text)
    return frozenset(" ".join(words[i:i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)
                     if all(words[i:i + _SHINGLE]))


def unquoted_containment(a: str, b: str) -> tuple[float, int]:
    """(share of the smaller passage's word 3-shingles outside quotation marks found outside quotation marks in the
    other, how many shingles the smaller passage has there): what one text carries of the other as its own words.
    A statement both quote between quotation marks is a source they share, not a text one copied."""
    sa, sb = _unquoted_shingles(a), _unquoted_shingles(b)
    smaller = min(len(sa), len(sb))
    return (len(sa & sb) / smaller if smaller else 0.0), smaller


def shared_runs(a: str, b: str) -> tuple[float, int]:
    """(share of the smaller text's words lying in runs of :data:`RUN` or more words the two texts share in the
    same order outside quotation marks, how many words those runs hold)."""
    wa, wb = _unquoted_words(a), _unquoted_words(b)
    smaller = min(sum(1 for w in wa if w), sum(1 for w in wb if w))
    if not smaller:
        return 0.0, 0
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    shared = sum(m.size for m in matcher.get_matching_blocks()
                 if m.size >= RUN and all(wa[m.a:m.a + m.size]))
    return shared / smaller, shared


def _sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in _SENTENCE.split(text.strip())) if len(s) > 1]


def shape_similarity(a: str, b: str) -> float:
    """How alike two texts are in shape: as many sentences (±1), their lengths correlated (the last sentence,
    perhaps cut, left out); 0 with fewer than three sentences to compare."""
    sa, sb = _sentences(a), _sentences(b)
    k = min(len(sa), len(sb)) - 1
    if abs(len(sa) - len(sb)) > 1 or k < 3:
        return 0.0
    try:
        return max(0.0, correlation([len(s) for s in sa[:k]], [len(s) for s in sb[:k]]))
    except StatisticsError:  # all of one length
        return 0.0


def _marks(text: str) -> list[str]:
    """Numbers and name skeletons, in the order the text gives them."""
    found: list[tuple[int, str]] = []
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", m.group()).lstrip("0") or "0"
        found.append((m.start(), "#" + digits))
    for m in _NAME.finditer(text):
        if _SENTENCE_END.search(text[max(0, m.start() - 3):m.start()]) or m.group(1).lower() in _NOT_NAMES:
            continue  # a sentence's first word is capitalised whatever it is
        skeleton = _skeleton(m.group(1))
        if len(skeleton) >= 3:
            found.append((m.start(), skeleton))
    return [mark for _, mark in sorted(found)]


def _numbers(sentence: str) -> list[str]:
    return sorted(mark for mark in _marks(sentence) if mark.startswith("#"))


def aligned_run(a: str, b: str) -> tuple[str, str, float]:
    """The longest run of consecutive sentences the two texts translate one by one: each pair of proportional length
    (:data:`SENTENCE_RATIO`) with the same numbers. (the run in ``a``, the run in ``b``, the share of the smaller
    text's characters it covers); empty when no pair aligns. A lead added before a translation, or links after it,
    fall outside the run."""
    sa, sb = _sentences(a), _sentences(b)

    def aligns(x: str, y: str) -> bool:
        return SENTENCE_RATIO <= len(x) / len(y) <= 1 / SENTENCE_RATIO and _numbers(x) == _numbers(y)

    best = (0, 0, 0)
    for i in range(len(sa)):
        for j in range(len(sb)):
            k = 0
            while i + k < len(sa) and j + k < len(sb) and aligns(sa[i + k], sb[j + k]):
                k += 1
            if k > best[2]:
                best = (i, j, k)
    i, j, k = best
    if not k:
        return "", "", 0.0
    run_a, run_b = sa[i:i + k], sb[j:j + k]
    smaller = min(sum(map(len, sa)), sum(map(len, sb)))
    return " ".join(run_a), " ".join(run_b), min(sum(map(len, run_a)), sum(map(len, run_b))) / smaller


@lru_cache(maxsize=8192)
def _stems(sentence: str) -> tuple[str, ...]:
    """A sentence's words as stems that Ukrainian and Russian cognates share: the first three consonants of the
    Latin spelling (``тіла`` and ``тела`` give ``tl``, ``Мукачівського`` and ``Мукачевского`` ``mkc``) of each word of
    four letters or more, and its numbers (``#27``)."""
    out: list[str] = []
    for word in _words(sentence):
        if word.isdigit():
            out.append("#" + (word.lstrip("0") or "0"))
        elif len(word) >= 4 and len(stem := _skeleton(word, 3)) >= 2:
            out.append(stem)
    return tuple(out)


def _own_stems(sentence: str) -> tuple[str, ...]:
    """:func:`_stems` of what a sentence says in its own words: none for a sentence mostly between quotation marks (a
    statement two texts each quote is a source they share, not one translating the other)."""
    quoted = sum(len(m.group()) for m in _QUOTED.finditer(sentence))
    return () if quoted * 2 >= len(sentence) else _stems(sentence)


def _dice(a: Sequence[str], b: Sequence[str]) -> float:
    ca, cb = Counter(a), Counter(b)
    total = sum(ca.values()) + sum(cb.values())
    return 2 * sum((ca & cb).values()) / total if total else 0.0


def stem_alignment(a: str, b: str) -> tuple[float, int]:
    """Sentences of two texts matched in order by their stems (:func:`_stems`), as a translation keeps them: one
    sentence for one, or for two (a long sentence split or two joined), each pair's stems alike
    (:data:`STEM_MATCH`) with the same numbers; sentences either text added (a summary, a lead, links) or dropped (a
    paragraph) are skipped. (the share of the smaller text's characters in matched sentences, how many pairs)."""
    sa, sb = _sentences(a), _sentences(b)
    ta, tb = [_own_stems(x) for x in sa], [_own_stems(x) for x in sb]
    la, lb = [len(x) for x in sa], [len(x) for x in sb]
    n, m = len(sa), len(sb)
    # best[i][j]: (characters of the smaller side matched, pairs) over the first i and j sentences
    best = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    a_smaller = sum(la) <= sum(lb)
    for i in range(n + 1):
        for j in range(m + 1):
            here = max(best[i - 1][j] if i else (0, 0), best[i][j - 1] if j else (0, 0))
            for di, dj in ((1, 1), (1, 2), (2, 1)):
                if i < di or j < dj:
                    continue
                xa = [t for part in ta[i - di:i] for t in part]
                xb = [t for part in tb[j - dj:j] for t in part]
                numbers_differ = {t for t in xa if t[0] == "#"} != {t for t in xb if t[0] == "#"}
                if min(len(xa), len(xb)) < MIN_STEMS or numbers_differ or _dice(xa, xb) < STEM_MATCH:
                    continue
                chars = sum(la[i - di:i]) if a_smaller else sum(lb[j - dj:j])
                prev = best[i - di][j - dj]
                here = max(here, (prev[0] + chars, prev[1] + 1))
            best[i][j] = here
    chars, pairs = best[n][m]
    smaller = min(sum(la), sum(lb))
    return (chars / smaller if smaller else 0.0), pairs


def release_similarity(a: Passage, b: Passage) -> float:
    """How far two passages in different languages look like one text translated (0 when they cannot be): the whole
    texts alike in shape, or a run of sentences translated one by one that covers most of the smaller text
    (:data:`ALIGNED`); in both, the numbers and names alike in order."""
    if not a.facts or a.facts != b.facts or a.facts[0] is None:
        return 0.0
    found = 0.0
    ratio = len(a.text) / max(1, len(b.text))
    if 0.6 <= ratio <= 1 / 0.6:
        shape = shape_similarity(a.text, b.text)
        if shape >= SAME_SHAPE:
            found = _marks_alike(a.text, b.text, shape)
    run_a, run_b, cover = aligned_run(a.text, b.text)
    if cover >= ALIGNED and len(_sentences(run_a)) >= 3:
        found = max(found, _marks_alike(run_a, run_b, cover))
    if not found:
        share, pairs = stem_alignment(a.text, b.text)
        if share >= ALIGNED_STEMS and pairs >= MIN_ALIGNED:
            found = share
    return found


def _marks_alike(a: str, b: str, shape: float) -> float:
    """(marks + shape) / 2 when both texts give :data:`MIN_MARKS` numbers and names, alike in order; else 0."""
    ma, mb = _marks(a), _marks(b)
    if min(len(ma), len(mb)) < MIN_MARKS:
        return 0.0
    marks = SequenceMatcher(None, ma, mb, autojunk=False).ratio()
    return (marks + shape) / 2 if marks >= SAME_RELEASE else 0.0


def _pair(a: Passage, b: Passage) -> tuple[float, str] | None:
    """(similarity, reason) when one passage is a copy of the other."""
    jaccard, contained = text_similarity(a.text, b.text)
    forward = " (a forward)" if a.forwarded_from or b.forwarded_from else ""
    if jaccard >= SAME_TEXT:
        return jaccard, f"the same text{forward} (shingle similarity {jaccard:.2f})"
    own, own_shingles = unquoted_containment(a.text, b.text)
    if own >= CONTAINED and own_shingles >= MIN_SHINGLES:
        return own, f"one text holds the other{forward} ({own:.2f} of its shingles outside quotations)"
    smaller = min(len(_signature(a.text)[1]), len(_signature(b.text)[1]))
    share, words = shared_runs(a.text, b.text)
    if contained >= COVERED and words >= MIN_RUN_WORDS and smaller >= MIN_SHINGLES:
        return contained, (f"the same sentences, word for word outside quotations{forward} "
                           f"({contained:.2f} of its shingles, {words} words in shared runs)")
    if a.language and b.language and a.language != b.language:
        release = release_similarity(a, b)
        if release > 0.0:
            return release, (f"the same release in {a.language} and {b.language}: same facts, numbers and names "
                             f"in the same order, same sentences ({release:.2f})")
    return None


_NEVER = datetime.max.replace(tzinfo=UTC)
_FACT_FIELDS = (0, 2, 3, 4)  # day, killed, injured, detained: the place's name may be spelled two ways


def _first(members: Sequence[Passage]) -> Passage:
    return min(members, key=lambda p: (p.published or _NEVER, p.key))


def _facts_agree(a: Sequence[Passage], b: Sequence[Passage]) -> bool:
    """No fact given by a passage of one group contradicts one given by a passage of the other."""
    for i in _FACT_FIELDS:
        values = {p.facts[i] for p in (*a, *b) if len(p.facts) > i and p.facts[i] is not None}
        if len(values) > 1:
            return False
    return True


def _statement(members: Sequence[Passage]) -> Statement | None:
    """The one statement a group of copies rests on: the statements of its members that name one agree, and none of
    them shows sources or material of its own beyond it."""
    found: dict[str, Statement] = {}
    for p in members:
        statement = statement_of_site(p.site)
        if statement is None:
            if independent(p.text):
                return None
            statement = rests_on(p.text)
        if statement is not None:
            found[statement.key] = statement
    if UNNAMED_OUTLET in found and any(key.startswith("outlet:") and key != UNNAMED_OUTLET for key in found):
        del found[UNNAMED_OUTLET]  # "the publication" beside SakhaDay is SakhaDay
    return next(iter(found.values())) if len(found) == 1 else None


def group_copies(passages: Sequence[Passage], *, statements: bool = True) -> dict[int, Copy]:
    """Every passage's origin: the first publication of its group of copies, then of the groups of copies that
    rest on one statement (``statements=False``: copies only)."""
    parent = {p.key: p.key for p in passages}
    links: dict[tuple[int, int], tuple[float, str]] = {}

    def root(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    compared: set[tuple[int, int]] = set()
    groups: dict[int, list[Passage]] = {p.key: [p] for p in passages}  # by the root of their group
    position = {p.key: i for i, p in enumerate(passages)}

    def compare(a: Passage, b: Passage) -> None:
        if position[a.key] > position[b.key]:  # in the passages' order, as every pair was (a reason names both)
            a, b = b, a
        compared.add((a.key, b.key))
        compared.add((b.key, a.key))
        found = _pair(a, b)
        if found is not None:
            links[(a.key, b.key)] = links[(b.key, a.key)] = found
            ra, rb = root(a.key), root(b.key)
            if ra != rb:
                parent[ra] = rb
                groups[rb].extend(groups.pop(ra))

    # Two passages already in one group are not compared while grouping: the groups are the same (they only
    # depend on which passages are linked), and the few pairs a reason needs are compared below. A passage visits
    # the later passages of the other groups, and a group no further than its first member it is linked to (the
    # rest are in its group then): an incident that hundreds of channels copied costs about one comparison per
    # source instead of one per pair.
    for i, a in enumerate(passages):
        for other in list(groups):
            if other not in groups or other == root(a.key):
                continue
            for b in list(groups[other]):
                if position[b.key] > i:
                    compare(a, b)
                    if root(a.key) == root(b.key):
                        break
    texts: dict[int, list[Passage]] = {}
    for p in passages:
        texts.setdefault(root(p.key), []).append(p)
    out: dict[int, Copy] = {}
    for members in texts.values():
        first = _first(members)
        for p in members:
            if p.key == first.key:
                out[p.key] = Copy(p.key, p.key, None, "origin", p.key)
                continue
            if (p.key, first.key) not in compared:
                compare(p, first)
            if (p.key, first.key) not in links:  # joined through other copies: every direct link, as before
                for m in members:
                    if m.key != p.key and (p.key, m.key) not in compared:
                        compare(p, m)
            similarity, reason = links.get((p.key, first.key)) or _via(p, members, links)
            out[p.key] = Copy(p.key, first.key, round(similarity, 3), reason, first.key)
    if statements:
        _join_statements(list(texts.values()), out)
    return out


def _join_statements(texts: list[list[Passage]], out: dict[int, Copy]) -> None:
    """Join the groups of copies that rest on one statement and agree on the facts; rewrite their origins. A group
    that rests on a statement no other group retells keeps its origin, of the statement's kind."""
    resting = [(members, statement) for members in texts if (statement := _statement(members)) is not None]
    joined: list[tuple[Statement, list[list[Passage]]]] = []
    unnamed: list[list[Passage]] = []
    for members, statement in resting:
        if statement.key == UNNAMED_OUTLET:
            unnamed.append(members)
            continue
        for key, groups in joined:
            if key.key == statement.key and all(_facts_agree(members, g) for g in groups):
                groups.append(members)
                break
        else:
            joined.append((statement, [members]))
    outlets = [(key, groups) for key, groups in joined if key.key.startswith("outlet:")]
    for members in unnamed:
        # an outlet the text does not name is the one outlet the incident's other sources name, if only one
        if len(outlets) == 1 and all(_facts_agree(members, g) for g in outlets[0][1]):
            outlets[0][1].append(members)
        else:
            joined.append((Statement(UNNAMED_OUTLET, "an outlet it does not name", "media"), [members]))
    for statement, groups in joined:
        everyone = [p for g in groups for p in g]
        first = _first(everyone)
        if len(groups) < 2:
            told = "told by this source alone" if len(everyone) == 1 else f"carried by {len(everyone)} copies"
            out[first.key] = Copy(first.key, first.key, None, f"{STATEMENT_ORIGIN} {statement.name}, {told}",
                                  first.key, statement, statement.kind)
            for p in everyone:
                if p.key != first.key:
                    out[p.key] = replace(out[p.key], statement=statement)
            continue
        out[first.key] = Copy(first.key, first.key, None,
                              f"{STATEMENT_ORIGIN} {statement.name}, retold by {len(groups)} sources in their own "
                              "words", first.key, statement, statement.kind)
        for p in everyone:
            if p.key == first.key:
                continue
            own = out[p.key]
            if own.is_origin:
                reason = (f"retells the same statement of {statement.name} as source {first.key}, in its own words "
                          "(the same facts)")
                out[p.key] = Copy(p.key, first.key, None, reason, p.key, statement)
            elif own.origin == first.key:
                out[p.key] = Copy(p.key, first.key, own.similarity, own.reason, own.origin, statement)
            else:
                reason = f"{own.reason}; source {own.origin} retells {statement.name} as source {first.key} does"
                out[p.key] = Copy(p.key, first.key, own.similarity, reason, own.origin, statement)


def _via(p: Passage, members: list[Passage], links: dict[tuple[int, int], tuple[float, str]]) -> tuple[float, str]:
    """The strongest direct link of a copy joined to its origin through another copy."""
    best = max((links[(p.key, m.key)] + (m.key,) for m in members if (p.key, m.key) in links), key=lambda x: x[0])
    return best[0], f"{best[1]}, with source {best[2]}"
