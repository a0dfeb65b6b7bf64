"""Settings: defaults → ``letopis.toml`` (in the working directory or the data
directory) → ``LETOPIS_*`` environment variables → command-line flags.

Settings are declared as data with help text; ``docs/configuration.md`` lists
them all and a test fails when one is undocumented.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from letopis.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("data", "letopis-data", "Data directory: the SQLite database and the evidence folder."),
    Setting("database_url", None, "SQLAlchemy URL of a PostgreSQL database to use instead of SQLite."),
    Setting("collector", None, "Name recorded as the collector of every capture (default: the OS user)."),
    Setting("cache", None, "Directory for the compiled gazetteer (default: ~/.cache/letopis)."),
    Setting("proxy", None, "Proxy URL for every request Letopis makes (e.g. socks5://127.0.0.1:9050)."),
    Setting("tsa_url", None, "An RFC 3161 time-stamping authority's URL: `letopis log anchor` asks it to time-stamp "
                             "the log's head and keeps the token in the receipt (default: none, no request)."),
    Setting("tsa_ca", None, "A CA certificate file (PEM or DER) the time-stamping authority's certificate must be "
                            "issued by, checked by `log verify --anchor` and `log anchor`."),
    Setting("max_file_mb", 50, "Largest single source accepted, in MB; larger ones fail with a reason."),
    Setting("timeout_s", 20, "Network timeout for fetching URLs and feeds, in seconds, per operation; a whole "
                             "fetch (headers, redirects, body) gets six times this."),
    Setting("extract_limit_s", 300, "Longest time extraction may spend on one text, in seconds; a text that "
                                    "takes longer is kept and recorded as failed with the reason (0: no limit)."),
    Setting("extract_memory_mb", 2048, "Memory an extraction worker may take beyond what it starts with, in MB; a "
                                       "text that needs more is kept and recorded as failed (0: no limit)."),
    Setting("judge", True, "Let the trained judge drop extracted records it believes are not a genuine "
                           "in-scope incident (false: keep every record the rules find — more found, "
                           "more noise to review)."),
    Setting("session_hours", 12, "How long a login to the web app lasts, in hours; then the browser is sent to "
                                 "the login page again."),
    Setting("public_names", (), "Names of persons on the public record (officials speaking as such) that public "
                                "outputs keep instead of replacing by a role; a list in letopis.toml, "
                                "separated by ';' in the environment."),
    Setting("publish_min_count", 0, "Public outputs (publish, public exports, digests) leave out the incidents of a "
                                    "region and month that has fewer than this many (0: keep all)."),
    Setting("admin_totp", False, "Require a second factor (TOTP, `letopis user totp NAME`) for every admin "
                                 "logging in to the web app; an admin without one is refused."),
    Setting("map_tiles", None, "Web app map: a tile server URL template (https://tiles.example.org/{z}/{x}/{y}.png) "
                               "to draw under the incidents; without it the map draws its offline outlines and "
                               "the browser asks no other host for anything."),
    Setting("map_attribution", None, "Web app map: the credit line the tile server asks for (with map_tiles)."),
    Setting("translate_url", None, "A machine-translation server's URL for free text (summaries, quotes) on the "
                                   "public site and in digests: a LibreTranslate-compatible server or an "
                                   "OpenAI-compatible endpoint (default: none, nothing translated, no request)."),
    Setting("translate_api", "libretranslate", "What translate_url speaks: libretranslate or openai."),
    Setting("translate_model", None, "The model to ask an OpenAI-compatible translate_url for (translate_api = "
                                     "openai)."),
    Setting("web_assets", None, "Web app: the node_modules folder holding the map library and the offline base "
                                "map (default: the one `make setup` fills in the Letopis checkout)."),
)


@dataclass(frozen=True)
class Config:
    data: Path
    database_url: str | None
    collector: str
    cache: Path | None
    proxy: str | None
    max_file_mb: int
    timeout_s: int
    judge: bool = True
    extract_limit_s: float = 300.0
    extract_memory_mb: int = 2048
    session_hours: float = 12.0
    admin_totp: bool = False
    map_tiles: str | None = None
    map_attribution: str | None = None
    web_assets: Path | None = None
    public_names: tuple[str, ...] = ()
    publish_min_count: int = 0
    tsa_url: str | None = None
    tsa_ca: Path | None = None
    translate_url: str | None = None
    translate_api: str = "libretranslate"
    translate_model: str | None = None

    @property
    def sqlite_path(self) -> Path:
        return self.data / "letopis.sqlite3"

    @property
    def evidence_dir(self) -> Path:
        return self.data / "evidence"

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"


def load_config(overrides: dict[str, Any] | None = None, cwd: Path | None = None) -> Config:
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    cwd = cwd or Path.cwd()
    values.update(_from_toml(cwd / "letopis.toml"))
    for s in SETTINGS:
        env = os.environ.get(f"LETOPIS_{s.name.upper()}")
        if env not in (None, ""):
            values[s.name] = env
    data = Path(str((overrides or {}).get("data") or values["data"]))
    values.update(_from_toml(data / "letopis.toml"))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return _coerce(values)


def _from_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        loaded = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    known = {s.name for s in SETTINGS}
    unknown = set(loaded) - known
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s): {', '.join(sorted(unknown))}")
    return loaded


def _coerce(values: dict[str, Any]) -> Config:
    try:
        return Config(
            data=Path(values["data"]).expanduser(),
            database_url=values["database_url"] or None,
            collector=values["collector"] or _user(),
            cache=Path(values["cache"]).expanduser() if values["cache"] else None,
            proxy=values["proxy"] or None,
            max_file_mb=int(values["max_file_mb"]),
            timeout_s=int(values["timeout_s"]),
            judge=_flag(values["judge"]),
            extract_limit_s=float(values["extract_limit_s"]),
            extract_memory_mb=int(values["extract_memory_mb"]),
            session_hours=_positive(float(values["session_hours"]), "session_hours"),
            admin_totp=_flag(values["admin_totp"]),
            map_tiles=_tile_url(values["map_tiles"]),
            map_attribution=values["map_attribution"] or None,
            web_assets=Path(values["web_assets"]).expanduser() if values["web_assets"] else None,
            public_names=_names(values["public_names"]),
            publish_min_count=_not_negative(int(values["publish_min_count"]), "publish_min_count"),
            tsa_url=_http_url(values["tsa_url"], "tsa_url"),
            tsa_ca=Path(values["tsa_ca"]).expanduser() if values["tsa_ca"] else None,
            **_translation(values),
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bad setting: {exc}") from None


def _tile_url(value: Any) -> str | None:
    """A tile URL template: http(s), with {z}, {x} and {y}; nothing when not set."""
    if not value:
        return None
    url = str(value).strip()
    if not url.startswith(("https://", "http://")) or not all(part in url for part in ("{z}", "{x}", "{y}")):
        raise ValueError(f"map_tiles: an http(s) URL with {{z}}, {{x}} and {{y}} in it, got {url!r}")
    return url


def _http_url(value: Any, name: str) -> str | None:
    """An http(s) URL; nothing when not set."""
    if not value:
        return None
    url = str(value).strip()
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"{name}: an http(s) URL, got {url!r}")
    return url


_TRANSLATE_APIS = ("libretranslate", "openai")


def _translation(values: dict[str, Any]) -> dict[str, Any]:
    """``translate_url`` (an http(s) URL or nothing), ``translate_api`` (one of the backends) and
    ``translate_model`` (needed by an OpenAI-compatible endpoint)."""
    url = _http_url(values["translate_url"], "translate_url")
    api = str(values["translate_api"] or "libretranslate").strip().lower()
    if api not in _TRANSLATE_APIS:
        raise ValueError(f"translate_api: one of {', '.join(_TRANSLATE_APIS)}, got {api!r}")
    model = str(values["translate_model"]).strip() if values["translate_model"] else None
    if url and api == "openai" and not model:
        raise ValueError("translate_api = openai needs translate_model (the model to ask)")
    return {"translate_url": url, "translate_api": api, "translate_model": model}


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "unknown"


def with_overrides(config: Config, **changes: Any) -> Config:
    allowed = {f.name for f in fields(Config)}
    return replace(config, **{k: v for k, v in changes.items() if k in allowed and v is not None})


def _flag(value: Any) -> bool:
    """A yes/no setting from TOML (a boolean) or the environment (true/false, yes/no, 1/0)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"not a yes/no value: {value!r}")


def _names(value: Any) -> tuple[str, ...]:
    """A list of names from TOML (a list of strings) or the environment (separated by ';')."""
    items = value.split(";") if isinstance(value, str) else list(value or ())
    if not all(isinstance(item, str) for item in items):
        raise ValueError(f"public_names must be a list of names, got {value!r}")
    return tuple(item.strip() for item in items if item.strip())


def _not_negative(value: int, name: str) -> int:
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, got {value}")
    return value


def _positive(value: float, name: str) -> float:
    if not value > 0:
        raise ValueError(f"{name} must be above 0, got {value}")
    return value
