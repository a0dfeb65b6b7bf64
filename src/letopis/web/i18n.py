"""The interface's words in English, Ukrainian and Russian, and which language a request gets.

The words are gettext catalogs (``locale/<lang>/LC_MESSAGES/messages.po``, the
template ``locale/messages.pot``) kept with Babel: the message ids are the
English text, marked in the templates with ``t("…")`` (``tc("context", "…")``
where one English phrase needs two translations) and in the code with ``t``
or, where a word is only named and translated later, ``N_``. ``make messages``
extracts them again (``babel.cfg``) and merges the template into the three
catalogs; ``tests/web/test_i18n.py`` fails when the template is out of date or
a message lacks its Ukrainian or Russian translation.

The catalogs are compiled when first used, in memory (``babel.messages.pofile``
→ ``babel.messages.mofile`` → ``babel.support.Translations``): the package
carries the ``.po`` files and nothing has to be compiled at install time, so a
catalog can never be older than the ``.po`` it came from.

The language comes from ``?lang=`` (which the app also stores in a cookie),
else the ``lang`` cookie, else the browser's ``Accept-Language``, else English.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "LOCALE_DIR", "Translator", "N_", "choose_language", "translator",
           "translations", "TYPE_LABELS", "STATUS_LABELS", "ROLE_LABELS", "ACTOR_LABELS", "METRIC_LABELS",
           "SOURCE_KIND_LABELS", "LABELS"]

LANGUAGES = ("en", "uk", "ru")
LANGUAGE_NAMES = {"en": "English", "uk": "Українська", "ru": "Русский"}
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark for extraction, translate later"
    """Marks ``message`` for the catalogs; it is translated where it is shown (``t(name)``)."""
    return message


# The names of stored values (a field, a mark, a state …), translated where they are shown.
FIELD_LABELS: dict[str, str] = {
    "status": N_("Status"),
    "kind": N_("Kind"),
    "date": N_("Date"),
    "date_precision": N_("Date precision"),
    "event_type": N_("Type"),
    "place": N_("Place (any language, looked up in the gazetteer)"),
    "location_name": N_("Place"),
    "admin1": N_("Region"),
    "country": N_("Country"),
    "lat": N_("Latitude"),
    "lon": N_("Longitude"),
    "geo_precision": N_("Place precision (1 town, 2 near, 3 region)"),
    "fatalities": N_("Killed"),
    "injured": N_("Injured"),
    "detained": N_("Detained"),
    "actors": N_("Actors"),
    "summary": N_("Summary"),
    "confidence": N_("Confidence"),
    "merged_into": N_("Merged into"),
    "sensitivity": N_("Sensitivity"),
    "created_at": N_("Created"),
    "updated_at": N_("Updated"),
}

SENSITIVITY_LABELS: dict[str, str] = {
    "personal_data": N_("personal data visible"),
    "graphic": N_("graphic"),
    "none": N_("not marked"),
}

JOB_STATE_LABELS: dict[str, str] = {
    "queued": N_("queued"),
    "running": N_("running"),
    "done": N_("done"),
    "failed": N_("failed"),
    "interrupted": N_("interrupted"),
}

UPLOAD_KIND_LABELS: dict[str, str] = {
    "file": N_("file"),
    "url": N_("web page"),
    "feed": N_("feed"),
    "telegram": N_("Telegram export"),
}

FAILURE_LABELS: dict[str, str] = {
    "capture": N_("capture (kept)"),
    "item": N_("ingest item"),
}

CONSENT_LABELS: dict[str, str] = {
    "public": N_("public"),
    "internal": N_("internal"),
    "restricted": N_("restricted"),
}

TESTIMONY_STATUS_LABELS: dict[str, str] = {
    "active": N_("active"),
    "withdrawn": N_("withdrawn"),
}

TYPE_LABELS: dict[str, str] = {
    "mobilization_detention": N_("Detention for mobilization"),
    "resistance": N_("Resistance to detention"),
    "attack_on_officials": N_("Attack on officials"),
    "abuse_of_conscripts": N_("Abuse of conscripts"),
    "border_incident": N_("Border incident"),
    "desertion": N_("Desertion"),
    "legal_action": N_("Court or investigation"),
    "protest": N_("Protest"),
    "labor_dispute": N_("Labour dispute"),
    "censorship": N_("Censorship"),
    "other": N_("Other"),
}

STATUS_LABELS: dict[str, str] = {
    "candidate": N_("candidate"),
    "verified": N_("verified"),
    "rejected": N_("rejected"),
    "merge": N_("merged"),
    "keep_apart": N_("kept apart"),
}

ROLE_LABELS: dict[str, str] = {
    "viewer": N_("viewer"),
    "editor": N_("editor"),
    "admin": N_("admin"),
}
# a date's precision (the edit form's choices, and the dates shown)
PRECISION_LABELS: dict[str, str] = {
    "day": N_("precise to the day"), "week": N_("precise to the week"), "month": N_("precise to the month"),
    "season": N_("precise to the season"), "year": N_("precise to the year"),
}

# the kinds of an independent origin (letopis.reliability.ORIGIN_KINDS)
ORIGIN_KIND_LABELS: dict[str, str] = {
    "official": N_("official statement"), "media": N_("media"), "channel": N_("channel"),
    "testimony": N_("first-hand testimony"), "court_record": N_("court record"), "unknown": N_("unknown origin"),
}
# where a source stands (letopis.reliability.STANCES)
STANCE_LABELS: dict[str, str] = {
    "state_media": N_("state media"), "state_aligned": N_("state-aligned"), "independent": N_("independent"),
    "officials_channel": N_("officials' channel"), "monitor": N_("human-rights monitor"), "unknown": N_("not known"),
}
# why a single origin's claim is shown as "reported by" (letopis.reliability.claims.DOUBT_REASONS)
DOUBT_LABELS: dict[str, str] = {
    "other_side": N_("state or state-aligned media reporting on the other side"),
    "own_side": N_("an officials' channel reporting on its own side"),
}

# the information grade derived for an incident (letopis.reliability.grades: the Admiralty code's digit)
INFO_GRADE_LABELS: dict[str, str] = {
    "1": N_("confirmed"), "2": N_("probably true"), "3": N_("possibly true"), "4": N_("doubtful"),
    "5": N_("improbable"), "6": N_("cannot be judged"),
}

# the fields of a source profile (its history)
PROFILE_FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"), "kind": N_("Origin kind"), "country": N_("Country"), "language": N_("Language"),
    "stance": N_("Stance"), "reliability": N_("Reliability (A-F)"), "credibility": N_("Credibility (1-6)"),
}

# a language, named inside a sentence ("the stored summary is in Ukrainian")
LANGUAGE_LABELS: dict[str, str] = {"en": N_("English"), "uk": N_("Ukrainian"), "ru": N_("Russian")}

# what an incident is (an event, or a figure a source reported)
KIND_LABELS: dict[str, str] = {"incident": N_("incident"), "statistic": N_("statistic")}

# the roles of the actors of an incident (letopis.model.ACTOR_ROLES)
ACTOR_LABELS: dict[str, str] = {
    "recruitment_officers": N_("recruitment officers"), "police": N_("police"), "border_guards": N_("border guards"),
    "military": N_("the military"), "security_service": N_("security service"), "civilians": N_("civilians"),
    "workers": N_("workers"), "court": N_("a court"), "prosecutors": N_("prosecutors"),
    "officials": N_("officials"), "unknown": N_("unidentified people"),
}

# how precisely an incident's place is known (geo_precision; the map's legend says the same)
GEO_PRECISION_LABELS: dict[str, str] = {
    "1": N_("in the settlement"), "2": N_("near the settlement, or in its district"),
    "3": N_("only the region is known"),
}

# how a source came in (sources.kind, captures.source_kind)
SOURCE_KIND_LABELS: dict[str, str] = {
    "file": N_("file"), "url": N_("web page"), "stdin": N_("standard input"), "feed": N_("feed"),
    "feed_item": N_("feed entry"), "telegram_export": N_("Telegram export"), "telegram_message": N_("Telegram post"),
    "pdf": N_("PDF file"), "testimony": N_("testimony"),
}

# what a statistic record counts (letopis.extract.statistics: METRICS, the counted nouns, "people")
METRIC_LABELS: dict[str, str] = {
    "szch_cases": N_("cases of unauthorised absence (SZCh)"), "desertion_cases": N_("desertion cases"),
    "convictions": N_("convictions"), "attacks_on_recruiters": N_("attacks on recruiters"),
    "fakes_criminal_cases": N_("criminal cases over 'fakes' and 'discreditation'"),
    "criminal_cases": N_("criminal cases"), "arson_attacks": N_("arson attacks"),
    "rights_violations": N_("rights violations"), "deaths": N_("deaths"), "detentions": N_("detentions"),
    "border_crossings": N_("border crossings"), "fines": N_("fines"), "summonses": N_("summonses"),
    "complaints": N_("complaints"), "people": N_("people counted"),
}

# what became of a reading flag (letopis reextract)
READING_FLAG_LABELS: dict[str, str] = {"open": N_("open"), "applied": N_("applied"), "dismissed": N_("dismissed")}
# what a reading flag is about, where the edit form's name does not fit (web.formats.flag_field)
READING_FLAG_FIELD_LABELS: dict[str, str] = {
    "place": N_("Place"), "record": N_("The record itself"), "metric": N_("Figure"), "value": N_("Value"),
    "period": N_("Period"), "quote": N_("Quote"),
}

LABELS: dict[str, Mapping[str, str]] = {
    "field": FIELD_LABELS, "sensitivity": SENSITIVITY_LABELS, "job.state": JOB_STATE_LABELS,
    "upload.kind": UPLOAD_KIND_LABELS, "failure": FAILURE_LABELS, "testimony.consent": CONSENT_LABELS,
    "testimony.status": TESTIMONY_STATUS_LABELS, "type": TYPE_LABELS, "status": STATUS_LABELS,
    "role": ROLE_LABELS, "precision": PRECISION_LABELS, "origin": ORIGIN_KIND_LABELS, "stance": STANCE_LABELS,
    "doubt": DOUBT_LABELS, "info": INFO_GRADE_LABELS, "language": LANGUAGE_LABELS, "kind": KIND_LABELS,
    "profile.field": PROFILE_FIELD_LABELS, "actor": ACTOR_LABELS, "geo_precision": GEO_PRECISION_LABELS,
    "source.kind": SOURCE_KIND_LABELS, "metric": METRIC_LABELS, "reading_flag": READING_FLAG_LABELS,
    "reading_flag.field": READING_FLAG_FIELD_LABELS,
}


@functools.cache
def translations(language: str) -> Translations:
    """The compiled catalog of ``language`` (read from its ``.po`` file once per process)."""
    if language not in LANGUAGES:
        raise ValueError(f"no interface language {language!r}: one of {', '.join(LANGUAGES)}")
    with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


class Translator:
    """The words of one language: ``t(message, **values)``, ``t.context(context, message, **values)``."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalog = translations(language)

    def __call__(self, message: str, **values: object) -> str:
        text = self._catalog.gettext(message)
        return text.format(**values) if values else text

    def context(self, context: str, message: str, **values: object) -> str:
        text = str(self._catalog.pgettext(context, message))
        return text.format(**values) if values else text

    def name_of(self, table: str | Mapping[str, str], key: object) -> str:
        """A stored value's name (a type, a status, a mark, a place's precision …) in this language; the key
        itself (as text) when unnamed, "" for None."""
        if key is None:
            return ""
        names = LABELS[table] if isinstance(table, str) else table
        text = str(key)
        return self(names[text]) if text in names else text

    def names_of(self, table: str | Mapping[str, str], keys: Iterable[str] | None) -> str:
        """Stored values (the actors' roles …) named in this language, comma-joined; "" for none."""
        return ", ".join(self.name_of(table, key) for key in keys or ())


def translator(language: str) -> Translator:
    return Translator(language)


def choose_language(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The interface language: the query's, else the cookie's, else the browser's first known one, else English."""
    for value in (query, cookie):
        if value in LANGUAGES:
            return value
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"

