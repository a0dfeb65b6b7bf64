"""How far a report can be trusted: copies grouped into origins, origin kinds, source grades and stances.

Pure: texts, locators and facts in, groups and kinds out. The database side
is :mod:`letopis.db.origins` and :mod:`letopis.db.profiles`; the use cases
are :mod:`letopis.services.origins` and :mod:`letopis.services.profiles`.
"""

from letopis.reliability.copies import Copy, Passage, group_copies
from letopis.reliability.kinds import ORIGIN_KINDS, origin_kind, source_key
from letopis.reliability.profiles import CREDIBILITY, RELIABILITY, STANCES, parse_grade

__all__ = ["Copy", "Passage", "group_copies", "ORIGIN_KINDS", "origin_kind", "source_key", "CREDIBILITY",
           "RELIABILITY", "STANCES", "parse_grade"]
