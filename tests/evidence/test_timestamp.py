"""RFC 3161 time-stamps of the custody log's head: `letopis log anchor` with tsa_url, `log verify --anchor` offline.

The authority is a real one on loopback (``tsa_server.py``: certificates made
here with ``cryptography``, requests answered over HTTP); ``openssl ts
-verify`` checks its tokens independently of Letopis's reader.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.evidence.tsa_server import Authority, make_authority, serving

Letopis = Callable[..., subprocess.CompletedProcess]


@pytest.fixture(scope="module")
def authority() -> Authority:
    return make_authority()


@pytest.fixture
def letopis(tmp_path: Path) -> Letopis:
    """`letopis ARGS` on a fresh SQLite store whose log holds an entry; keyword arguments are settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LETOPIS_") or k == "LETOPIS_CACHE"}
    env.update(LETOPIS_DATA=str(tmp_path / "data"), LETOPIS_COLLECTOR="tester")

    def run(*args: str, **settings: str | Path) -> subprocess.CompletedProcess:
        extra = {f"LETOPIS_{name.upper()}": str(value) for name, value in settings.items()}
        return subprocess.run([sys.executable, "-m", "letopis.cli", *args], env={**env, **extra},
                              capture_output=True, timeout=300)

    for args in (("init",), ("verify",)):  # verify appends its custody entry: the head to anchor
        assert run(*args).returncode == 0
    return run


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _receipt(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _token(path: Path) -> bytes:
    return base64.b64decode(_receipt(path)["rfc3161"]["token"])


def _with_token(path: Path, token: bytes) -> None:
    receipt = _receipt(path)
    receipt["rfc3161"]["token"] = base64.b64encode(token).decode()
    path.write_text(json.dumps(receipt), encoding="utf-8")


def _anchor(letopis: Letopis, receipt: Path, **settings: str | Path) -> subprocess.CompletedProcess:
    return letopis("log", "anchor", "-o", str(receipt), **settings)


def test_the_head_is_time_stamped_and_verified_offline(letopis, authority, tmp_path):
    ca = _write(tmp_path / "ca.pem", authority.ca_pem())
    plain, receipt = tmp_path / "plain.json", tmp_path / "anchor.json"
    with serving(authority) as tsa:
        unasked = _anchor(letopis, plain, tsa_ca=ca)  # tsa_url not set (the default): no authority is asked
        assert unasked.returncode == 0 and unasked.stderr == b"" and "rfc3161" not in _receipt(plain)
        assert tsa.requests == []
        made = _anchor(letopis, receipt, tsa_url=tsa.url, tsa_ca=ca)
        assert made.returncode == 0, made.stderr.decode()
        assert len(tsa.requests) == 1
        assert "time-stamped" in made.stdout.decode() and "Loopback TSA" in made.stdout.decode()
        checked = letopis("log", "verify", "--anchor", str(receipt), tsa_url=tsa.url, tsa_ca=ca)
        assert len(tsa.requests) == 1  # verifying asked nobody
    out = checked.stdout.decode()
    assert checked.returncode == 0, out
    assert "custody log: ok" in out and "issued by the trusted CA CN=Loopback TSA Root CA" in out
    without_ca = letopis("log", "verify", "--anchor", str(receipt))
    assert without_ca.returncode == 0 and "not checked against a CA" in without_ca.stdout.decode()

    # The token stamps the head's hash, as an independent reader (OpenSSL) sees it too.
    head = _receipt(receipt)["hash"]
    token = _write(tmp_path / "token.der", _token(receipt))
    untrusted = _write(tmp_path / "tsa.pem", authority.certificate_pem())
    openssl = subprocess.run(["openssl", "ts", "-verify", "-digest", head, "-in", str(token), "-token_in",
                              "-CAfile", str(ca), "-untrusted", str(untrusted)], capture_output=True, timeout=60)
    assert b"Verification: OK" in openssl.stdout, openssl.stderr.decode()


def test_a_token_of_another_head_is_refused(letopis, authority, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    with serving(authority) as tsa:
        assert _anchor(letopis, first, tsa_url=tsa.url).returncode == 0
        assert letopis("verify").returncode == 0  # a new head
        assert _anchor(letopis, second, tsa_url=tsa.url).returncode == 0
    _with_token(first, _token(second))
    checked = letopis("log", "verify", "--anchor", str(first))
    assert checked.returncode == 1
    [line] = checked.stdout.decode().splitlines()
    assert line.startswith(f"anchor-timestamp: anchor seq {_receipt(first)['seq']}: the token stamps another hash")


@pytest.mark.parametrize("tamper, says", [
    (lambda token: token.replace(b"\x18\x0f20", b"\x18\x0f19", 1),  # gen_time moved back a century
     "the TSTInfo does not match the digest its signature covers"),
    (lambda token: token[:-1] + bytes([token[-1] ^ 1]),  # the signature's last byte
     "the TSA's signature does not verify with the certificate in the token"),
], ids=["backdated", "signature"])
def test_a_tampered_token_is_refused(letopis, authority, tmp_path, tamper, says):
    receipt = tmp_path / "anchor.json"
    with serving(authority) as tsa:
        assert _anchor(letopis, receipt, tsa_url=tsa.url).returncode == 0
    token = _token(receipt)
    altered = tamper(token)
    assert altered != token and len(altered) == len(token)
    _with_token(receipt, altered)
    checked = letopis("log", "verify", "--anchor", str(receipt))
    assert checked.returncode == 1 and "Traceback" not in checked.stderr.decode()
    [line] = checked.stdout.decode().splitlines()
    assert line.startswith("anchor-timestamp: ") and says in line, line


def test_another_ca_is_refused(letopis, authority, tmp_path):
    other = _write(tmp_path / "other-ca.pem", make_authority("Another TSA").ca_pem())
    stamped, refused = tmp_path / "stamped.json", tmp_path / "refused.json"
    with serving(authority) as tsa:
        assert _anchor(letopis, stamped, tsa_url=tsa.url).returncode == 0
        # Anchoring checks the token as verify will: one that does not chain to tsa_ca is not kept.
        made = _anchor(letopis, refused, tsa_url=tsa.url, tsa_ca=other)
    assert made.returncode == 1 and "rfc3161" not in _receipt(refused)
    [warning] = made.stderr.decode().splitlines()
    assert warning.startswith(f"letopis: warning: no time-stamp from {tsa.url}: the TSA's certificate")
    checked = letopis("log", "verify", "--anchor", str(stamped), tsa_ca=other)
    assert checked.returncode == 1
    [line] = checked.stdout.decode().splitlines()
    assert line == (f"anchor-timestamp: anchor seq {_receipt(stamped)['seq']}: the TSA's certificate "
                    "(CN=Loopback TSA) is not issued by the trusted CA in tsa_ca (CN=Another TSA Root CA)")


def test_a_certificate_not_for_time_stamping_is_refused(letopis, tmp_path):
    receipt = tmp_path / "anchor.json"
    with serving(make_authority("Signing Only", eku=False)) as tsa:
        made = _anchor(letopis, receipt, tsa_url=tsa.url)
    assert made.returncode == 1 and "rfc3161" not in _receipt(receipt)
    assert "is not one for time-stamping" in made.stderr.decode()


def test_an_unreachable_authority_leaves_the_receipt_without_a_token(letopis, tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    receipt = tmp_path / "anchor.json"
    made = _anchor(letopis, receipt, tsa_url=f"http://127.0.0.1:{port}/tsa", timeout_s=2)
    assert made.returncode == 1
    [warning] = made.stderr.decode().splitlines()
    assert warning.startswith(f"letopis: warning: no time-stamp from http://127.0.0.1:{port}/tsa: cannot reach")
    assert warning.endswith("the receipt was written without one")
    assert made.stdout.decode().startswith("anchored seq ")
    assert "rfc3161" not in _receipt(receipt)
    checked = letopis("log", "verify", "--anchor", str(receipt))
    assert checked.returncode == 0 and "time-stamped" not in checked.stdout.decode()


def test_the_authority_is_asked_through_the_proxy(letopis, authority, tmp_path):
    """With ``proxy`` set the request goes to the proxy, which is given the authority's name to resolve."""
    receipt = tmp_path / "anchor.json"
    with serving(authority) as proxy:  # the fake answers as the authority behind the proxy would
        base = proxy.url.rsplit("/", 1)[0]
        made = _anchor(letopis, receipt, tsa_url="http://tsa.invalid/stamp", proxy=base)
    assert made.returncode == 0, made.stderr.decode()
    assert proxy.requests == ["http://tsa.invalid/stamp"]
    assert _receipt(receipt)["rfc3161"]["tsa_url"] == "http://tsa.invalid/stamp"



def test_no_change_to_a_token_makes_it_say_something_else(authority):
    """Every byte of a token changed (three ways): refused with a TimestampError, or (a byte CMS leaves unsigned,
    such as its list of digest algorithms) accepted saying exactly what the token said; never another error."""
    import hashlib

    from letopis.errors import TimestampError
    from letopis.evidence.timestamp import check_token, timestamp_request, token_of_response
    from tests.evidence.tsa_server import reply

    digest = hashlib.sha256(b"a head").digest()
    token = token_of_response(reply(authority, timestamp_request(digest, 7)), 7)
    stamp = check_token(token, digest, authority.ca)
    refused = 0
    for at in range(len(token)):
        for flip in (0x01, 0x80, 0xFF):
            altered = bytearray(token)
            altered[at] ^= flip
            try:
                assert check_token(bytes(altered), digest, authority.ca) == stamp, f"byte {at} ^ {flip:#x}"
            except TimestampError:
                refused += 1
    for end in range(0, len(token), 50):
        with pytest.raises(TimestampError):
            check_token(token[:end], digest, authority.ca)
    assert refused > 0.9 * 3 * len(token)
