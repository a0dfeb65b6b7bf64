"""The public profile of an incident: what may leave the internal store, and in what form.

An incident's shape (:mod:`letopis.publish.shape`) for the public:

* names of private persons in the summary, the quotes and the source titles
  replaced by a role (:class:`letopis.publish.redact.Redactor`);
* sources that are testimonies left out entirely (a witness's account and
  identity never leave); a source read from a local file or standard input
  keeps its kind and hash but not its path (a path names the collector's
  folders and often the people in them); web addresses and Telegram
  message addresses stay, so the record can be cited;
* the edit history left out (it names the team);
* coordinates coarsened: the settlement's centre (as the gazetteer has it)
  by default, the region's centre with precision 3 for a sensitive incident
  (one a person marked ``personal_data`` in its ``sensitivity``, or one that
  a testimony supports); when the gazetteer does not know the
  place, the coordinates are rounded to two decimals (about a kilometre),
  and a sensitive incident whose region is unknown loses its coordinates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from letopis.publish.redact import Redactor

__all__ = ["Centres", "PublicProfile", "is_sensitive", "PUBLIC_LOCATOR_PREFIXES"]

PUBLIC_LOCATOR_PREFIXES = ("http://", "https://", "telegram:")
TESTIMONY_KIND = "testimony"
PERSONAL_DATA = "personal_data"  # a sensitivity mark (letopis.model.SENSITIVITY_MARKS)


@dataclass(frozen=True)
class Centres:
    """Where places are: ``settlement(name, admin1, country)`` and ``region(admin1, country)`` give
    (lat, lon) of the centre, or None when the place is not known."""

    settlement: Callable[[str, str | None, str | None], tuple[float, float] | None]
    region: Callable[[str, str | None], tuple[float, float] | None]


def is_sensitive(shape: Mapping[str, Any]) -> bool:
    """Is an incident sensitive: marked as showing personal data (``sensitivity``), or supported by a testimony?"""
    if PERSONAL_DATA in (shape.get("sensitivity") or ()):
        return True
    return any(source.get("kind") == TESTIMONY_KIND for source in shape.get("sources") or [])


class PublicProfile:
    """Turns an incident's full shape into its public shape."""

    def __init__(self, redactor: Redactor, centres: Centres) -> None:
        self.redactor = redactor
        self.centres = centres

    def __call__(self, shape: Mapping[str, Any]) -> dict[str, Any]:
        language = shape.get("language")
        public = {key: value for key, value in shape.items() if key != "edits"}
        public["summary"] = self.redactor.redact(shape.get("summary"), language) or ""
        public["quote"] = self.redactor.redact(shape.get("quote"), language)
        public["location"] = self._location(shape.get("location"), is_sensitive(shape))
        public["sources"] = [self._source(source) for source in shape.get("sources") or []
                             if source.get("kind") != TESTIMONY_KIND]
        if not any(source.get("kind") != TESTIMONY_KIND for source in shape.get("sources") or []):
            public["quote"], public["start"], public["end"] = None, None, None  # the quote was a testimony's
        return public

    def _source(self, source: Mapping[str, Any]) -> dict[str, Any]:
        language = source.get("language")
        locator = source.get("locator") or ""
        return {**source,
                "locator": locator if locator.startswith(PUBLIC_LOCATOR_PREFIXES) else None,
                "title": self.redactor.redact(source.get("title"), language),
                "quote": self.redactor.redact(source.get("quote"), language)}

    def _location(self, location: Mapping[str, Any] | None, sensitive: bool) -> dict[str, Any] | None:
        if location is None:
            return None
        place = dict(location)
        if place.get("lat") is None or place.get("lon") is None:
            return place
        if sensitive:
            centre = self.centres.region(place["admin1"], place.get("country")) if place.get("admin1") else None
            place.update(name=place.get("admin1") or place.get("country"), geo_precision=3)
            place["lat"], place["lon"] = centre if centre else (None, None)
            return place
        centre = self.centres.settlement(place["name"], place.get("admin1"), place.get("country")) \
            if place.get("name") else None
        if centre is None:
            centre = (round(place["lat"], 2), round(place["lon"], 2))
        place["lat"], place["lon"] = centre
        return place
