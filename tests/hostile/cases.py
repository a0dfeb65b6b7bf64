"""Hostile inputs for ``letopis ingest``, made by code so the suite can grow (issue 13).

Each :class:`Case` writes its input under a folder it is given and says what
``letopis ingest`` must do with it: the exit status, how many sources are new
and how many items failed (the rest of the batch is read), a text one line of
standard error must hold, and bytes that must be found nowhere in the data
directory (what lies outside the folder named). ``test_ingest_hostile.py``
runs every case through the real command on a fresh data directory.

To add a case: write a builder ``def _name(base: Path) -> list[str]`` that
makes the input and returns the ``ingest`` arguments, and append a ``Case``
to :data:`CASES`.

Run as a script to write every case's input for trying by hand::

    python tests/hostile/cases.py OUT_DIR
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# Texts that yield a source each (distinct bytes); none depends on extraction finding an incident.
REPORTS = (
    "28 жовтня в Одесі сусіди заблокували бус ТЦК, чоловіка відпустили.\n",
    "Вчора у Харкові представники ТЦК затримали двох чоловіків на ринку.\n",
    "Minulogo tyzhnia in Lviv a man was detained at a checkpoint.\n",
)
SECRET = b"SECRET-OUTSIDE-THE-FOLDER-5f3a9c"  # written outside the folder named: must never be stored


@dataclass(frozen=True)
class Case:
    """One hostile input and what ``letopis ingest`` must make of it."""

    name: str
    build: Callable[[Path], list[str]]  # writes the input under the folder given; the ingest arguments
    status: int = 0
    new: int = 0  # sources new (the other items of the batch, read)
    failed: int = 0  # items recorded as failed, each with its reason
    line: str | None = None  # one line of standard error holds this
    env: Mapping[str, str] = field(default_factory=dict)
    secret: bool = False  # SECRET lies outside the folder: it must be nowhere in the data directory
    loose: bool = False  # status 0 or 1, at least ``new`` sources, as many failures as ``failed:`` lines


def _good(folder: Path, n: int = 2) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"report-{i}.txt").write_text(REPORTS[i], encoding="utf-8")


def _outside(base: Path) -> Path:
    """A folder beside the one named, holding SECRET as text, as an export and as an export page."""
    out = base / "outside"
    out.mkdir(parents=True, exist_ok=True)
    (out / "secret.txt").write_bytes(SECRET + b"\n")
    (out / "export").mkdir(exist_ok=True)
    (out / "export" / "result.json").write_text(_export([_message(1, SECRET.decode())]), encoding="utf-8")
    (out / "messages.html").write_text(
        '<div class="history"><div class="message default" id="message1"><div class="body">'
        f'<div class="text">{SECRET.decode()}</div></div></div></div>', encoding="utf-8")
    return out


def _named(base: Path) -> Path:
    folder = base / "in"
    _good(folder)
    return folder


# ---- names


def _bytes_name(name: bytes, data: bytes) -> Callable[[Path], list[str]]:
    def build(base: Path) -> list[str]:
        folder = _named(base)
        with open(os.fsencode(folder) + b"/" + name, "wb") as fh:
            fh.write(data)
        return [str(folder)]
    return build


def _bytes_dir(base: Path) -> list[str]:
    folder = _named(base)
    sub = os.fsencode(folder) + b"/dir\xff\xfe"
    os.mkdir(sub)
    with open(sub + b"/inside.txt", "wb") as fh:
        fh.write(REPORTS[2].encode())
    return [str(folder)]


def _bytes_argument(base: Path) -> list[str]:
    folder = _named(base)
    name = os.fsencode(folder) + b"/named\xff.txt"
    with open(name, "wb") as fh:
        fh.write(REPORTS[2].encode())
    return [os.fsdecode(name), str(folder / "report-0.txt")]


BINARY = b"\x00\x01\x02 not text"


# ---- links and special files


def _link(target: Callable[[Path], Path], name: str) -> Callable[[Path], list[str]]:
    def build(base: Path) -> list[str]:
        folder = _named(base)
        dest = folder / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.symlink_to(target(base))
        return [str(folder)]
    return build


def _link_loop(base: Path) -> list[str]:
    folder = _named(base)
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    return [str(folder)]


def _fifo(name: str) -> Callable[[Path], list[str]]:
    def build(base: Path) -> list[str]:
        folder = _named(base)
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
        return [str(folder)]
    return build


def _fifo_argument(base: Path) -> list[str]:
    folder = _named(base)
    os.mkfifo(folder / "pipe.txt")
    return [str(folder / "pipe.txt"), str(folder / "report-0.txt")]


def _socket(base: Path) -> list[str]:
    folder = _named(base)
    here = Path.cwd()
    os.chdir(folder)  # a relative name: a socket's path must be short
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind("report.txt.sock.txt")
    finally:
        os.chdir(here)
    return [str(folder)]


def _device_argument(base: Path) -> list[str]:
    folder = _named(base)
    return ["/dev/zero", str(folder / "report-0.txt")]


# ---- Telegram exports


def _message(i: int, text: str) -> dict:
    return {"id": i, "type": "message", "date": "2025-10-28T10:00:00", "date_unixtime": "1761645600",
            "from": "Хроніка", "text": text}


def _export(items: list[dict | str], prefix: str = "") -> str:
    parts = [item if isinstance(item, str) else json.dumps(item, ensure_ascii=False) for item in items]
    return prefix + '{"name": "Канал", "type": "public_channel", "id": 777, "messages": [' + ",\n".join(parts) + "]}"


def _telegram(bad: str, *, raw: bytes | None = None, prefix: str = "") -> Callable[[Path], list[str]]:
    """An export in a sub-folder: message 1, the bad one (JSON text, or raw bytes), message 3."""
    def build(base: Path) -> list[str]:
        folder = base / "in"
        export = folder / "channel"
        export.mkdir(parents=True)
        first, last = _message(1, REPORTS[0].strip()), _message(3, REPORTS[1].strip())
        doc = _export([first, "@BAD@", last], prefix).encode("utf-8")
        (export / "result.json").write_bytes(doc.replace(b"@BAD@", raw if raw is not None else bad.encode()))
        return [str(folder)]
    return build


def _deep(depth: int) -> str:
    return json.dumps(_message(2, "глибоко"))[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"


def _telegram_whole(doc: bytes) -> Callable[[Path], list[str]]:
    def build(base: Path) -> list[str]:
        folder = base / "in"
        _good(folder, 1)
        (folder / "channel").mkdir()
        (folder / "channel" / "result.json").write_bytes(doc)
        return [str(folder)]
    return build


def _telegram_year_one(base: Path) -> list[str]:
    msg = {**_message(1, "Минулого тижня в Олешках затримали трьох чоловіків, вчора їх вивезли."),
           "date": "0001-01-01T00:00:00", "date_unixtime": "-62135596800"}
    return _telegram_whole(_export([msg, _message(2, REPORTS[1])]).encode())(base)


# ---- dates


def _published(day: str) -> Callable[[Path], list[str]]:
    def build(base: Path) -> list[str]:
        folder = _named(base)
        (folder / "relative.txt").write_text("Вчора в Одесі затримали чоловіка; минулого тижня — ще двох.\n",
                                             encoding="utf-8")
        return ["--published", day, str(folder)]
    return build


def _html_year_one(base: Path) -> list[str]:
    folder = _named(base)
    (folder / "page.html").write_text(
        '<html><head><meta property="article:published_time" content="0001-01-01T00:00:00Z">'
        "<title>Звіт</title></head><body><article><p>Минулого тижня окупанти затримали трьох чоловіків "
        "в Олешках Херсонської області. Вчора їх вивезли.</p></article></body></html>", encoding="utf-8")
    return [str(folder)]


OUT = "symbolic link leading outside the folder: not followed"
NEVER = "not a regular file: never opened"

CASES: list[Case] = [
    # names of any bytes, shown escaped on one line
    Case("name-not-utf8", _bytes_name(b"bad\xff\xfe.txt", REPORTS[2].encode()), new=3),
    Case("name-not-utf8-failing", _bytes_name(b"bad\xff\xfe.txt", BINARY), status=1, new=2, failed=1,
         line="/bad\\xff\\xfe.txt: binary content"),
    Case("name-newline-failing", _bytes_name(b"evil\nfailed: forged.txt", BINARY), status=1, new=2, failed=1,
         line="/evil\\nfailed: forged.txt: binary content"),
    Case("name-newline-skipped", _bytes_name(b"evil\nskipped: forged.jpg", b"x"), new=2,
         line="/evil\\nskipped: forged.jpg: unsupported file type (.jpg)"),
    Case("name-carriage-return-escape", _bytes_name(b"a\r\x1b[2Jb.txt", BINARY), status=1, new=2, failed=1,
         line="/a\\r\\x1b[2Jb.txt: binary content"),
    Case("name-bidi-override", _bytes_name("x\u202etxt.exe.txt".encode(), BINARY), status=1, new=2, failed=1,
         line="/x\\u202etxt.exe.txt: binary content"),
    Case("name-c1-control", _bytes_name("c1\u0085here.txt".encode(), BINARY), status=1, new=2, failed=1,
         line="/c1\\x85here.txt: binary content"),
    Case("folder-not-utf8", _bytes_dir, new=3),
    Case("argument-not-utf8", _bytes_argument, new=2),
    # nothing outside the folder named is read
    Case("link-file-out", _link(lambda b: _outside(b) / "secret.txt", "secret.txt"), status=1, new=2, failed=1,
         line=f"/secret.txt: {OUT}", secret=True),
    Case("link-folder-out", _link(lambda b: _outside(b) / "export", "sub"), status=1, new=2, failed=1,
         line=f"/sub: {OUT}", secret=True),
    Case("link-result-json-out", _link(lambda b: _outside(b) / "export" / "result.json", "chan/result.json"),
         status=1, new=2, failed=1, line=f"/chan/result.json: {OUT}", secret=True),
    Case("link-messages-html-out", _link(lambda b: _outside(b) / "messages.html", "chan/messages.html"),
         status=1, new=2, failed=1, line=f"/chan/messages.html: {OUT}", secret=True),
    Case("link-nested-out", _link(lambda b: _outside(b) / "secret.txt", "deep/er/still/s.txt"), status=1,
         new=2, failed=1, line=f"/deep/er/still/s.txt: {OUT}", secret=True),
    Case("link-inside", _link(lambda b: b / "in" / "report-0.txt", "again.txt"), new=2,
         line="/again.txt: symbolic link to "),
    Case("link-loop", _link_loop, status=1, new=2, failed=2, line="/a.txt: symbolic link loop"),
    Case("link-broken", _link(lambda b: b / "gone.txt", "gone.txt"), new=2, line="/gone.txt: broken symbolic link"),
    # special files are never opened
    Case("fifo-result-json", _fifo("sub/result.json"), status=1, new=2, failed=1,
         line=f"/sub/result.json: a FIFO (named pipe), {NEVER}"),
    Case("fifo-messages-html", _fifo("sub/messages.html"), status=1, new=2, failed=1,
         line=f"/sub/messages.html: a FIFO (named pipe), {NEVER}"),
    Case("fifo-txt", _fifo("pipe.txt"), status=1, new=2, failed=1, line=f"/pipe.txt: a FIFO (named pipe), {NEVER}"),
    Case("fifo-argument", _fifo_argument, status=1, new=1, failed=1,
         line="/pipe.txt: a FIFO (named pipe), not a regular file or directory: never opened"),
    Case("socket", _socket, status=1, new=2, failed=1, line=f"/report.txt.sock.txt: a socket, {NEVER}"),
    Case("device-argument", _device_argument, status=1, new=1, failed=1,
         line="/dev/zero: a character device, not a regular file or directory: never opened"),
    # Telegram result.json: a bad message fails alone, the rest is read
    Case("telegram-nested-5000", _telegram(_deep(5000)), status=1, new=2, failed=1,
         line="is nested deeper than 64 levels"),
    Case("telegram-brackets-400k", _telegram("[" * 200_000 + "]" * 200_000), status=1, new=2, failed=1,
         line="is nested deeper than 64 levels"),
    Case("telegram-unclosed-brackets", _telegram("", raw=b"[" * 100_000), status=1, new=1, failed=1,
         line="broken JSON in result.json after message 1: it ends inside the messages list"),
    Case("telegram-id-above-2-63", _telegram(json.dumps(_message(2**64 + 5, REPORTS[2]))), new=3),
    Case("telegram-id-5000-digits", _telegram('{"id": ' + "9" * 5000 + ', "type": "message", "text": "x"}'),
         status=1, new=2, failed=1, line="is not valid JSON: Exceeds the limit"),
    Case("telegram-bom", _telegram(json.dumps(_message(2, REPORTS[2])), prefix="\ufeff"), new=3),
    Case("telegram-bad-escape", _telegram('{"id": 2, "type": "message", "text": "\\q"}'), status=1, new=2,
         failed=1, line="is not valid JSON: Invalid \\escape"),
    Case("telegram-bad-utf8", _telegram("", raw=b'{"id": 2, "type": "message", "text": "\xff\xfe"}'), status=1,
         new=2, failed=1, line="is not valid UTF-8"),
    Case("telegram-lone-surrogate", _telegram('{"id": 2, "type": "message", "text": "half \\ud800 pair"}'),
         new=3),
    Case("telegram-not-an-object", _telegram("42"), status=1, new=2, failed=1, line="is not a JSON object"),
    Case("telegram-garbage-item", _telegram("nonsense"), status=1, new=2, failed=1, line="is not valid JSON"),
    Case("telegram-mismatched-bracket", _telegram('{"id": 2, "a": [}'), status=1, new=1, failed=2,
         line="broken JSON in result.json after message 1: it ends before its object is closed"),
    Case("telegram-message-over-cap", _telegram(json.dumps(_message(2, "ж" * 700_000))), status=1, new=2,
         failed=1, line="is larger than the 1 MB cap", env={"LETOPIS_MAX_FILE_MB": "1"}),
    Case("telegram-top-level-array", _telegram_whole(b"[1, 2, 3]"), status=1, new=1, failed=1,
         line="not a Telegram Desktop export (no \"messages\" list): top level is a JSON array"),
    Case("telegram-year-one", _telegram_year_one, new=3),
    # publication dates relative dates cannot leave the calendar from
    Case("published-0001", _published("0001-01-01"), status=2,
         line="letopis: error: --published: publication date 0001-01-01 is outside 1900-01-01..2999-12-31"),
    Case("published-9999", _published("9999-12-31"), status=2,
         line="letopis: error: --published: publication date 9999-12-31 is outside 1900-01-01..2999-12-31"),
    Case("published-1900", _published("1900-01-01"), new=3),
    Case("html-dated-year-one", _html_year_one, new=3),
]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tests/hostile/cases.py OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[1])
    for case in CASES:
        base = out / case.name
        base.mkdir(parents=True)
        args = case.build(base)
        env = " ".join(f"{k}={v}" for k, v in case.env.items())
        print(f"{case.name}: {env + ' ' if env else ''}letopis ingest {' '.join(repr(a) for a in args)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
