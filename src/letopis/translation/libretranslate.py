"""A LibreTranslate-compatible server: ``POST {url}/translate`` with ``{"q", "source", "target", "format":
"text"}`` (and ``api_key`` when one is set), answered by ``{"translatedText": "…"}``."""

from __future__ import annotations

from letopis.translation import TranslationError
from letopis.translation.http import JsonClient

__all__ = ["LibreTranslate"]


class LibreTranslate:
    name = "libretranslate"
    model = ""  # LibreTranslate names no model

    def __init__(self, url: str, *, proxy: str | None, timeout: float, key: str | None = None) -> None:
        base = url.rstrip("/")
        self.url = base if base.endswith("/translate") else base + "/translate"
        self.key = key
        self.client = JsonClient(proxy=proxy, timeout=timeout, key_header="")

    def translate(self, text: str, source: str, target: str) -> str:
        payload: dict[str, str] = {"q": text, "source": source, "target": target, "format": "text"}
        if self.key:
            payload["api_key"] = self.key
        answer = self.client.post(self.url, payload)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, str) or not translated.strip():
            raise TranslationError(f"{self.url} answered no translatedText")
        return translated.strip()

    def close(self) -> None:
        self.client.close()
