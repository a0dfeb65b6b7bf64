"""Errors of the protection layer: each message is one line a person can act on.

Every error here carries ``exit_code`` (2) so the command line can print
``str(error)`` alone and exit, with no traceback and no secret in the text.
"""

from __future__ import annotations

__all__ = [
    "CryptoError",
    "WrongPassphrase",
    "WrongRecoveryKey",
    "NoPassphrase",
    "WeakPassphrase",
    "NotEncrypted",
    "AlreadyInitialised",
    "KeyringDamaged",
    "DecryptionFailed",
]


class CryptoError(Exception):
    """Base class: a one-line message, exit status 2."""

    exit_code = 2


class WrongPassphrase(CryptoError):
    def __init__(self, message: str = "wrong passphrase: the store's keyring does not open with it") -> None:
        super().__init__(message)


class WrongRecoveryKey(CryptoError):
    def __init__(self, message: str = "wrong recovery key: the store's keyring does not open with it") -> None:
        super().__init__(message)


class NoPassphrase(CryptoError):
    def __init__(
        self, message: str = "this store is encrypted: set LETOPIS_PASSPHRASE or run the command in a terminal"
    ) -> None:
        super().__init__(message)


class WeakPassphrase(CryptoError):
    pass


class NotEncrypted(CryptoError):
    pass


class AlreadyInitialised(CryptoError):
    pass


class KeyringDamaged(CryptoError):
    pass


class DecryptionFailed(CryptoError):
    """Authenticated decryption failed: the data was altered, or the key is not its key."""
