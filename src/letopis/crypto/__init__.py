"""Encryption at rest: keyring, encrypted evidence files, encrypted fields, opening a store.

See ``docs/encryption.md`` (key hierarchy, formats) and ``docs/threat-model.md``.
"""

from letopis.crypto.codec import EncryptedCodec, KeyedNaming
from letopis.crypto.fields import FieldCipher
from letopis.crypto.keys import (
    KdfParams,
    change_passphrase,
    create_keyring,
    is_encrypted,
    new_recovery_key,
    passphrase_from_env_or_prompt,
    unlock,
    unlock_with_recovery,
)
from letopis.crypto.primitives import MasterKey
from letopis.crypto.store import InitResult, OpenStore, init_store, open_store, unlock_data_dir
from letopis.errors import (
    AlreadyInitialised,
    CryptoError,
    DecryptionFailed,
    KeyringDamaged,
    NoPassphrase,
    NotEncrypted,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)

__all__ = [
    "AlreadyInitialised", "CryptoError", "DecryptionFailed", "KeyringDamaged", "NoPassphrase", "NotEncrypted",
    "WeakPassphrase", "WrongPassphrase", "WrongRecoveryKey",
    "EncryptedCodec", "KeyedNaming", "FieldCipher", "MasterKey", "KdfParams",
    "create_keyring", "unlock", "unlock_with_recovery", "change_passphrase", "new_recovery_key",
    "is_encrypted", "passphrase_from_env_or_prompt",
    "OpenStore", "InitResult", "open_store", "init_store", "unlock_data_dir",
]
