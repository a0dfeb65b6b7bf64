"""The keyring: the master key wrapped by the passphrase and by a recovery key.

``<data>/keyring.json`` holds no secret in clear::

    {"format": "letopis-keyring", "version": 1, "created": "...",
     "fingerprint": "<16 hex: identifies the master key, reveals nothing>",
     "passphrase": {"kdf": {"name": "argon2id", "time_cost": 3, "memory_kib": 65536,
                            "parallelism": 1, "salt": "<b64>"},
                    "wrapped": "<b64: nonce || AES-256-GCM(master) || tag>"},
     "recovery":   {"kdf": {"name": "hkdf-sha256", "salt": "<b64>"},
                    "wrapped": "<b64>"}}

The master key is 32 random bytes made once at ``init``; everything else is
derived from it. Changing the passphrase re-wraps the master key and touches
nothing else. The recovery key is 32 random bytes (plus a 2-byte checksum)
shown once as base32 groups; it is high-entropy, so HKDF suffices to turn it
into a wrapping key. The passphrase is never written anywhere.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import json
import logging
import os
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw

from letopis.crypto.primitives import KEY_BYTES, MasterKey, hkdf, open_sealed, random_key, seal
from letopis.errors import (
    AlreadyInitialised,
    DecryptionFailed,
    KeyringDamaged,
    NoPassphrase,
    NotEncrypted,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)

__all__ = [
    "KEYRING_FILENAME",
    "PASSPHRASE_ENV",
    "MIN_PASSPHRASE_LENGTH",
    "KdfParams",
    "Keyring",
    "keyring_path",
    "is_encrypted",
    "create_keyring",
    "create_keyring_with_master",
    "load_keyring",
    "unlock",
    "unlock_with_recovery",
    "change_passphrase",
    "new_recovery_key",
    "passphrase_from_env_or_prompt",
    "format_recovery_key",
    "parse_recovery_key",
]

logger = logging.getLogger(__name__)

KEYRING_FILENAME = "keyring.json"
PASSPHRASE_ENV = "LETOPIS_PASSPHRASE"
MIN_PASSPHRASE_LENGTH = 8
_FORMAT = "letopis-keyring"
_VERSION = 1
_AAD_PASSPHRASE = b"letopis/v1/keyring/passphrase"
_AAD_RECOVERY = b"letopis/v1/keyring/recovery"
_RECOVERY_PREFIX = "LR1"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default takes a fraction of a second and 64 MiB."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 1

    @classmethod
    def fast(cls) -> KdfParams:
        """Cheap parameters for tests only."""
        return cls(time_cost=1, memory_kib=8 * 1024, parallelism=1)


@dataclass(frozen=True)
class Keyring:
    """The parsed ``keyring.json`` (all fields non-secret)."""

    path: Path
    data: dict[str, Any]

    @property
    def fingerprint(self) -> str:
        return str(self.data.get("fingerprint", ""))

    @property
    def kdf(self) -> KdfParams:
        kdf = self.data["passphrase"]["kdf"]
        return KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"]))


# --------------------------------------------------------------- helpers


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive_from_passphrase(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _derive_from_recovery(recovery: bytes, salt: bytes) -> bytes:
    return hkdf(recovery, _AAD_RECOVERY, salt=salt)


def _passphrase_slot(master: MasterKey, passphrase: str, params: KdfParams) -> dict[str, Any]:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphrase(f"passphrase too short: use at least {MIN_PASSPHRASE_LENGTH} characters")
    salt = os.urandom(16)
    kek = _derive_from_passphrase(passphrase, salt, params)
    return {
        "kdf": {"name": "argon2id", **asdict(params), "salt": _b64(salt)},
        "wrapped": _b64(seal(kek, master.raw, _AAD_PASSPHRASE)),
    }


def _recovery_slot(master: MasterKey) -> tuple[dict[str, Any], str]:
    recovery = random_key()
    salt = os.urandom(16)
    slot = {
        "kdf": {"name": "hkdf-sha256", "salt": _b64(salt)},
        "wrapped": _b64(seal(_derive_from_recovery(recovery, salt), master.raw, _AAD_RECOVERY)),
    }
    return slot, format_recovery_key(recovery)


def format_recovery_key(recovery: bytes) -> str:
    """``LR1-XXXX-XXXX-…``: base32 of the key and a 2-byte checksum."""
    check = hashlib.sha256(recovery).digest()[:2]
    body = base64.b32encode(recovery + check).decode("ascii").rstrip("=")
    return "-".join([_RECOVERY_PREFIX, *(body[i : i + 4] for i in range(0, len(body), 4))])


def parse_recovery_key(text: str) -> bytes:
    """Accepts any case, spaces or dashes; :class:`WrongRecoveryKey` when mistyped."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if cleaned.startswith(_RECOVERY_PREFIX):
        cleaned = cleaned[len(_RECOVERY_PREFIX) :]
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        raise WrongRecoveryKey("recovery key mistyped: not a Letopis recovery key") from None
    if len(raw) != KEY_BYTES + 2 or hashlib.sha256(raw[:KEY_BYTES]).digest()[:2] != raw[KEY_BYTES:]:
        raise WrongRecoveryKey("recovery key mistyped: its checksum does not match (check every group)")
    return raw[:KEY_BYTES]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_of(data: dict[str, Any]) -> str:
    """SHA-256 of the keyring's other fields: a flipped byte reads as damage, not as a wrong passphrase."""
    rest = {k: v for k, v in data.items() if k != "check"}
    return hashlib.sha256(json.dumps(rest, sort_keys=True, separators=(",", ":")).encode("utf-8")).hexdigest()


def _write_keyring(path: Path, data: dict[str, Any]) -> Keyring:
    """Atomic replace: temp file, fsync, rename, fsync the directory."""
    data = {**data, "check": _check_of(data)}
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return Keyring(path, data)


# --------------------------------------------------------------- API


def keyring_path(data_dir: Path | str) -> Path:
    return Path(data_dir) / KEYRING_FILENAME


def is_encrypted(data_dir: Path | str) -> bool:
    """True when the data directory has a keyring (was made with ``init --encrypt``)."""
    return keyring_path(data_dir).is_file()


def load_keyring(data_dir: Path | str) -> Keyring:
    path = keyring_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotEncrypted(f"{Path(data_dir)} is not an encrypted store (no {KEYRING_FILENAME})") from None
    except (OSError, ValueError) as error:
        raise KeyringDamaged(f"{path}: unreadable keyring ({type(error).__name__})") from None
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise KeyringDamaged(f"{path}: not a Letopis keyring")
    if data.get("version") != _VERSION:
        raise KeyringDamaged(f"{path}: keyring version {data.get('version')!r} is not supported by this Letopis")
    if "check" in data and data["check"] != _check_of(data):  # keyrings written before the check have none
        raise KeyringDamaged(f"{path}: the keyring is damaged (its check does not match): restore it from a backup")
    return Keyring(path, data)


def create_keyring(
    data_dir: Path | str, passphrase: str, *, kdf: KdfParams | None = None
) -> tuple[Keyring, str]:
    """Make a new master key; returns the keyring and the recovery key (show it once, store it nowhere)."""
    keyring, _master, recovery = create_keyring_with_master(data_dir, passphrase, kdf=kdf)
    return keyring, recovery


def create_keyring_with_master(
    data_dir: Path | str, passphrase: str, *, kdf: KdfParams | None = None
) -> tuple[Keyring, MasterKey, str]:
    """:func:`create_keyring`, also returning the new master key (saves a second KDF run)."""
    path = keyring_path(data_dir)
    if path.exists():
        raise AlreadyInitialised(f"{path} exists: this store already has keys")
    master = MasterKey(random_key())
    recovery_slot, recovery_text = _recovery_slot(master)
    data = {
        "format": _FORMAT,
        "version": _VERSION,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "fingerprint": master.fingerprint(),
        "passphrase": _passphrase_slot(master, passphrase, kdf or KdfParams()),
        "recovery": recovery_slot,
    }
    keyring = _write_keyring(path, data)
    logger.info("created keyring %s (key %s)", path, master.fingerprint())
    return keyring, master, recovery_text


def _unwrap(slot: dict[str, Any], kek: bytes, aad: bytes, fingerprint: str) -> MasterKey:
    master = MasterKey(open_sealed(kek, _unb64(slot["wrapped"]), aad, what="keyring"))
    if fingerprint and master.fingerprint() != fingerprint:
        raise KeyringDamaged("keyring: the unwrapped key does not match the keyring's fingerprint")
    return master


def unlock(data_dir: Path | str, passphrase: str) -> MasterKey:
    """The master key, or :class:`WrongPassphrase`."""
    keyring = load_keyring(data_dir)
    try:
        slot = keyring.data["passphrase"]
        kek = _derive_from_passphrase(passphrase, _unb64(slot["kdf"]["salt"]), keyring.kdf)
        return _unwrap(slot, kek, _AAD_PASSPHRASE, keyring.fingerprint)
    except DecryptionFailed:
        raise WrongPassphrase() from None
    except (KeyError, TypeError, ValueError) as error:
        raise KeyringDamaged(f"{keyring.path}: damaged passphrase slot ({type(error).__name__})") from None


def unlock_with_recovery(data_dir: Path | str, recovery_key: str) -> MasterKey:
    """The master key from the recovery key printed at ``init``, or :class:`WrongRecoveryKey`."""
    keyring = load_keyring(data_dir)
    recovery = parse_recovery_key(recovery_key)
    try:
        slot = keyring.data["recovery"]
        kek = _derive_from_recovery(recovery, _unb64(slot["kdf"]["salt"]))
        return _unwrap(slot, kek, _AAD_RECOVERY, keyring.fingerprint)
    except DecryptionFailed:
        raise WrongRecoveryKey() from None
    except (KeyError, TypeError, ValueError) as error:
        raise KeyringDamaged(f"{keyring.path}: damaged recovery slot ({type(error).__name__})") from None


def change_passphrase(
    data_dir: Path | str, current: str | MasterKey, new: str, *, kdf: KdfParams | None = None
) -> Keyring:
    """Re-wrap the master key under ``new``; ``current`` is the old passphrase or the
    master key (from :func:`unlock_with_recovery` when the passphrase is lost).
    Nothing is re-encrypted: every record and file keeps its data key."""
    master = current if isinstance(current, MasterKey) else unlock(data_dir, current)
    keyring = load_keyring(data_dir)
    data = dict(keyring.data)
    data["passphrase"] = _passphrase_slot(master, new, kdf or keyring.kdf)
    written = _write_keyring(keyring.path, data)
    logger.info("passphrase changed for key %s", master.fingerprint())
    return written


def new_recovery_key(data_dir: Path | str, master: MasterKey) -> str:
    """Replace the recovery key (the old one stops working); returns the new one."""
    keyring = load_keyring(data_dir)
    if keyring.fingerprint and keyring.fingerprint != master.fingerprint():
        raise WrongPassphrase("that key does not belong to this store")
    data = dict(keyring.data)
    data["recovery"], text = _recovery_slot(master)
    _write_keyring(keyring.path, data)
    logger.info("recovery key replaced for key %s", master.fingerprint())
    return text


def passphrase_from_env_or_prompt(*, confirm: bool = False, prompt: str = "Passphrase: ") -> str:
    """``$LETOPIS_PASSPHRASE``, else ask on the terminal (twice with ``confirm``).

    Raises :class:`NoPassphrase` when neither is available (no terminal).
    """
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise NoPassphrase()
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise WrongPassphrase("the two passphrases differ")
    if not first:
        raise NoPassphrase("no passphrase given")
    return first
