"""The keyring: passphrase, recovery key, passphrase change, no secret on disk."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from letopis.crypto import (
    KdfParams,
    NoPassphrase,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
    change_passphrase,
    create_keyring,
    is_encrypted,
    new_recovery_key,
    passphrase_from_env_or_prompt,
    unlock,
    unlock_with_recovery,
)
from letopis.crypto.keys import create_keyring_with_master, parse_recovery_key
from tests.crypto.support import FAST, PASSPHRASE


def test_right_passphrase_unlocks_and_wrong_one_is_refused(tmp_path: Path) -> None:
    _keyring, master, _recovery = create_keyring_with_master(tmp_path, PASSPHRASE, kdf=FAST)
    assert is_encrypted(tmp_path)
    assert unlock(tmp_path, PASSPHRASE) == master
    with pytest.raises(WrongPassphrase) as caught:
        unlock(tmp_path, PASSPHRASE + "!")
    message = str(caught.value)
    assert "\n" not in message and PASSPHRASE not in message
    assert caught.value.exit_code == 2


def test_keyring_holds_no_secret_in_clear(tmp_path: Path) -> None:
    _keyring, master, recovery = create_keyring_with_master(tmp_path, PASSPHRASE, kdf=FAST)
    raw = (tmp_path / "keyring.json").read_bytes()
    assert PASSPHRASE.encode() not in raw
    for form in (master.raw, master.raw.hex().encode(), base64.b64encode(master.raw)):
        assert form not in raw
    assert recovery.encode() not in raw
    assert parse_recovery_key(recovery) not in raw
    assert (tmp_path / "keyring.json").stat().st_mode & 0o077 == 0
    assert "argon2id" == json.loads(raw)["passphrase"]["kdf"]["name"]


def test_change_passphrase_rewraps_the_same_master_key(tmp_path: Path) -> None:
    _keyring, master, _ = create_keyring_with_master(tmp_path, PASSPHRASE, kdf=FAST)
    change_passphrase(tmp_path, PASSPHRASE, "a new long passphrase")
    with pytest.raises(WrongPassphrase):
        unlock(tmp_path, PASSPHRASE)
    assert unlock(tmp_path, "a new long passphrase") == master


def test_recovery_key_opens_when_the_passphrase_is_lost(tmp_path: Path) -> None:
    _keyring, master, recovery = create_keyring_with_master(tmp_path, PASSPHRASE, kdf=FAST)
    assert recovery.startswith("LR1-")
    recovered = unlock_with_recovery(tmp_path, recovery.lower().replace("-", " "))
    assert recovered == master
    change_passphrase(tmp_path, recovered, "set after recovery")
    assert unlock(tmp_path, "set after recovery") == master
    assert unlock_with_recovery(tmp_path, recovery) == master  # passphrase change keeps the recovery key


def test_mistyped_and_foreign_recovery_keys(tmp_path: Path) -> None:
    create_keyring(tmp_path / "a", PASSPHRASE, kdf=FAST)
    _, other = create_keyring(tmp_path / "b", PASSPHRASE, kdf=FAST)
    _, mine = create_keyring(tmp_path / "c", PASSPHRASE, kdf=FAST)
    typo = mine[:10] + ("A" if mine[10] != "A" else "B") + mine[11:]  # a middle character: all five bits count
    with pytest.raises(WrongRecoveryKey, match="mistyped"):
        unlock_with_recovery(tmp_path / "c", typo)
    with pytest.raises(WrongRecoveryKey, match="does not open"):
        unlock_with_recovery(tmp_path / "a", other)


def test_new_recovery_key_replaces_the_old_one(tmp_path: Path) -> None:
    _keyring, master, old = create_keyring_with_master(tmp_path, PASSPHRASE, kdf=FAST)
    new = new_recovery_key(tmp_path, master)
    assert unlock_with_recovery(tmp_path, new) == master
    with pytest.raises(WrongRecoveryKey):
        unlock_with_recovery(tmp_path, old)


def test_short_passphrase_refused(tmp_path: Path) -> None:
    with pytest.raises(WeakPassphrase):
        create_keyring(tmp_path, "short", kdf=FAST)
    assert not is_encrypted(tmp_path)


def test_default_kdf_is_argon2id_with_real_cost(tmp_path: Path) -> None:
    keyring, _ = create_keyring(tmp_path, PASSPHRASE)
    assert keyring.kdf == KdfParams()
    assert keyring.kdf.memory_kib >= 64 * 1024
    assert unlock(tmp_path, PASSPHRASE).fingerprint() == keyring.fingerprint


def test_passphrase_from_env_or_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETOPIS_PASSPHRASE", "from the environment")
    assert passphrase_from_env_or_prompt() == "from the environment"
    monkeypatch.delenv("LETOPIS_PASSPHRASE")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(NoPassphrase):
        passphrase_from_env_or_prompt()


def test_master_key_never_shows_itself(tmp_path: Path) -> None:
    _keyring, master, _ = create_keyring_with_master(tmp_path, PASSPHRASE, kdf=FAST)
    for text in (repr(master), str(master), f"{master}"):
        assert master.raw.hex() not in text
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(master)
