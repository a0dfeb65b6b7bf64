"""An OpenAI-compatible endpoint: ``POST {url}/chat/completions`` with the model of ``translate_model``, a
system message asking for the translation alone, the text as the user's message and temperature 0; the
answer's ``choices[0].message.content`` is the translation."""

from __future__ import annotations

from typing import Any

from letopis.translation import TranslationError
from letopis.translation.http import JsonClient

__all__ = ["OpenAICompatible"]

_LANGUAGES = {"en": "English", "uk": "Ukrainian", "ru": "Russian"}


class OpenAICompatible:
    name = "openai"

    def __init__(self, url: str, model: str, *, proxy: str | None, timeout: float, key: str | None = None) -> None:
        base = url.rstrip("/")
        self.url = base if base.endswith("/chat/completions") else base + "/chat/completions"
        self.model = model
        self.client = JsonClient(proxy=proxy, timeout=timeout, key=key)

    def translate(self, text: str, source: str, target: str) -> str:
        origin, goal = _LANGUAGES.get(source, source), _LANGUAGES.get(target, target)
        payload = {"model": self.model, "temperature": 0, "messages": [
            {"role": "system", "content": f"Translate the user's text from {origin} into {goal}. Answer with the "
                                          "translation only, keeping its meaning, numbers and line breaks; "
                                          "add nothing."},
            {"role": "user", "content": text}]}
        content = _content(self.client.post(self.url, payload))
        if content is None:
            raise TranslationError(f"{self.url} answered no choices[0].message.content")
        return content

    def close(self) -> None:
        self.client.close()


def _content(answer: Any) -> str | None:
    try:
        content = answer["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        return None
    return content.strip() if isinstance(content, str) and content.strip() else None
