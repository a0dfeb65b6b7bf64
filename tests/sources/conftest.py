from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def assert_provenance(capture) -> None:
    """What every capture must carry, failed or not."""
    assert capture.started_at.tzinfo is not None and capture.started_at.utcoffset().total_seconds() == 0
    assert capture.finished_at.tzinfo is not None and capture.finished_at.utcoffset().total_seconds() == 0
    assert capture.finished_at >= capture.started_at
    assert capture.tool.startswith("letopis/0.1.0")
    assert capture.method
    assert capture.locator
    if capture.published is not None:
        assert capture.published.tzinfo is not None
        assert capture.published.utcoffset() == UTC.utcoffset(None)
    if capture.error is not None:
        assert "\n" not in capture.error
        assert not capture.text


def image_only_pdf(shade: int = 128) -> bytes:
    """A one-page PDF that only paints a 2x2 grey image: what a scanner makes, with no text operator at all."""
    pixels = bytes([shade, 255 - shade, shade, 255 - shade])
    content = b"q 300 0 0 300 100 400 cm /Scan Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Scan 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length 4 >>\nstream\n" + pixels + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def docx_bytes(paragraphs: list[str], *, table: list[list[str]] | None = None, title: str | None = None) -> bytes:
    """A minimal Word document written by hand (the parts Word needs to open it), with our own text."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def para(text: str) -> str:
        runs = []
        for n, line in enumerate(text.split("\n")):
            if n:
                runs.append("<w:r><w:br/></w:r>")
            for m, part in enumerate(line.split("\t")):
                if m:
                    runs.append("<w:r><w:tab/></w:r>")
                runs.append(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
        return "<w:p>" + "".join(runs) + "</w:p>"

    body = "".join(para(p) for p in paragraphs)
    if table:
        rows = "".join("<w:tr>" + "".join(f"<w:tc>{para(cell)}</w:tc>" for cell in row) + "</w:tr>" for row in table)
        body += f"<w:tbl>{rows}</w:tbl>"
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}"><w:body>{body}' \
               '</w:body></w:document>'
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
        '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
        'document.main+xml"/>'
        + ('<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
           'core-properties+xml"/>' if title else "")
        + "</Types>")
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="word/document.xml"/>'
        + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
           'metadata/core-properties" Target="docProps/core.xml"/>' if title else "")
        + "</Relationships>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
        if title:
            archive.writestr("docProps/core.xml", (
                '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats'
                '.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:title>{escape(title)}</dc:title><dc:creator>Letopis tests</dc:creator></cp:coreProperties>"))
    return buffer.getvalue()


def telegram_html_page(channel: str, messages: list[str], *, next_page: str | None = None) -> str:
    """One page of a Telegram Desktop HTML export, in its layout, around the given message blocks."""
    more = f'<a class="pagination block_link" href="{next_page}">Next messages</a>' if next_page else ""
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8"/>\n<title>Exported Data</title>\n'
        '<link href="css/style.css" rel="stylesheet"/>\n</head>\n<body onload="CheckLocation();">\n'
        '<div class="page_wrap">\n<div class="page_header"><div class="content"><div class="text bold">\n'
        f"{channel}\n</div></div></div>\n"
        '<div class="page_body chat_page">\n<div class="history">\n' + "\n".join(messages)
        + f"\n{more}\n</div>\n</div>\n</div>\n</body>\n</html>\n"
    )


def telegram_html_message(number: int, when: str, text_html: str, *, sender: str | None = "Хроніка ТЦК",
                          joined: bool = False, extra: str = "") -> str:
    """A ``div.message`` block; ``when`` is the date's title, e.g. '05.03.2025 14:22:10 UTC+03:00'."""
    classes = "message default clearfix" + (" joined" if joined else "")
    name = f'<div class="from_name">\n{sender}\n</div>\n' if sender and not joined else ""
    return (
        f'<div class="{classes}" id="message{number}">\n'
        '<div class="pull_left userpic_wrap"><div class="userpic userpic3"><div class="initials">Х</div></div></div>\n'
        f'<div class="body">\n<div class="pull_right date details" title="{when}">\n{when[11:16]}\n</div>\n'
        f'{name}{extra}<div class="text">\n{text_html}\n</div>\n</div>\n</div>'
    )


def telegram_html_service(number: int, text: str) -> str:
    return f'<div class="message service" id="message-{number}">\n<div class="body details">\n{text}\n</div>\n</div>'
