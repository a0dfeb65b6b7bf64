"""Every tampering case is caught by `letopis verify` or `letopis log verify --anchor`, in one line naming it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.tamper.cases import CASES, Case
from tests.tamper.conftest import Store
from tests.tamper.outsider import corrupt_page

PLAIN = [pytest.param(c, id=c.name.replace(" ", "-")) for c in CASES if c.name != "keyring damaged"]
POSTGRESQL = PLAIN  # the same cases: the adversary edits the server's database (outsider.py) and its files
ENCRYPTED = [pytest.param(c, id=c.name.replace(" ", "-")) for c in CASES if c.encrypted]


@pytest.mark.parametrize("kind", ["plain", "encrypted", "postgresql"])
def test_templates_are_clean(templates: Callable[[str], Store], kind: str) -> None:
    store = templates(kind)
    for command in (("verify",), ("log", "verify", "--anchor", str(store.receipt))):
        proc = store.run(*command)
        assert proc.returncode == 0, f"{kind} {command}: {proc.stdout.decode()}{proc.stderr.decode()}"


def _caught(store: Store, case: Case) -> None:
    command = [part.format(receipt=store.receipt) for part in case.command]
    case.tamper(store)
    proc = store.run(*command)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert "Traceback" not in err, err
    assert proc.returncode != 0, f"{case.name}: not caught\n{out}{err}"
    named = [line for line in (out + err).splitlines() if case.expect in line]
    assert named, f"{case.name}: no line names {case.expect!r}\n{out}{err}"


@pytest.mark.parametrize("case", PLAIN)
def test_plain_store(case: Case, fresh: Callable[[str], Store]) -> None:
    _caught(fresh("plain"), case)


@pytest.mark.parametrize("case", ENCRYPTED)
def test_encrypted_store(case: Case, fresh: Callable[[str], Store]) -> None:
    _caught(fresh("encrypted"), case)


@pytest.mark.parametrize("case", POSTGRESQL)
def test_postgresql_store(case: Case, fresh: Callable[[str], Store]) -> None:
    _caught(fresh("postgresql"), case)


@pytest.mark.parametrize("kind", ["plain", "postgresql"])
def test_a_damaged_table_page_is_one_line(fresh: Callable[[str], Store], kind: str) -> None:
    store = fresh(kind)
    corrupt_page(store, "incidents")
    proc = store.run("verify")
    err = proc.stderr.decode()
    assert proc.returncode != 0 and "Traceback" not in err
    assert "damaged" in proc.stdout.decode() + err
    assert len(err.strip().splitlines()) <= 2, err
