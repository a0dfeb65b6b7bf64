"""Reading a witness's identity from a small file, so that it never appears on a command line.

Three forms, chosen by the file name: ``.toml`` (``name = "…"``, ``contact =
"…"``, ``notes = "…"``), ``.json`` (an object with the same keys), anything
else plain text (the first line the name, the second how to reach the
witness, further lines notes).
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

from letopis.testimony.records import TestimonyError, WitnessIdentity

__all__ = ["parse_witness"]

_KEYS = ("name", "contact", "notes")


def parse_witness(text: str, file_name: str) -> WitnessIdentity:
    """The identity in ``text``, read as the form ``file_name`` ends in; :class:`TestimonyError` when unusable."""
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    if suffix == "toml":
        try:
            data: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise TestimonyError(f"witness file {file_name}: not TOML ({exc})") from None
    elif suffix == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise TestimonyError(f"witness file {file_name}: not JSON ({exc.msg})") from None
    else:
        lines = [line.strip() for line in text.strip().splitlines()]
        data = {"name": lines[0] if lines else "", "contact": lines[1] if len(lines) > 1 else None,
                "notes": "\n".join(line for line in lines[2:] if line) or None}
    if not isinstance(data, dict):
        raise TestimonyError(f"witness file {file_name}: expected keys {', '.join(_KEYS)}")
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise TestimonyError(f"witness file {file_name}: unknown key(s) {', '.join(unknown)} "
                             f"(the keys are {', '.join(_KEYS)})")
    values = {key: str(data[key]).strip() if data.get(key) is not None else None for key in _KEYS}
    if not values["name"] and not values["contact"]:
        raise TestimonyError(f"witness file {file_name}: neither a name nor a contact")
    return WitnessIdentity(name=values["name"] or "(unnamed)", contact=values["contact"] or None,
                           notes=values["notes"] or None)
