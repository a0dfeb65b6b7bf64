"""Grouping sources into origins (pure): reposts, a translation, eyewitnesses; kinds, hosts and grades."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from letopis.errors import ProfileError
from letopis.reliability import Passage, group_copies, origin_kind, parse_grade, source_key
from letopis.reliability.copies import (
    ALIGNED,
    ALIGNED_STEMS,
    CONTAINED,
    COVERED,
    SAME_RELEASE,
    SAME_SHAPE,
    aligned_run,
    passage_of,
    release_similarity,
    shape_similarity,
    shared_runs,
    stem_alignment,
    text_similarity,
    unquoted_containment,
)
from letopis.reliability.kinds import host_key
from letopis.reliability.profiles import check_stance, starter_profiles
from tests.reliability.texts import (
    CARRIES_POST_IN_PART,
    CARRIES_POST_WHOLE,
    CARRIES_STATEMENT_ONE,
    CARRIES_STATEMENT_TWO,
    FACTS,
    LEAD_UK,
    LINKS_EN,
    OWN_STORY_EN,
    QUOTES_POST_ONE,
    QUOTES_POST_TWO,
    QUOTES_STATEMENT_ONE,
    QUOTES_STATEMENT_TWO,
    RELEASE_EN,
    RELEASE_UK,
    REPOSTS_UK,
    RETOLD_POST_RU,
    RETOLD_POST_UK,
    SITE_ARTICLE_RU,
    SITE_ARTICLE_UK,
    WITNESS_ONE,
    WITNESS_TWO,
)

T0 = datetime(2025, 10, 30, 9, tzinfo=UTC)


def _at(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


def test_five_reposts_and_a_translation_of_one_release_are_one_origin_the_first_publication():
    passages = [Passage(i + 2, text, "uk", _at(i + 1), FACTS) for i, text in enumerate(REPOSTS_UK)]
    passages += [Passage(9, RELEASE_EN, "en", _at(9), FACTS), Passage(1, RELEASE_UK, "uk", T0, FACTS)]
    groups = group_copies(passages)
    assert {copy.origin for copy in groups.values()} == {1}
    assert groups[1].is_origin and groups[1].reason == "origin"
    assert "the same release in en and uk" in groups[9].reason
    assert all("the same text" in groups[k].reason for k in range(2, 7))


def test_the_earliest_publication_is_the_origin_whatever_the_order_given():
    late = Passage(1, RELEASE_UK, "uk", _at(5), FACTS)
    early = Passage(2, REPOSTS_UK[1], "uk", _at(1), FACTS)
    assert group_copies([late, early])[1].origin == 2


def test_eyewitnesses_and_an_outlet_s_own_story_are_independent():
    passages = [Passage(1, RELEASE_UK, "uk", T0, FACTS), Passage(2, WITNESS_ONE, "uk", _at(1), FACTS),
                Passage(3, WITNESS_TWO, "uk", _at(2), FACTS), Passage(4, OWN_STORY_EN, "en", _at(3), FACTS)]
    assert all(copy.is_origin for copy in group_copies(passages).values())


def test_a_translation_needs_the_same_facts():
    other_day = ("2025-10-29", *FACTS[1:])
    uk = Passage(1, RELEASE_UK, "uk", facts=FACTS)
    assert release_similarity(uk, Passage(2, RELEASE_EN, "en", facts=FACTS)) >= 0.6
    assert release_similarity(Passage(1, RELEASE_UK, "uk", facts=FACTS),
                              Passage(2, RELEASE_EN, "en", facts=other_day)) == 0.0


def test_a_post_quoted_whole_in_a_long_digest_is_a_copy_of_it():
    filler = " ".join(f"Інша подія номер {i} сталася в іншому місті." for i in range(150))
    digest = filler + "\n" + RELEASE_UK + "\n" + filler
    start = digest.index(RELEASE_UK)
    passage = passage_of(digest, start, start + 40)
    assert RELEASE_UK in passage and len(passage) < len(digest)
    jaccard, contained = text_similarity(RELEASE_UK, passage)
    assert jaccard < 0.5 and contained >= 0.8
    groups = group_copies([Passage(1, RELEASE_UK, "uk", T0), Passage(2, passage, "uk", _at(30))])
    assert groups[2].origin == 1 and "holds the other" in groups[2].reason


def test_stories_carrying_a_few_of_one_statement_s_sentences_among_their_own_are_not_one_text():
    # a run of the police's sentences word for word, but under a third of either text: a source they share
    share, words = shared_runs(CARRIES_STATEMENT_ONE, CARRIES_STATEMENT_TWO)
    assert share >= 0.2 and words >= 16
    assert text_similarity(CARRIES_STATEMENT_ONE, CARRIES_STATEMENT_TWO)[1] < COVERED
    groups = group_copies([Passage(1, CARRIES_STATEMENT_ONE, "uk", T0, FACTS),
                           Passage(2, CARRIES_STATEMENT_TWO, "uk", _at(1), FACTS)])
    assert groups[2].text_origin == 2  # its own text
    assert groups[2].origin == 1 and "retells the same statement of the police" in groups[2].reason
    assert group_copies([Passage(1, CARRIES_STATEMENT_ONE, "uk", T0, FACTS),
                         Passage(2, CARRIES_STATEMENT_TWO, "uk", _at(1), FACTS)], statements=False)[2].is_origin


def test_a_site_carrying_a_third_of_another_s_text_word_for_word_is_its_copy():
    assert unquoted_containment(CARRIES_POST_IN_PART, CARRIES_POST_WHOLE)[0] < CONTAINED
    assert text_similarity(CARRIES_POST_IN_PART, CARRIES_POST_WHOLE)[1] >= COVERED
    groups = group_copies([Passage(1, CARRIES_POST_WHOLE, "uk", T0), Passage(2, CARRIES_POST_IN_PART, "uk", _at(1))],
                          statements=False)
    assert groups[2].origin == 1 and "the same sentences" in groups[2].reason


def test_two_stories_quoting_one_long_post_are_not_copies_of_each_other():
    # most of each text is the quoted post: the shingles say "copy", the words outside the quotes do not
    assert text_similarity(QUOTES_POST_ONE, QUOTES_POST_TWO)[1] >= CONTAINED
    assert unquoted_containment(QUOTES_POST_ONE, QUOTES_POST_TWO)[0] == 0.0
    groups = group_copies([Passage(1, QUOTES_POST_ONE, "uk", T0), Passage(2, QUOTES_POST_TWO, "uk", _at(1))],
                          statements=False)
    assert all(copy.is_origin for copy in groups.values())


def test_a_translation_with_a_lead_of_its_own_and_links_after_it_is_a_copy():
    uk = Passage(1, LEAD_UK + RELEASE_UK, "uk", T0, FACTS)
    en = Passage(2, RELEASE_EN + LINKS_EN, "en", _at(2), FACTS)
    assert shape_similarity(uk.text, en.text) < SAME_SHAPE  # the whole texts are not alike in shape
    assert aligned_run(uk.text, en.text)[2] >= ALIGNED
    assert release_similarity(uk, en) >= SAME_RELEASE
    groups = group_copies([uk, en], statements=False)
    assert groups[2].origin == 1 and "the same release in uk and en" in groups[2].reason
    # another day: not the same release, however alike the sentences
    other_day = Passage(2, en.text, "en", _at(2), ("2025-10-29", *FACTS[1:]))
    assert release_similarity(uk, other_day) == 0.0


def test_two_stories_quoting_one_statement_between_quotation_marks_stay_two_origins():
    assert shared_runs(QUOTES_STATEMENT_ONE, QUOTES_STATEMENT_TWO) == (0.0, 0)
    groups = group_copies([Passage(1, QUOTES_STATEMENT_ONE, "uk", T0, FACTS),
                           Passage(2, QUOTES_STATEMENT_TWO, "uk", _at(1), FACTS)])
    assert all(copy.is_origin for copy in groups.values())


def test_the_same_texts_give_the_same_figures():
    assert text_similarity(RELEASE_UK, REPOSTS_UK[0]) == text_similarity(RELEASE_UK, REPOSTS_UK[0])


@pytest.mark.parametrize(("kind", "locator", "expected"), [
    ("url", "https://reyestr.court.gov.ua/Review/131313", "court_record"),
    ("url", "https://kharkiv.sudrf.ru/modules.php?name=sud_delo", "court_record"),
    ("url", "https://mos-gorsud.ru/rs/meshchanskij/services/cases", "court_record"),
    ("url", "https://ssu.gov.ua/novyny/1", "official"),
    ("url", "https://kharkiv.npu.gov.ua/news/1", "official"),
    ("url", "https://www.meduza.io/news/2025/10/30/x", "media"),
    ("feed_item", "https://zona.media/news/1", "media"),
    ("telegram_message", "telegram:1001/7", "channel"),
    ("url", "https://t.me/s/astrapress/123", "channel"),
    ("testimony", "testimony:3", "testimony"),
    ("file", "/home/olena/report.txt", "unknown"),
])
def test_the_kind_of_an_origin_comes_from_the_source(kind, locator, expected):
    assert origin_kind(kind, locator) == expected


def test_a_profile_s_kind_wins():
    assert origin_kind("url", "https://t.me/tsk_kharkiv/5", "official") == "official"
    assert origin_kind("url", "https://t.me/tsk_kharkiv/5", "unknown") == "channel"


def test_sites_and_channels_have_one_key_however_typed():
    assert source_key("https://www.Meduza.io/news/1") == "meduza.io" == host_key("www.meduza.io")
    assert source_key("https://t.me/s/AstraPress/12") == "t.me/astrapress" == host_key("@astrapress")
    assert source_key("telegram:1001/7") == "telegram:1001" == host_key("telegram:1001")
    assert source_key("/tmp/report.txt") is None and source_key("testimony:1") is None


def test_grades_and_stances():
    assert parse_grade("b") == ("B", None) and parse_grade(" C3 ") == ("C", "3")
    for bad in ("G", "B7", "BB", "", "2"):
        with pytest.raises(ProfileError, match="Admiralty"):
            parse_grade(bad)
    assert check_stance("state-aligned") == "state_aligned"
    with pytest.raises(ProfileError, match="stances are"):
        check_stance("friendly")


def test_the_starting_list_has_facts_and_no_grades():
    profiles = starter_profiles()
    assert profiles["tass.ru"].stance == "state_media" and profiles["ovd.info"].stance == "monitor"
    assert all(p.reliability is None and p.credibility is None for p in profiles.values())
    assert all(p.name and p.kind and p.country for p in profiles.values())


def test_a_sites_russian_version_with_a_summary_added_and_a_paragraph_dropped_is_a_copy():
    share, pairs = stem_alignment(SITE_ARTICLE_UK, SITE_ARTICLE_RU)
    assert share >= ALIGNED_STEMS and pairs >= 4
    uk = Passage(1, SITE_ARTICLE_UK, "uk", _at(0), FACTS)
    ru = Passage(2, SITE_ARTICLE_RU, "ru", _at(1), FACTS)
    assert release_similarity(uk, ru) >= ALIGNED_STEMS
    groups = group_copies([uk, ru], statements=False)
    assert groups[2].origin == 1 and "the same release in uk and ru" in groups[2].reason


def test_two_retellings_in_two_languages_around_one_quoted_sentence_are_not_a_translation():
    share, pairs = stem_alignment(RETOLD_POST_UK, RETOLD_POST_RU)
    assert pairs < 3 or share < ALIGNED_STEMS
    groups = group_copies([Passage(1, RETOLD_POST_UK, "uk", _at(0), FACTS),
                           Passage(2, RETOLD_POST_RU, "ru", _at(1), FACTS)], statements=False)
    assert groups[2].is_origin


def _every_pair(passages: list[Passage]) -> dict[int, tuple[int, float | None, str]]:
    """The grouping as it reads when every pair is compared (the reference the quicker grouping must equal)."""
    from letopis.reliability.copies import _pair, _via

    parent = {p.key: p.key for p in passages}
    links: dict[tuple[int, int], tuple[float, str]] = {}

    def root(key: int) -> int:
        while parent[key] != key:
            key = parent[key]
        return key

    for i, a in enumerate(passages):
        for b in passages[i + 1:]:
            found = _pair(a, b)
            if found is not None:
                links[(a.key, b.key)] = links[(b.key, a.key)] = found
                parent[root(a.key)] = root(b.key)
    groups: dict[int, list[Passage]] = {}
    for p in passages:
        groups.setdefault(root(p.key), []).append(p)
    out: dict[int, tuple[int, float | None, str]] = {}
    for members in groups.values():
        first = min(members, key=lambda p: (p.published, p.key))
        for p in members:
            if p is first:
                out[p.key] = (p.key, None, "origin")
                continue
            similarity, reason = links.get((p.key, first.key)) or _via(p, members, links)
            out[p.key] = (first.key, round(similarity, 3), reason)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_grouping_compares_fewer_pairs_and_reads_the_same_as_comparing_every_pair(seed):
    import random

    from tests.reliability import texts

    rng = random.Random(seed)
    bases = [(texts.RELEASE_UK, "uk"), (texts.RELEASE_EN, "en"), (texts.WITNESS_ONE, "uk"), (texts.WITNESS_TWO, "uk"),
             (texts.POST, "uk"), (texts.OWN_STORY_EN, "en"), (texts.EYEWITNESS_ONE, "uk"),
             (texts.SITE_ARTICLE_UK, "uk"), (texts.SITE_ARTICLE_RU, "ru"), (texts.RETOLD_POST_UK, "uk"),
             (texts.RETOLD_POST_RU, "ru"), *((text, "uk") for _, text in texts.RETELLINGS)]
    passages = []
    for key in range(1, 41):
        text, language = rng.choice(bases)
        shape = rng.random()
        if shape < 0.3:
            text = "Переслано з іншого каналу\n" + text
        elif shape < 0.5:
            text = text[: max(120, len(text) * 2 // 3)]
        elif shape < 0.6:
            text = text + "\n\n" + rng.choice(bases)[0][:200]
        passages.append(Passage(key=key, text=text, language=language, facts=FACTS,
                                published=datetime(2025, 10, 30, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 900))))
    copies = group_copies(passages, statements=False)
    expected = _every_pair(passages)
    assert {k: (c.origin, c.similarity, c.reason) for k, c in copies.items()} == expected
    assert sum(1 for key, (origin, _, _) in expected.items() if origin != key) >= 20  # most are copies
    assert any("with source" in reason for _, _, reason in expected.values()) or seed != 0
    assert any("the same release in" in reason for _, _, reason in expected.values())  # translations, both ways
