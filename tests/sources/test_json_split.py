"""The splitter hands over each message's bytes whole, however the chunks fall (against ``json``)."""

from __future__ import annotations

import json
import random

import pytest

from letopis.sources.json_split import Item, ListEnd, ListStart, Splitter, Value


def _value(rng: random.Random, depth: int) -> object:
    kind = rng.randrange(7 if depth < 4 else 4)
    if kind == 0:
        return rng.randrange(-10**20, 10**20)
    if kind == 1:
        return "".join(rng.choice('ab"\\/\n\t{}[],:é✓😀') for _ in range(rng.randrange(12)))
    if kind == 2:
        return rng.choice([None, True, False, 1.5e300])
    if kind == 3:
        return ""
    if kind in (4, 5):
        return {f"k{i}\"{{": _value(rng, depth + 1) for i in range(rng.randrange(4))}
    return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]


def _events(data: bytes, chunk: int, cap: int = 1 << 20) -> list[object]:
    splitter = Splitter("messages", item_cap=cap)
    out: list[object] = []
    for start in range(0, len(data), chunk):
        out.extend(splitter.feed(data[start:start + chunk]))
    out.append(splitter.close())
    return out


@pytest.mark.parametrize("seed", range(40))
def test_items_are_the_messages_for_any_chunking(seed: int) -> None:
    rng = random.Random(seed)
    messages = [_value(rng, 1) for _ in range(rng.randrange(1, 15))]
    doc = {"name": "Канал \"x\"", "about": {"a": [1, {"b": "]"}]}, "messages": messages, "id": 2**70}
    data = json.dumps(doc, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1])).encode()
    events = _events(data, rng.choice([1, 2, 3, 7, 64, 65536]))
    assert events[-1] is None  # whole
    items = [e for e in events if isinstance(e, Item)]
    assert [json.loads(i.data) for i in items if i.data is not None] == messages
    assert all(data[i.offset:i.offset + i.size] == i.data for i in items)
    values = {e.key: e.raw for e in events if isinstance(e, Value)}
    name, ident = values["name"], values["id"]
    assert name is not None and ident is not None
    assert json.loads(name) == "Канал \"x\"" and json.loads(ident) == 2**70
    assert values["about"] is None  # a container value is not kept
    assert [type(e) for e in events if isinstance(e, ListStart | ListEnd)] == [ListStart, ListEnd]


def test_depth_size_and_breaks_are_reported_not_raised() -> None:
    deep = b'{"messages": [{"id": 1}, ' + b"[" * 5000 + b"]" * 5000 + b', {"id": 3}]}'
    items = [e for e in _events(deep, 4096) if isinstance(e, Item)]
    assert [i.depth for i in items] == [1, 5000, 1]
    big = b'{"messages": [{"t": "' + b"x" * 5000 + b'"}, {"id": 2}]}'
    first, second = [e for e in _events(big, 100, cap=1000) if isinstance(e, Item)]
    assert first.data is None and first.size > 5000 and second.data == b' {"id": 2}'
    assert _events(b"\xef\xbb\xbf" + b'{"messages": []}', 2)[-1] is None
    assert _events(b'[{"messages": []}]', 5)[-1] == "top level is a JSON array, not an object"
    cut = b'{"messages": [{"id": 1}, {"id": 2, "t": "cut'
    assert _events(cut, 8)[-1] == (
        f"it ends inside the messages list, inside a string, at byte {len(cut)} (truncated?)")
    assert _events(b"", 8)[-1] == "empty (no JSON object)"
