"""More hostile inputs, made in bulk: encodings, HTML, PDFs, Word files, gzip, feeds, Telegram fuzz, names.

Unlike the hand-written cases of ``cases.py``, these mostly say only what
must hold whatever the reader makes of the input (``Case.loose``): exit 0 or
1, no traceback, one ``failed:`` line per failure, the good reports beside
the input read (nothing else lost), the bytes of every failed read kept, and
bytes from outside the folder stored nowhere. The fuzz is seeded, so every
run makes the same inputs.
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
import random
import socket
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.hostile.cases import REPORTS, SECRET, Case, _export, _good, _message, _outside

SEED = 13
Data = bytes | Callable[[], bytes]  # the bytes, or what makes them when the case runs (big inputs)
UK = "28 жовтня в Одесі працівники ТЦК затримали чоловіка біля ринку, його вивезли до військкомату.\n"


def _file(name: str, data: Data, *, named: bool = False) -> Callable[[Path], list[str]]:
    """``data`` (or what it makes: big inputs are made when the case runs) as ``name`` beside two good
    reports: the folder, or (``named``) the file and the reports."""
    def build(base: Path) -> list[str]:
        folder = base / "in"
        _good(folder)
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data() if callable(data) else data)
        if named:
            return [str(path), str(folder / "report-0.txt"), str(folder / "report-1.txt")]
        return [str(folder)]
    return build


def _loose(name: str, build: Callable[[Path], list[str]], **kw: object) -> Case:
    return Case(name, build, new=2, loose=True, **kw)  # type: ignore[arg-type]


# ---- text encodings

def _encodings() -> list[Case]:
    text = UK
    made = {
        "cp1251": text.encode("cp1251"), "koi8-u": text.encode("koi8_u"), "utf-16le-nobom": text.encode("utf-16-le"),
        "utf-16be-bom": b"\xfe\xff" + text.encode("utf-16-be"), "utf-32-bom": text.encode("utf-32"),
        "utf-8-bom": b"\xef\xbb\xbf" + text.encode(), "only-bom": b"\xef\xbb\xbf", "empty": b"",
        "whitespace": b" \n\t\r\n" * 100, "invalid-middle": text.encode()[:40] + b"\xff\xfe\xc0" + text.encode()[40:],
        "overlong-utf8": b"\xc0\xaf\xe0\x80\xaf" + text.encode(), "cesu-surrogates": b"\xed\xa0\x80\xed\xb0\x80" * 20,
        "nul-at-end": text.encode() + b"\x00", "nul-every-other": bytes(b for c in text.encode() for b in (c, 0)),
        "escape-sequences": b"\x1b[2J\x1b]0;title\x07" + text.encode(), "form-feeds": b"\x0c\x0b" * 500 + text.encode(),
        "zero-width": "\u200b\u200d\ufeff".join(text).encode(), "rtl-override": ("\u202e" + text).encode(),
        "zalgo": "".join(c + "\u0301\u0316\u0334" * 20 for c in text[:200]).encode(),
        "long-word-200k": b"a" * 200_000 + b" " + text.encode(), "newlines-200k": b"\n" * 200_000 + text.encode(),
        "latin1-mojibake": text.encode().decode("latin-1").encode(), "mac-cyrillic": text.encode("mac_cyrillic"),
        "gb18030": "北京 2025年10月28日 一名男子被拘留。".encode("gb18030"),
        "random-bytes": random.Random(SEED).randbytes(4096),
        "utf7": text.encode("utf-7"), "mixed-cp1251-utf8": text.encode("cp1251") + text.encode(),
        "cr-only": text.replace("\n", "\r").encode() * 50, "private-use": ("\ue000" * 500 + text).encode(),
        "noncharacters": ("\ufffe\uffff" * 100 + text).encode("utf-8", "surrogatepass"),
    }
    return [_loose(f"text-{name}", _file(f"{name}.txt", data)) for name, data in made.items()]


# ---- HTML

def _html_cases() -> list[Case]:
    page = "<p>" + UK + "</p>"
    secret_url = "file://{outside}/secret.txt"
    made: dict[str, str | bytes] = {
        "lying-charset": '<meta charset="koi8-r">' + page,
        "utf16-declared-utf8-bytes": '<?xml version="1.0" encoding="utf-16"?><html>' + page,
        "no-body": "<html><head><title>x</title></head></html>",
        "nested-divs-20000": "<div>" * 20_000 + page + "</div>" * 20_000,
        "unclosed-tags": "<p><b><i><a href=x>" * 2000 + UK,
        "script-only": "<script>" + "var a=1;" * 20_000 + "</script>",
        "huge-attribute": '<div title="' + "x" * 2_000_000 + '">' + page + "</div>",
        "entity-flood": "&amp;" * 300_000 + page,
        "numeric-entities-bad": "&#0;&#xD800;&#x110000;&#99999999999;" * 100 + page,
        "nul-bytes": ("<p>\x00" + UK + "\x00</p>").encode(),
        "unclosed-comment": "<!-- " + page,
        "cdata-svg": "<svg><![CDATA[" + UK + "]]></svg>" + page,
        "iframe-srcdoc": '<iframe srcdoc="<p>inside</p>"></iframe>' + page,
        "meta-refresh-file": '<meta http-equiv="refresh" content="0; url=' + secret_url + '">' + page,
        "img-file-src": '<img src="' + secret_url + '">' + page,
        "base-href-file": '<base href="file:///etc/">' + page,
        "frameset": '<frameset><frame src="' + secret_url + '"></frameset>',
        "binary-as-html": bytes(range(256)) * 10,
        "empty-html": b"",
        "many-paragraphs": "".join(f"<p>{i} {UK}</p>" for i in range(3000)),
        "broken-utf8-meta-utf8": b'<meta charset="utf-8"><p>' + UK.encode("cp1251") + b"</p>",
        "template-and-noscript": "<template>" + page + "</template><noscript>" + page + "</noscript>",
        "deep-tables": "<table><tr><td>" * 5000 + UK,
        "style-bomb": "<style>" + "a{}" * 300_000 + "</style>" + page,
        "xml-stylesheet-pi": '<?xml-stylesheet href="' + secret_url + '"?>' + page,
    }
    cases = []
    for name, body in made.items():
        def build(base: Path, body: str | bytes = body, name: str = name) -> list[str]:
            outside = _outside(base)
            data = body if isinstance(body, bytes) else body.replace("{outside}", str(outside)).encode()
            return _file(f"{name}.html", data)(base)
        cases.append(_loose(f"html-{name}", build, secret=True))
    return cases


# ---- PDFs and Word files

def _pdf(body: bytes) -> bytes:
    return b"%PDF-1.4\n" + body


def _pdf_cases() -> list[Case]:
    stream = b"BT /F1 12 Tf 72 712 Td (Odesa 28 October: a man was detained) Tj ET"
    minimal = _pdf(b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
                   b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj 4 0 obj<</Length "
                   + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream endobj trailer<</Root 1 0 R>>")
    made: dict[str, Data] = {
        "header-only": b"%PDF-1.4", "garbage": _pdf(random.Random(SEED).randbytes(8000)), "zero": b"",
        "text-named-pdf": UK.encode(), "huge-length": _pdf(b"1 0 obj<</Length 99999999999>>stream\nabc"),
        "xref-loop": _pdf(b"xref\n0 1\n0000000000 65535 f \ntrailer<</Prev 9>>startxref\n9\n%%EOF"),
        "minimal": minimal, "truncated-minimal": minimal[: len(minimal) // 2],
        "encrypt-trailer": minimal.replace(b"trailer<<", b"trailer<</Encrypt 9 0 R "),
        "nested-arrays": _pdf(b"1 0 obj" + b"[" * 50_000 + b"]" * 50_000 + b"endobj"),
        "flate-bomb": lambda: _pdf(b"1 0 obj<</Filter/FlateDecode/Length 0>>stream\n"
                                   + zlib.compress(b"\0" * 60_000_000) + b"\nendstream endobj"),
    }
    return [_loose(f"pdf-{name}", _file(f"{name}.pdf", data)) for name, data in made.items()]


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def _docx_cases() -> list[Case]:
    doc = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body><w:p><w:r><w:t>" + UK + "</w:t></w:r></w:p></w:body></w:document>").encode()
    laughs = ('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]><w:document><w:t>&i;</w:t></w:document>").encode()
    made: dict[str, Data] = {
        "no-document": _zip({"other.xml": b"<x/>"}), "plain-zip": _zip({"a.txt": UK.encode()}),
        "good": _zip({"word/document.xml": doc}), "billion-laughs": _zip({"word/document.xml": laughs}),
        "xxe": _zip({"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                     b"<w:document><w:t>&x;</w:t></w:document>"}),
        "zip-bomb-100mb": lambda: _zip({"word/document.xml": b"<w:t>" + b" " * 100_000_000 + b"</w:t>"}),
        "truncated": _zip({"word/document.xml": doc})[:100], "not-zip": UK.encode(),
        "deep-xml": _zip({"word/document.xml": b"<a>" * 100_000 + b"</a>" * 100_000}),
    }
    return [_loose(f"docx-{name}", _file(f"{name}.docx", data)) for name, data in made.items()]


# ---- gzip, named on its own

def _gz_cases() -> list[Case]:
    good = gzip.compress(UK.encode())
    made: dict[str, Data] = {
        "truncated": good[:-6], "binary-inside": gzip.compress(bytes(range(256)) * 40),
        "bomb-200mb": lambda: gzip.compress(b"\n" * 200_000_000, compresslevel=9),
        "two-members": good + gzip.compress(b"more\n"),
        "bad-crc": good[:-8] + b"\0\0\0\0" + good[-4:], "empty-inside": gzip.compress(b""), "not-gzip": UK.encode(),
        "trailing-garbage": good + b"garbage!", "header-only": good[:10],
    }
    return [_loose(f"gz-{name}", _file(f"{name}.txt.gz", data, named=True)) for name, data in made.items()]


# ---- feeds, named on their own

def _feed_cases() -> list[Case]:
    item = "<item><title>Одеса</title><link>https://example.org/1</link><description>" + UK + "</description></item>"
    rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{}</channel></rss>'
    made = {
        "billion-laughs": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + "a" * 100 + '">' + "".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
            + ']><rss version="2.0"><channel><item><description>&i;</description></item></channel></rss>',
        "xxe-secret": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{outside}/secret.txt">]>'
                      '<rss version="2.0"><channel><item><description>&x;</description></item></channel></rss>',
        "doctype": "<!DOCTYPE rss>" + rss.format(item), "items-1000-empty": rss.format("<item></item>" * 1000),
        "bad-dates": rss.format(item.replace("<title>", "<pubDate>99 Foo 0000 99:99</pubDate><title>")),
        "no-link": rss.format(item.replace("<link>https://example.org/1</link>", "")),
        "huge-item": rss.format(item.replace(UK, UK * 20_000)), "invalid-xml": rss.format(item)[:-30] + "<<<",
        "html-not-feed": "<html><body>" + UK + "</body></html>", "empty": "",
        "atom-bad": '<feed xmlns="http://www.w3.org/2005/Atom"><entry><updated>never</updated><content>' + UK
                    + "</content></entry>",
        "link-file-secret": rss.format(item.replace("https://example.org/1", "file://{outside}/secret.txt")),
        "deep-nesting": rss.format("<item>" + "<x>" * 50_000 + "</x>" * 50_000 + "</item>"),
        "cdata-script": rss.format(item.replace(UK, "<![CDATA[<script>alert(1)</script>" + UK + "]]>")),
    }
    cases = []
    for name, body in made.items():
        def build(base: Path, body: str = body, name: str = name) -> list[str]:
            outside = _outside(base)
            return _file(f"{name}.xml", body.replace("{outside}", str(outside)).encode(), named=True)(base)
        cases.append(_loose(f"feed-{name}", build, secret=True))
    return cases


# ---- Telegram exports, fuzzed

def _telegram_fuzz(n: int) -> list[Case]:
    rng = random.Random(SEED)
    doc = _export([_message(i, REPORTS[i % 3].strip() + f" #{i}") for i in range(1, 9)]).encode()
    cases = []
    for i in range(n):
        data = bytearray(doc)
        how = ("flip", "cut", "insert", "delete", "swap")[i % 5]
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(data))
            if how == "flip":
                data[at] = rng.randrange(256)
            elif how == "cut":
                del data[rng.randrange(len(data) // 2, len(data)):]
                break
            elif how == "insert":
                data[at:at] = rng.choice([b"{", b"[", b'"', b"\\", b",", b"\xff", b"\x00", b"}", b"]]]", b'"id":'])
            elif how == "delete":
                del data[at:at + rng.randint(1, 12)]
            else:
                other = rng.randrange(len(data))
                data[at], data[other] = data[other], data[at]

        def build(base: Path, data: bytes = bytes(data)) -> list[str]:
            folder = base / "in"
            _good(folder)
            (folder / "channel").mkdir()
            (folder / "channel" / "result.json").write_bytes(data)
            return [str(folder)]
        cases.append(_loose(f"telegram-fuzz-{how}-{i:02d}", build))
    return cases


def _telegram_shapes() -> list[Case]:
    def export(items: list[object]) -> bytes:
        return json.dumps({"name": "K", "type": "public_channel", "id": 1, "messages": items}).encode()
    made = {
        "text-entities": export([{**_message(1, ""), "text": [{"type": "bold", "text": UK}, UK, 42, None]}]),
        "text-is-object": export([{**_message(1, ""), "text": {"x": 1}}]),
        "date-garbage": export([{**_message(1, UK), "date": "yesterday", "date_unixtime": "x"}]),
        "id-negative": export([{**_message(-5, UK)}]), "id-float": export([{**_message(1, UK), "id": 1.5}]),
        "id-string": export([{**_message(1, UK), "id": "one"}]), "duplicate-ids": export([_message(1, UK)] * 50),
        "messages-not-list": json.dumps({"name": "K", "messages": {"a": 1}}).encode(),
        "media-path-escape": export([{**_message(1, UK), "photo": "../../../../etc/passwd",
                                      "file": "/etc/passwd"}]),
        "media-missing": export([{**_message(1, UK), "photo": "photos/none.jpg"}]),
        "service-only": export([{"id": 1, "type": "service", "action": "pin_message"}] * 20),
        "empty-messages": export([]), "huge-from": export([{**_message(1, UK), "from": "x" * 1_000_000}]),
    }
    return [_loose(f"telegram-{name}", _file("channel/result.json", data)) for name, data in made.items()]


# ---- names

def _names() -> list[Case]:
    made = {
        "long-255": "n" * 251 + ".txt", "spaces-only": "   .txt", "leading-dash": "-rf --help.txt",
        "backslash": "a\\b\\c.txt", "percent-format": "%s%n%x.txt", "dotdot": "..txt", "hidden": ".hidden.txt",
        "nfd": "й.txt".replace("й", "и\u0306"), "emoji": "😀🔥.txt", "uppercase-suffix": "REPORT.TXT",
        "double-suffix": "report.pdf.txt", "glob-chars": "*?[].txt",
    }
    return [_loose(f"name-{name}", _file(filename, UK.encode())) for name, filename in made.items()]


# ---- hostile HTTP servers on loopback (a thread of the test's process, alive while the ingest runs)

Answer = Callable[[socket.socket], None]


def _serve(answer: Answer) -> str:
    """A loopback server answering every connection with ``answer``; its URL."""
    server = socket.create_server(("127.0.0.1", 0))

    def loop() -> None:
        while True:
            conn, _ = server.accept()
            threading.Thread(target=_answer, args=(conn, answer), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()
    return f"http://127.0.0.1:{server.getsockname()[1]}/report.html"


def _answer(conn: socket.socket, answer: Answer) -> None:
    with conn:
        try:
            conn.recv(65536)
            answer(conn)
        except OSError:
            pass


def _reply(status: str, body: bytes, *headers: str) -> Answer:
    def answer(conn: socket.socket) -> None:
        head = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Connection: close", *headers]
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)
    return answer


def _drip(conn: socket.socket) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
        conn.sendall(bytes([byte]))
        time.sleep(0.2)


def _endless(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
    while True:
        conn.sendall(UK.encode() * 1000)


def _cut(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nContent-Type: text/plain\r\n\r\n" + UK.encode())


def _http_cases() -> list[Case]:
    bomb = gzip.compress(b" " * 50_000_000)
    answers: dict[str, Answer] = {
        "500-with-body": _reply("500 Internal Server Error", b"<p>" + UK.encode() + b"</p>", "Content-Type: text/html"),
        "drip-headers": _drip, "endless-body": _endless, "cut-mid-body": _cut,
        "redirect-loop": _reply("302 Found", b"", "Location: /report.html"),
        "redirect-file": _reply("302 Found", b"", "Location: file:///etc/passwd"),
        "gzip-bomb": _reply("200 OK", bomb, "Content-Encoding: gzip", "Content-Type: text/html"),
        "bad-encoding": _reply("200 OK", b"not gzip at all", "Content-Encoding: gzip", "Content-Type: text/plain"),
        "garbage-status": lambda conn: conn.sendall(b"HELLO THERE\r\n\r\n" + UK.encode()),
        "huge-header": _reply("200 OK", UK.encode(), "X-Big: " + "b" * 200_000, "Content-Type: text/plain"),
        "binary-as-html": _reply("200 OK", bytes(range(256)) * 20, "Content-Type: text/html; charset=utf-8"),
        "close-at-once": lambda conn: None,
    }
    cases = []
    for name, answer in answers.items():
        def build(base: Path, answer: Answer = answer) -> list[str]:
            folder = base / "in"
            _good(folder)
            return [_serve(answer), str(folder / "report-0.txt"), str(folder / "report-1.txt")]
        cases.append(_loose(f"http-{name}", build, env={"LETOPIS_TIMEOUT_S": "1", "LETOPIS_MAX_FILE_MB": "1"}))
    return cases


def generated_cases() -> list[Case]:
    """Every kind's cases, taken in turn (so a run cut short has tried every kind)."""
    kinds = [_encodings(), _html_cases(), _pdf_cases(), _docx_cases(), _gz_cases(), _feed_cases(),
             _telegram_shapes(), _telegram_fuzz(40), _names(), _http_cases()]
    return [case for turn in itertools.zip_longest(*kinds) for case in turn if case is not None]


__all__ = ["generated_cases", "SECRET"]
