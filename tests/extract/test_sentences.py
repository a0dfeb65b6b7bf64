import pytest

from letopis.extract.sentences import is_furniture_line, paragraphs, sentences


def _split(text: str) -> list[str]:
    return [s.text for p in paragraphs(text) for s in sentences(text, p)]


def test_offsets_are_exact():
    text = "Перше речення. Друге речення!\n\nТретє, в абзаці. Четверте?"
    for p in paragraphs(text):
        for s in sentences(text, p):
            assert text[s.start:s.end] == s.text


def test_abbreviations_and_dotted_dates_do_not_split():
    text = ("18.10.2025 у м. Харків затримали чоловіка за ст. 336 КК. "
            "On Oct. 18 Mr. Smith spoke. В г. Курск задержали мужчину.")
    assert _split(text) == [
        "18.10.2025 у м. Харків затримали чоловіка за ст. 336 КК.",
        "On Oct. 18 Mr. Smith spoke.",
        "В г. Курск задержали мужчину.",
    ]


def test_bullets_are_paragraphs():
    text = "Дайджест:\n- у Харкові затримали двох\n- в Одесі заблокували бус\n• third item"
    assert [p.text for p in paragraphs(text)] == [
        "Дайджест:", "- у Харкові затримали двох", "- в Одесі заблокували бус", "• third item"]


def test_wrapped_lines_stay_in_one_paragraph():
    text = "On October 30 recruitment officers\ndetained two men in Kharkiv.\n\nNext."
    assert [p.text for p in paragraphs(text)][0].endswith("in Kharkiv.")


def test_lowercase_after_period_does_not_split():
    assert _split("Він отримав 5 тис. грн штрафу. Далі.") == ["Він отримав 5 тис. грн штрафу.", "Далі."]


def test_a_line_break_after_end_punctuation_ends_the_sentence_whatever_follows():
    text = "3 жовтня у Харкові затримали двох чоловіків.\n(фото: канал)\n#новини @channel"
    assert _split(text) == ["3 жовтня у Харкові затримали двох чоловіків.", "(фото: канал)\n#новини @channel"]


def test_a_trailing_tag_line_does_not_turn_a_report_into_a_headline():
    from datetime import date

    from letopis.extract.engine import extract

    for tail in ("(#1)", "#mobilization", "(x)", "via @channel"):
        text = f"3 жовтня у Харкові працівники ТЦК затримали двох чоловіків.\n{tail}\n"
        records = extract(text, date(2025, 10, 31))
        assert [(r.date, r.detained) for r in records] == [("2025-10-03", 2)], tail


@pytest.mark.parametrize("line, caption", [
    ("Сутичка з ТЦК в Одесі. Фото: кадр з відео", True),
    ("Українця, якого затримали в Молдові. Фото: Прикордонна поліція Молдови", True),
    ("Two officers were charged. Photo published on Oct. 12, 2023. (Prosecutor General's Office)", True),
    ("Поліція затримала чоловіка, який напав на працівника ТЦК.", False),
    ("The photographer was detained at the rally on Monday.", False),
])
def test_a_caption_ending_in_its_photo_credit_is_furniture(line, caption):
    assert is_furniture_line(line) is caption
