"""RFC 3161 time-stamps of the custody log's head: the request, and the token's check, offline.

A time-stamping authority (TSA) signs that it saw a hash at a time. The hash
Letopis has stamped is the log head's own ``hash`` (the SHA-256 that chains
the entry, :mod:`letopis.evidence.custody`): the token's message imprint is
those 32 bytes, so the token proves that the entry existed, as it is, no
later than the TSA's time. The token (a CMS ``SignedData`` over a
``TSTInfo``, RFC 3161 §2.4.2) is kept in the anchor receipt and checked
without any network (:func:`check_token`):

1. it is a signed token of a ``TSTInfo``, with one signer;
2. the imprint is SHA-256 of the receipt's hash;
3. the signer's certificate is in the token, named by the signer's id and by
   the ESS signing-certificate attribute;
4. the signed attributes name the ``TSTInfo`` and hold its digest, and the
   signature over them verifies with that certificate's key;
5. the certificate is one for time-stamping (extended key usage
   ``timeStamping``), valid at the stamp's time;
6. with a trusted CA certificate (setting ``tsa_ca``): the signer's
   certificate was issued by it, directly or through intermediates the token
   carries (each signature checked, each valid at the stamp's time).

Without step 6 the token proves only that whoever holds the key of the
certificate in it signed the time, which anyone can make: the trusted CA is
what ties it to an authority. ASN.1 is parsed and built with asn1crypto;
signatures and certificates are checked with ``cryptography``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from letopis.errors import ConfigError, TimestampError

__all__ = ["Stamp", "timestamp_request", "token_of_response", "check_token", "load_certificate"]

_DIGESTS = {"sha256": "SHA256", "sha384": "SHA384", "sha512": "SHA512"}  # signature digests accepted
_MAX_CHAIN = 8


@dataclass(frozen=True)
class Stamp:
    """What a token that checked says."""

    gen_time: datetime  # the TSA's time (UTC)
    serial: int
    policy: str  # the TSA's policy OID
    tsa: str  # its certificate's subject (RFC 4514)
    ca: str | None  # the trusted CA's subject it chains to; None when no CA was given

    def describe(self) -> str:
        when = self.gen_time.strftime("%Y-%m-%dT%H:%M:%SZ")
        trust = f"certificate issued by the trusted CA {self.ca}" if self.ca else \
            "certificate not checked against a CA: set tsa_ca"
        return f"time-stamped {when} by {self.tsa} (serial {self.serial}; {trust})"


def timestamp_request(digest: bytes, nonce: int) -> bytes:
    """A DER ``TimeStampReq`` for a SHA-256 ``digest``, asking for the TSA's certificate in the token."""
    from asn1crypto import tsp

    return tsp.TimeStampReq({
        "version": "v1",
        "message_imprint": {"hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest},
        "nonce": nonce,
        "cert_req": True,
    }).dump()


def token_of_response(response: bytes, nonce: int) -> bytes:
    """The token (DER ``ContentInfo``) of a DER ``TimeStampResp``: granted, and answering our ``nonce``."""
    from asn1crypto import tsp

    try:
        parsed = tsp.TimeStampResp.load(response)
        status = parsed["status"]["status"].native
        if status not in ("granted", "granted_with_mods"):
            text = parsed["status"]["status_string"].native
            raise TimestampError(f"the authority refused: {status}" + (f" ({'; '.join(text)})" if text else ""))
        token = parsed["time_stamp_token"]
        if not token:
            raise TimestampError("the authority's answer holds no token")
        info = token["content"]["encap_content_info"]["content"].parsed
        if info["nonce"].native != nonce:
            raise TimestampError("the token does not answer this request (its nonce differs)")
        return bytes(token.dump())
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise TimestampError(f"the authority's answer is not an RFC 3161 response ({_first_line(error)})") from None


def load_certificate(path: Path) -> Any:
    """A certificate (PEM or DER) from ``path``, for ``tsa_ca``; a clear :class:`ConfigError` otherwise."""
    from cryptography import x509

    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"tsa_ca: cannot read {path}: {error.strerror or type(error).__name__}") from None
    try:
        return x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
    except ValueError:
        raise ConfigError(f"tsa_ca: {path} is not a certificate (PEM or DER)") from None


def check_token(token: bytes, digest: bytes, trusted: Any = None) -> Stamp:
    """Check a DER token against the SHA-256 ``digest`` it must stamp (and a trusted CA certificate, if given).

    Raises :class:`TimestampError` with one line naming what failed."""
    from cryptography.x509 import InvalidVersion

    try:
        return _check(token, digest, trusted)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, InvalidVersion) as error:
        # asn1crypto parses lazily: a malformed field deep in the token shows when it is first read
        raise TimestampError(f"the token cannot be read ({_first_line(error)})") from None


def _check(token: bytes, digest: bytes, trusted: Any) -> Stamp:
    from asn1crypto import cms, tsp

    tsp.TSTInfo  # noqa: B018 - importing tsp is what teaches cms the TSTInfo content type and the ESS attributes
    info = cms.ContentInfo.load(token)
    if info["content_type"].native != "signed_data":
        raise TimestampError("the token is not CMS signed data")
    signed = info["content"]
    encap = signed["encap_content_info"]
    if encap["content_type"].native != "tst_info":
        raise TimestampError("the token does not sign a TSTInfo")
    tst_der = bytes(encap["content"].contents)
    tst = encap["content"].parsed
    imprint = tst["message_imprint"]
    gen_time = tst["gen_time"].native
    if imprint["hash_algorithm"]["algorithm"].native != "sha256" or imprint["hashed_message"].native != digest:
        raise TimestampError(f"the token stamps another hash ({imprint['hashed_message'].native.hex()[:16]}…), "
                             f"not this receipt's head ({digest.hex()[:16]}…)")
    signers = list(signed["signer_infos"])
    if len(signers) != 1:
        raise TimestampError(f"the token has {len(signers)} signers, not one")
    signer = signers[0]
    certificates = [c.chosen for c in signed["certificates"] if c.name == "certificate"] \
        if signed["certificates"].native is not None else []
    certificate = _signer_certificate(signer, certificates)
    _check_signed_attributes(signer, tst_der, certificate)
    _check_signature(signer, certificate)
    _check_for_time_stamping(certificate, gen_time)
    ca = _check_chain(certificate, certificates, trusted, gen_time) if trusted is not None else None
    return Stamp(gen_time, tst["serial_number"].native, tst["policy"].dotted, certificate.subject.rfc4514_string(),
                 ca)


def _signer_certificate(signer: Any, certificates: list[Any]) -> Any:
    """The certificate the signer's id names, as a ``cryptography`` certificate."""
    from cryptography import x509

    sid = signer["sid"]
    for candidate in certificates:
        if sid.name == "issuer_and_serial_number":
            named = (candidate.issuer.dump() == sid.chosen["issuer"].dump()
                     and candidate.serial_number == sid.chosen["serial_number"].native)
        else:
            named = candidate.key_identifier == sid.chosen.native
        if named:
            return x509.load_der_x509_certificate(candidate.dump())
    raise TimestampError("the token does not carry its signer's certificate")


def _attribute(signer: Any, name: str) -> Any:
    for attribute in signer["signed_attrs"]:
        if attribute["type"].native == name:
            return attribute["values"][0]
    return None


def _check_signed_attributes(signer: Any, tst_der: bytes, certificate: Any) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    if not signer["signed_attrs"]:
        raise TimestampError("the token's signature carries no signed attributes")
    content_type = _attribute(signer, "content_type")
    if content_type is None or content_type.native != "tst_info":
        raise TimestampError("the signed attributes do not name a TSTInfo")
    algorithm = signer["digest_algorithm"]["algorithm"].native
    if algorithm not in _DIGESTS:
        raise TimestampError(f"the token is signed with {algorithm}, which is not accepted (SHA-256, -384, -512)")
    declared = _attribute(signer, "message_digest")
    if declared is None or declared.native != hashlib.new(algorithm, tst_der).digest():
        raise TimestampError("the TSTInfo does not match the digest its signature covers: the token was altered")
    der = certificate.public_bytes(Encoding.DER)
    ess = _attribute(signer, "signing_certificate_v2")
    if ess is not None:
        ident = ess["certs"][0]
        expected = hashlib.new(ident["hash_algorithm"]["algorithm"].native, der).digest()
    else:
        ess = _attribute(signer, "signing_certificate")
        if ess is None:
            raise TimestampError("the token does not name its signing certificate (no ESS signing-certificate)")
        ident = ess["certs"][0]
        expected = hashlib.sha1(der).digest()  # noqa: S324 - ESSCertID v1 names a certificate by its SHA-1
    if ident["cert_hash"].native != expected:
        raise TimestampError("the signing certificate the token names is not the one it carries")


def _check_signature(signer: Any, certificate: Any) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa

    data = signer["signed_attrs"].untag().dump()  # signed as a SET OF, not with the [0] tag it has in place
    signature = signer["signature"].native
    digest = getattr(hashes, _DIGESTS[signer["digest_algorithm"]["algorithm"].native])()
    key = certificate.public_key()
    scheme = signer["signature_algorithm"].signature_algo
    try:
        if isinstance(key, rsa.RSAPublicKey) and scheme == "rsassa_pss":
            salt = signer["signature_algorithm"]["parameters"]["salt_length"].native
            key.verify(signature, data, padding.PSS(padding.MGF1(digest), salt), digest)
        elif isinstance(key, rsa.RSAPublicKey) and scheme == "rsassa_pkcs1v15":
            key.verify(signature, data, padding.PKCS1v15(), digest)
        elif isinstance(key, ec.EllipticCurvePublicKey) and scheme == "ecdsa":
            key.verify(signature, data, ec.ECDSA(digest))
        elif isinstance(key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
            key.verify(signature, data)
        else:
            raise TimestampError(f"the token's signature scheme {scheme} does not fit its certificate's key")
    except InvalidSignature:
        raise TimestampError("the TSA's signature does not verify with the certificate in the token: "
                             "the token was altered") from None


def _check_for_time_stamping(certificate: Any, when: datetime) -> None:
    from cryptography import x509
    from cryptography.x509.oid import ExtendedKeyUsageOID

    subject = certificate.subject.rfc4514_string()
    try:
        usage = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        usage = []
    if ExtendedKeyUsageOID.TIME_STAMPING not in usage:
        raise TimestampError(f"the signer's certificate ({subject}) is not one for time-stamping (no timeStamping "
                             "extended key usage)")
    _valid_at(certificate, when, "the signer's certificate")


def _valid_at(certificate: Any, when: datetime, what: str) -> None:
    if not certificate.not_valid_before_utc <= when <= certificate.not_valid_after_utc:
        raise TimestampError(f"{what} ({certificate.subject.rfc4514_string()}) was not valid at the stamp's time "
                             f"{when:%Y-%m-%dT%H:%M:%SZ}")


def _check_chain(certificate: Any, carried: list[Any], trusted: Any, when: datetime) -> str:
    """The trusted CA's subject, once ``certificate`` chains to it through certificates the token carries."""
    from cryptography import x509

    pool = [x509.load_der_x509_certificate(c.dump()) for c in carried]
    current = certificate
    for _ in range(_MAX_CHAIN):
        if current == trusted or _issued_by(current, trusted):
            _valid_at(trusted, when, "the trusted CA")
            return str(trusted.subject.rfc4514_string())
        issuer = next((c for c in pool if c != current and _is_ca(c) and _issued_by(current, c)), None)
        if issuer is None:
            break
        _valid_at(issuer, when, "an intermediate certificate")
        current = issuer
    raise TimestampError(f"the TSA's certificate ({certificate.subject.rfc4514_string()}) is not issued by the "
                         f"trusted CA in tsa_ca ({trusted.subject.rfc4514_string()})")


def _issued_by(certificate: Any, issuer: Any) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _is_ca(certificate: Any) -> bool:
    from cryptography import x509

    try:
        return bool(certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__
