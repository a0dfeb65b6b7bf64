"""The command-line tests that need a data directory use the workflow tests' `letopis` runner (both backends)."""

from tests.workflow.conftest import letopis  # noqa: F401 - a fixture, used by name

__all__ = ["letopis"]
