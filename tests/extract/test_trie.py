"""The prefix-tree alternation matches exactly its words."""

import re

from letopis.extract.trie import trie_alternation


def test_exactly_the_words_in_any_apostrophe_and_spacing():
    words = ["два", "двох", "двома", "дві", "три", "трьох", "п'ять", "a few", "a"]
    pattern = re.compile("(?:" + trie_alternation(words) + r")(?!\w)")
    for word in words + ["п’ять", "пʼять", "a   few"]:
        assert pattern.fullmatch(word), word
    for other in ["двохх", "тр", "п ять", "afew", ""]:
        assert not pattern.fullmatch(other), other


def test_the_longer_word_wins_where_one_begins_another():
    pattern = re.compile("(?:" + trie_alternation(["дв", "двох"]) + ")")
    assert pattern.match("двох чоловіків").group() == "двох"
