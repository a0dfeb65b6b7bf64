"""What verification found wrong, one line per problem."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem"]


@dataclass(frozen=True)
class Problem:
    kind: str  # missing | altered | orphaned | writable | text-altered | chain-broken | ...
    subject: str  # the object's SHA-256, the text's SHA-256, "custody_log seq N", ...
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.subject}: {self.detail}"
