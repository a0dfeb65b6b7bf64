"""Organisation names built on a place name, and region/district words after an adjective.

* "Одеський обласний ТЦК", "Курский областной суд", "Харківська ОВА", "Чернівецький окружний адміністративний
  суд" -> the oblast (admin1), in an org;
* "Кременчуцький районний ТЦК" -> the raion (district), in an org; "Кременчуцький район" -> district;
* "Одеський міський суд", "Kharkiv city TCC" -> the city (settlement), in an org;
* "Ленинский районный суд Курска", "Шевченківський районний суд м. Києва" -> the city after the court;
* "Lviv Regional Prosecutor's Office", "Kharkiv oblast TCC" -> admin1; "Kremenchuk district TCC" -> district.

All patterns run on the normalized (lowercased) text at a known offset.
"""

from __future__ import annotations

import re

_SP = r"[ \t\n]+"

# What follows a relative adjective ("харківськ-").  Order matters: adjectives before nouns.
_ADJ_SCOPE = re.compile(
    _SP + r"(?:"
    # an oblast's administrative court sits in its centre and judges its region ("Чернівецький окружний
    # адміністративний суд")
    r"(?P<obl_org>обласн\w*|областн\w*|ова\b|ода\b|окружн\w*" + _SP + r"адміністративн\w*)"
    r"|(?P<obl>област\w*|обл\b\.?)"
    r"|(?P<krai_org>крайов\w*|краев\w*)"
    r"|(?P<krai>кра[йюїе]\b|кра[єе]м\b)"
    r"|(?P<raion_org>районн\w*|райсуд\w*|рва\b|рда\b|міжрайонн\w*|межрайонн\w*)"
    r"|(?P<raion>район\w*|р-н\w*|р-ну\b)"
    r"|(?P<city_org>міськ\w*|городск\w*|мва\b))"
)

_ORG_WORD = (
    r"(?:tcc|trc|tcr|tck|territorial|recruitment|enlistment|military|prosecutor\w*|court\w*|police|"
    r"administration|council|department|office|sbu|state|head|governor|centre|center|commissariat|"
    r"appeal\w*|investigat\w*|branch|directorate|service)"
)
_EN_AFTER_PLACE = re.compile(
    _SP + r"(?:(?P<city>city|municipal)|(?P<admin1>regional|oblast|region(?:al)?|province|provincial)"
    r"|(?P<district>district|raion))(?:['’]s)?" + _SP + _ORG_WORD + r"\b"
)
_EN_ORG_DIRECT = re.compile(_SP + _ORG_WORD + r"\b")

# "... районный суд (г.) <City>", "... міський суд м. <City>", "District Court of <City>"
_CITY_COURT_BEFORE = re.compile(
    r"(?:районн\w+|міськ\w+|городск\w+|міськрайонн\w+|горрайонн\w+|міжрайонн\w+|межрайонн\w+|district|city)"
    + _SP + r"(?:суд\w*|тцк|прокуратур\w*|відділ\w*|отдел\w*|військкомат\w*|военкомат\w*|court(?:[ \t]+of)?|"
    r"управлінн\w*|управлени\w*|tcc(?:[ \t]+of)?)"
    r"(?:" + _SP + r"(?:та|і|и)" + _SP + r"сп)?"
    r"(?:" + _SP + r"(?:м\.|г\.|міста|города|м|г))?[ \t]*$"
)


def adjective_scope(norm: str, end: int) -> tuple[str, bool, int] | None:
    """(level, in_org, end of the scope word) for the word after an adjective, or None."""
    m = _ADJ_SCOPE.match(norm, end)
    if not m:
        return None
    group = m.lastgroup
    level = {"obl_org": "admin1", "obl": "admin1", "krai_org": "admin1", "krai": "admin1",
             "raion_org": "district", "raion": "district", "city_org": "settlement"}[group]
    return level, group.endswith("_org"), m.end()


def english_scope(norm: str, end: int) -> tuple[str, int] | None:
    """"<Place> city|regional|district <org>": the org's scope and the end of the scope word."""
    m = _EN_AFTER_PLACE.match(norm, end)
    if not m:
        return None
    level = {"city": "settlement", "admin1": "admin1", "district": "district"}[m.lastgroup]
    return level, m.end(m.lastgroup) if m.lastgroup else m.end()


def org_follows(norm: str, end: int) -> bool:
    """An organisation word right after a region or district name ("Kharkiv oblast TCC")."""
    return bool(_EN_ORG_DIRECT.match(norm, end))


def court_before(norm: str, start: int) -> int | None:
    """Start of "районный суд г." before a city name, when the city is the seat of that court."""
    m = _CITY_COURT_BEFORE.search(norm, max(0, start - 80), start)
    return m.start() if m else None
