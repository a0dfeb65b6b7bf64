"""One regular expression for a long list of words, factored by shared prefixes.

Python's ``re`` tries the branches of an alternation one after another at every
position of the text: a list of a few hundred number words in every case form
made the date rules the slowest step of reading a report. The same words as a
prefix tree (``дв(?:а|ох|ома|і…)``) fail at the first letter that no word
continues with. Longer words are preferred where one word is a prefix of another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_APOSTROPHES = "'’ʼ"


def _atom(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "['’ʼ]"
    if ch.isspace():
        return r"\s+"
    return re.escape(ch)


def trie_alternation(words: Iterable[str]) -> str:
    """A non-capturing regular expression that matches exactly the given words
    (apostrophes of any kind, any run of white space between words)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            key = "'" if ch in _APOSTROPHES else (" " if ch.isspace() else ch)
            node = node.setdefault(key, {})
        node[""] = {}
    return _serialise(root)


def _serialise(node: dict) -> str:
    ends = "" in node
    branches = [_atom(ch) + _serialise(child) for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body
