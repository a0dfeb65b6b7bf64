"""The fixture month of tests/publish/test_digest.py, for the browser test too (both backends)."""

from tests.publish.test_digest import month  # noqa: F401 - a fixture, used by name

__all__ = ["month"]
