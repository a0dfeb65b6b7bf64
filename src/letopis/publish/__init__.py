"""Writing records as JSON Lines, CSV or a terminal table."""

from letopis.publish.formats import FORMATS, write_records

__all__ = ["FORMATS", "write_records"]
