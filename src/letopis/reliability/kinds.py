"""What kind of origin a source is, and which site or channel it belongs to.

The kind comes, first, from the person who profiled the site or channel
(``letopis source-profile set HOST --kind …``); without a profile, from the
source itself:

* a testimony recorded in Letopis (``testimony:…``) is first-hand testimony;
* a page on a court's site (the Ukrainian court registry and court pages,
  Russian court sites under ``sudrf.ru``, the Moscow courts' portal, the
  supreme courts) is a court record;
* a page on a government site (``*.gov.ua``, ``*.gov.ru``, ``*.gov.by``,
  ministries and agencies named below) is an official statement;
* a Telegram message (an export or a ``t.me`` address) is a channel post;
* any other web page or feed item is media;
* a local file or standard input says nothing of where it came from: unknown.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["ORIGIN_KINDS", "origin_kind", "source_key", "host_key"]

ORIGIN_KINDS: tuple[str, ...] = ("official", "media", "channel", "testimony", "court_record", "unknown")

_COURT_HOSTS = ("court.gov.ua", "reyestr.court.gov.ua", "sudrf.ru", "mos-gorsud.ru", "vsrf.ru", "sudact.ru",
                "kad.arbitr.ru", "ksrf.ru", "ccu.gov.ua", "supreme.court.gov.ua")
_OFFICIAL_SUFFIXES = (".gov.ua", ".gov.ru", ".gov.by", ".mil.ru", ".mvd.ru", ".gov.md", ".gov.ro")
_OFFICIAL_HOSTS = ("kremlin.ru", "government.ru", "mil.ru", "mvd.ru", "sledcom.ru", "genproc.gov.ru", "fsb.ru",
                   "president.gov.ua", "mil.gov.ua", "ssu.gov.ua", "gp.gov.ua", "dbr.gov.ua", "npu.gov.ua",
                   "dpsu.gov.ua", "mod.gov.ua", "kmu.gov.ua", "ombudsman.gov.ua", "duma.gov.ru")
_TELEGRAM_HOSTS = ("t.me", "telegram.me", "telegram.dog")


def _within(host: str, names: tuple[str, ...]) -> bool:
    return any(host == name or host.endswith("." + name) for name in names)


def host_key(value: str) -> str:
    """A site or channel as a person types it (``https://www.Meduza.io/…``, ``@channel``, ``t.me/s/channel``)
    in the one form profiles are kept under: ``meduza.io``, ``t.me/channel``, ``telegram:1234``."""
    value = value.strip()
    if value.startswith("@"):
        return f"t.me/{value[1:].lower()}"
    if value.startswith("telegram:"):
        return value.split("/", 1)[0]
    key = source_key(value if "://" in value else f"https://{value}")
    return key or value.lower()


def source_key(locator: str) -> str | None:
    """The site (host without ``www.``) or channel a source's locator belongs to; None for files and testimony."""
    if locator.startswith("telegram:"):
        return locator.split("/", 1)[0]
    if "://" not in locator:
        return None
    try:
        parts = urlsplit(locator)
    except ValueError:  # a malformed address ("https://[::1"): no site
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.").removeprefix("m.")
    if host in _TELEGRAM_HOSTS:
        path = [p for p in parts.path.split("/") if p]
        if path and path[0] == "s":
            path = path[1:]
        return f"t.me/{path[0].lower()}" if path else "t.me"
    return host


def origin_kind(source_kind: str, locator: str, profiled: str | None = None) -> str:
    """The kind of origin (one of :data:`ORIGIN_KINDS`) a source is; ``profiled``: the kind its profile gives."""
    if profiled in ORIGIN_KINDS and profiled != "unknown":
        return profiled
    if source_kind == "testimony" or locator.startswith("testimony:"):
        return "testimony"
    key = source_key(locator)
    if key is None:
        return "unknown"
    if key.startswith(("telegram:", "t.me")) or source_kind.startswith("telegram"):
        return "channel"
    if _within(key, _COURT_HOSTS):
        return "court_record"
    if _within(key, _OFFICIAL_HOSTS) or key.endswith(_OFFICIAL_SUFFIXES):
        return "official"
    return "media"
