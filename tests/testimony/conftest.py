"""Testimonies run on the encrypted stores of the crypto tests (same fixtures, both backends)."""

from tests.crypto.conftest import backend_url, encrypted  # noqa: F401 - fixtures, used by name

__all__ = ["backend_url", "encrypted"]
