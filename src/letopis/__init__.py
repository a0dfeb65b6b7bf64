"""Letopis: turn reports of war-time coercion into sourced incident records."""

__version__ = "0.1.0"

__all__ = ["__version__"]
