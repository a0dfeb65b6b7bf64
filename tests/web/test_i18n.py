"""Every word of the interface exists in the three languages, and every key a template uses exists."""

from __future__ import annotations

import re
import string

from letopis.model import EVENT_TYPES
from letopis.web.i18n import LANGUAGES, MESSAGES, STATUS_LABELS, TYPE_LABELS, choose_language
from letopis.web.render import TEMPLATES


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_three_languages_with_the_same_placeholders() -> None:
    for key, texts in MESSAGES.items():
        assert len(texts) == len(LANGUAGES) and all(text.strip() for text in texts), key
        assert len({frozenset(_fields(text)) for text in texts}) == 1, key
    assert set(TYPE_LABELS) == set(EVENT_TYPES)
    assert all(len(names) == 3 for names in [*TYPE_LABELS.values(), *STATUS_LABELS.values()])


def test_every_key_the_templates_use_is_in_the_table() -> None:
    used: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']""", template.read_text(encoding="utf-8")))
    from letopis.db.models import CONSENT_LEVELS, TESTIMONY_STATUSES
    from letopis.model import SENSITIVITY_MARKS
    from letopis.services.uploads import JOB_STATES
    from letopis.web.pages import EDIT_FIELDS

    # keys a template builds (prefix ~ name), and every name each may end with
    built = {"field.": EDIT_FIELDS, "sensitivity.": (*SENSITIVITY_MARKS, "none"), "job.state.": JOB_STATES,
             "upload.kind.": ("file", "url", "feed", "telegram"), "failure.": ("capture", "item"),
             "testimony.consent.": CONSENT_LEVELS, "testimony.status.": TESTIMONY_STATUSES}
    assert "field." in used  # the edit form's labels: "field." ~ name
    assert {key for key in used if key.endswith(".")} <= set(built)
    used = {key for key in used if not key.endswith(".")} | {f"{prefix}{name}" for prefix, names in built.items()
                                                            for name in names}
    assert used <= set(MESSAGES), used - set(MESSAGES)


def test_choose_language() -> None:
    assert choose_language("uk", "ru", "en") == "uk"
    assert choose_language("xx", "ru", "en") == "ru"
    assert choose_language(None, None, "de-DE,uk;q=0.8") == "uk"
    assert choose_language(None, None, None) == "en"
