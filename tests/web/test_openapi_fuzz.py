"""schemathesis over the app's OpenAPI schema: generated requests to every endpoint of /api (its GETs and its
POSTs; valid requests, and invalid ones) never end in a server error, and every answer matches the schema the
API publishes (the body, and a documented status code).

The app runs in-process (ASGI); the requests carry an editor's session cookie and its CSRF token, as the
pages' script sends them. The examples are few and derived from a fixed seed, so the run is short and the
same every time.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="the dev extra installs schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance  # noqa: E402

from tests.web.conftest import client_of  # noqa: E402
from tests.web.test_api import flag_two  # noqa: E402

EXAMPLES = 25    # for each operation
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


def _session_headers(client: Any) -> dict[str, str]:
    cookies = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    return {"Cookie": cookies, "X-CSRF-Token": client.headers["X-CSRF-Token"]}


def _fuzz(operation: Any, mode: Any, headers: dict[str, str], statuses: list[int]) -> None:
    """EXAMPLES generated requests to ``operation``, each answer checked; the status codes into ``statuses``."""
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        statuses.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

    check()


def test_every_endpoint_answers_as_its_schema_says(workspace: Any) -> None:
    from letopis.web import create_app

    flag_two(workspace, 1, 2)   # a merge flag, so that /api/flags lists one and resolving it may succeed
    headers = _session_headers(client_of(workspace, "fuzzer", "editor"))
    app = create_app(workspace)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app, headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10, [op.label for op in operations]
    failures: list[str] = []
    answered: dict[str, list[int]] = defaultdict(list)
    impossible: set[str] = set()
    for operation, mode in itertools.product(operations, GenerationMode):
        label = f"{mode.value} {operation.label}"
        try:
            _fuzz(operation, mode, headers, answered[label])
        except Unsatisfiable:   # negative: an operation with nothing to get wrong (/api/testimonies)
            impossible.add(label)
            del answered[label]
        except (Exception, BaseExceptionGroup) as error:  # every operation is tried; the failures listed together
            failures.append(f"{label}: {str(error).strip().splitlines()[0] if str(error) else error!r}")
    assert failures == [], "\n".join(failures)
    tried = {f"{mode.value} {op.label}" for op, mode in itertools.product(operations, GenerationMode)}
    assert tried - impossible == set(answered) and all(label.startswith("negative") for label in impossible)
    print({label: sorted(set(codes)) for label, codes in answered.items()})


def test_numbers_out_of_range_are_refused_in_one_line_by_the_pages_too(client: Any) -> None:
    """What the fuzzing found in the API holds for the pages: a number past what the database holds, or digits
    that are not ASCII, are refused with a one-line error, never looked up (that was a server error)."""
    huge = str(2**63)
    for path, status in ((f"/incidents/{huge}", 422), (f"/api/incidents/{huge}", 422), ("/incidents?page=²", 400),
                         (f"/incidents?source={huge}", 400), ("/sources?page=٣", 400),
                         (f"/api/incidents?source={2**31}", 422), (f"/testimonies/{huge}", 422)):
        response = client.get(path)
        assert response.status_code == status, (path, response.status_code)
        message = response.json()["error"] if path.startswith("/api/") else response.text
        assert "Traceback" not in message and ("2147483647" in message or "whole number" in message), path
    incident = client.get("/api/incidents", params={"per_page": "1"}).json()["items"][0]["id"]
    for field, value in (("drop", huge), ("source_id", "²")):
        action = "merge" if field == "drop" else "split"
        response = client.post(f"/incidents/{incident}/{action}", data={field: value, "reason": "fuzz",
                                                                       "csrf": client.headers["X-CSRF-Token"]})
        assert response.status_code == 400 and "Traceback" not in response.text, (field, response.status_code)
