"""A real RFC 3161 time-stamping authority on 127.0.0.1, made in the test (it stands in for the outside network).

:func:`make_authority` generates a CA (EC P-256) and a TSA certificate it
issues (RSA 2048, extended key usage ``timeStamping``, critical) with
``cryptography``; :func:`serving` answers ``application/timestamp-query``
POSTs over HTTP with a ``TimeStampResp`` whose token is CMS signed data over
a ``TSTInfo``: the request's imprint and nonce, a serial, the time, the
signed attributes RFC 3161 and RFC 5816 ask for (content type, message
digest, ESS signing-certificate v2) and the TSA's certificate when the
request asks for it. ``openssl ts -verify`` accepts its tokens
(``test_timestamp.py`` checks that, so the fake is a real authority and not
one shaped after Letopis's reader). Every request is recorded (its target,
which is the absolute URL when it came through a proxy).
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

POLICY = "1.3.6.1.4.1.55555.1.1"


@dataclass
class Authority:
    ca_key: Any
    ca: x509.Certificate
    key: Any
    certificate: x509.Certificate
    serials: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def ca_pem(self) -> bytes:
        return self.ca.public_bytes(serialization.Encoding.PEM)

    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_authority(name: str = "Loopback TSA", *, eku: bool = True) -> Authority:
    """A CA and a TSA certificate issued by it (without the timeStamping usage when ``eku`` is false)."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name(f"{name} Root CA")).issuer_name(_name(f"{name} Root CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    usage = [ExtendedKeyUsageOID.TIME_STAMPING] if eku else [ExtendedKeyUsageOID.CODE_SIGNING]
    certificate = (x509.CertificateBuilder().subject_name(_name(name)).issuer_name(ca.subject)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
                   .add_extension(x509.ExtendedKeyUsage(usage), critical=True)
                   .sign(ca_key, hashes.SHA256()))
    return Authority(ca_key, ca, key, certificate)


def reply(authority: Authority, request_der: bytes) -> bytes:
    """A granted ``TimeStampResp`` (DER) to a DER ``TimeStampReq``."""
    from asn1crypto import cms, tsp, x509 as asn1_x509

    request = tsp.TimeStampReq.load(request_der)
    info: dict[str, Any] = {"version": "v1", "policy": POLICY, "message_imprint": request["message_imprint"],
                            "serial_number": next(authority.serials),
                            "gen_time": datetime.now(UTC).replace(microsecond=0), "accuracy": {"seconds": 1}}
    if request["nonce"].native is not None:
        info["nonce"] = request["nonce"].native
    tst = tsp.TSTInfo(info)
    certificate_der = authority.certificate.public_bytes(serialization.Encoding.DER)
    certificate = asn1_x509.Certificate.load(certificate_der)
    attributes = cms.CMSAttributes([
        {"type": "content_type", "values": ["tst_info"]},
        {"type": "message_digest", "values": [hashlib.sha256(tst.dump()).digest()]},
        {"type": "signing_certificate_v2",
         "values": [{"certs": [{"cert_hash": hashlib.sha256(certificate_der).digest()}]}]},
    ])
    signature = authority.key.sign(attributes.dump(), padding.PKCS1v15(), hashes.SHA256())
    signer = cms.SignerInfo({
        "version": "v1",
        "sid": {"issuer_and_serial_number": {"issuer": certificate.issuer,
                                             "serial_number": certificate.serial_number}},
        "digest_algorithm": {"algorithm": "sha256"}, "signed_attrs": attributes,
        "signature_algorithm": {"algorithm": "sha256_rsa"}, "signature": signature,
    })
    signed = cms.SignedData({
        "version": "v3", "digest_algorithms": [{"algorithm": "sha256"}],
        "encap_content_info": {"content_type": "tst_info", "content": tst},
        "certificates": [certificate] if request["cert_req"].native else [],
        "signer_infos": [signer],
    })
    token = cms.ContentInfo({"content_type": "signed_data", "content": signed})
    return bytes(tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token}).dump())


@dataclass
class Served:
    url: str
    requests: list[str] = field(default_factory=list)  # each request's target (absolute when through a proxy)


@contextmanager
def serving(authority: Authority) -> Iterator[Served]:
    """Answer RFC 3161 requests on 127.0.0.1 (any path) until the block ends."""
    served = Served("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
            served.requests.append(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.headers.get("Content-Type") != "application/timestamp-query":
                self.send_error(415)
                return
            answer = reply(authority, body)
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.url = f"http://127.0.0.1:{server.server_address[1]}/tsa"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
