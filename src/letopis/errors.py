"""Every Letopis exception, in one tree.

An error a person can act on derives from :class:`LetopisError`: its message
is one line (no secret in it) and it carries the exit status the command line
uses. The command line turns any of them into ``letopis: error: <message>``
and that status in one place (``letopis.cli``); a web app would turn them
into an HTTP status the same way (``http_status``, 400 unless a class says otherwise).

::

    LetopisError                      one line for the user, exit status 2
    ├── UsageError                    a command's input is wrong (a date, a file, options that conflict)
    ├── ConfigError (ValueError)      a setting or letopis.toml is wrong
    ├── NotInitialised (ValueError)   no data directory where one is looked for
    ├── ReadError (ValueError)        a source cannot be read as one report (``letopis extract``)
    ├── FilterError (ValueError)      a filter a user gave cannot be applied (the message says what is valid)
    ├── ReviewError (ValueError)      a review decision cannot be made (no such incident, …)
    ├── AccountError (ValueError)     an account cannot be added or changed (unknown role, name taken, …)
    ├── ProfileError (ValueError)     a source profile cannot be set (an unknown grade or stance, no reason, …)
    ├── LoginRefused                  wrong name, password or code (HTTP 401)
    ├── TooManyAttempts               too many wrong passwords for a name or from a client (HTTP 429)
    ├── PublicationRefused            an output still holds something identifying: nothing written (exit 1)
    ├── CorruptObject                 an evidence object's bytes on disk were altered
    ├── DatabaseKeyError              the SQLite file does not open with the given key
    ├── TimestampError                an RFC 3161 time-stamp cannot be had, or its token does not verify
    ├── CryptoError                   the protection layer
    │   ├── WrongPassphrase, WrongRecoveryKey, NoPassphrase, WeakPassphrase
    │   ├── NotEncrypted, AlreadyInitialised, KeyringDamaged, DecryptionFailed
    │   └── TestimonyError
    │       └── AccessDenied, TestimonyWithdrawn, TestimonyNotFound, TestimonyExists
    └── SourceError                   one source item cannot be read; never escapes the readers:
        ├── SizeLimitExceeded         :func:`letopis.sources.iter_captures` records it on a
        └── FetchError                failed ``Capture`` and the batch goes on

The ``ValueError`` bases are kept for callers that caught ``ValueError``
before the tree existed.
"""

from __future__ import annotations

__all__ = [
    "LetopisError", "UsageError", "ConfigError", "NotInitialised", "ReadError", "FilterError", "ReviewError",
    "AccountError", "ProfileError", "LoginRefused", "TooManyAttempts", "PublicationRefused", "CorruptObject",
    "DatabaseKeyError", "TimestampError",
    "CryptoError", "WrongPassphrase", "WrongRecoveryKey", "NoPassphrase", "WeakPassphrase", "NotEncrypted",
    "AlreadyInitialised", "KeyringDamaged", "DecryptionFailed",
    "TestimonyError", "AccessDenied", "TestimonyWithdrawn", "TestimonyNotFound", "TestimonyExists",
    "SourceError", "SizeLimitExceeded", "FetchError", "ClusterError",
]


class LetopisError(Exception):
    """Base class: a one-line message a person can act on, and the exit status for it."""

    exit_code = 2
    http_status = 400


class UsageError(LetopisError):
    """A command's input is wrong: a malformed date, a missing file, options that exclude each other."""


class ConfigError(LetopisError, ValueError):
    """A setting (environment, letopis.toml, a flag) is wrong."""


class NotInitialised(LetopisError, ValueError):
    """No Letopis data directory where one is looked for."""


class ReadError(LetopisError, ValueError):
    """The source could not be read as a report; the message is one line for the user."""


class FilterError(LetopisError, ValueError):
    """A filter a user gave that cannot be applied (the message says what is valid)."""


class ReviewError(LetopisError, ValueError):
    """A review decision cannot be made (no such incident, a split that leaves nothing, …)."""


class ProfileError(LetopisError, ValueError):
    """A source profile cannot be set or shown: an unknown grade, stance or kind, no reason, no such profile."""


class AccountError(LetopisError, ValueError):
    """An account cannot be added or changed: an unknown role, a name taken, a password too short, …"""


class LoginRefused(LetopisError):
    """A login failed: wrong name, password or code (the message does not say which)."""

    http_status = 401


class TooManyAttempts(LetopisError):
    """Too many wrong passwords for one name, or from one client, within a minute."""

    http_status = 429


class PublicationRefused(LetopisError):
    """An output read back after writing still holds something identifying; it was removed, nothing went out."""

    exit_code = 1
    http_status = 500


class CorruptObject(LetopisError):
    """A codec could not decode an object: its bytes on disk were altered.

    Raised while reading (an encrypted object whose authentication fails);
    ``verify`` reports it as ``altered``.
    """


class DatabaseKeyError(LetopisError):
    """The SQLite file does not open with the given key (or is not encrypted, or is encrypted)."""


class TimestampError(LetopisError):
    """A time-stamping authority gave no usable token, or a token does not verify (the message says what failed).

    ``letopis log anchor`` turns it into a warning (the receipt is written without a token); ``log verify
    --anchor`` into an ``anchor-timestamp`` problem."""


# ---- the protection layer (letopis.crypto, letopis.testimony)


class CryptoError(LetopisError):
    """Base class of the protection layer: a one-line message, exit status 2."""


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


class TestimonyError(CryptoError):
    """One-line message, exit status 2."""


class AccessDenied(TestimonyError):
    pass


class TestimonyWithdrawn(TestimonyError):
    pass


class ConsentEnded(AccessDenied):
    """The testimony's consent ended (its ``--until`` date passed): the account is not read again."""


class TestimonyExists(TestimonyError):
    """The same files (or text) are an active testimony already: a retry or a second add adds nothing."""


class TestimonyNotFound(TestimonyError):
    pass


# ---- reading sources (letopis.sources): per item, recorded on a failed Capture


class SourceError(LetopisError):
    """A source item could not be read; the message is a one-line reason."""


class SizeLimitExceeded(SourceError):
    """Input (or its decompressed form) is larger than the configured cap."""


class FetchError(SourceError):
    """The fetch failed before a usable response (timeout, network, size, redirects)."""


class ClusterError(LetopisError):
    """The cluster asked for (``--cluster``) cannot be reached or refused the work."""
