"""Schemathesis against a real ``eventwire serve`` on 127.0.0.1 (not the app in-process).

A small database (the twelve sample articles) is built, the server is started on a free port
of 127.0.0.1 with a bearer token, and its schema is loaded from /openapi.json. Every operation
gets positive and negative cases (POST /api/articles with the token): no response may be a
server error (5xx), and content types and headers must conform to the schema. POST
/api/articles takes its body raw (the schema declares none), so it also gets generated bodies
of its own: article objects and batches with fields of odd types, bad dates, deep nesting,
huge numbers and invalid JSON; none may get a 5xx either.

Bounded: a number of examples per operation (scaled by EVENTWIRE_FUZZ_EXAMPLES) and a time
budget for all of them (EVENTWIRE_FUZZ_API_SECONDS, default 50 s at the default scale);
examples past the budget are skipped, with a warning. All traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from fuzz_strategies import (
    LOCAL,
    TOKEN,
    FuzzBytes,
    PostInput,
    Server,
    api_checks,
    api_operations,
    bounded_shrinking,
    build_db,
    call_case,
    curl,
    fuzz_settings,
    load_schema,
    local_client,
    local_session,
    operation_cases,
    post_inputs,
    running_server,
    scale,
    send_post,
    show_inputs,
)
from hypothesis import example, given

OPERATION_EXAMPLES = 60  # per operation, at the default scale
POST_EXAMPLES = 150
SHRINK_SECONDS = 6.0


def _budget() -> float:
    raw = os.environ.get("EVENTWIRE_FUZZ_API_SECONDS", "")
    try:
        return float(raw)
    except ValueError:
        return 50.0 * max(1.0, scale())


class Budget:
    """One deadline for every request of the module; examples past it are skipped."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.skipped = 0

    def spent(self) -> bool:
        if time.monotonic() > self.deadline:
            self.skipped += 1
            return True
        return False


@pytest.fixture(scope="module", autouse=True)
def _bounded_shrinking() -> Iterator[None]:
    with bounded_shrinking(SHRINK_SECONDS * max(1.0, scale())):
        yield


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("api-fuzz")
    db = build_db(work / "fuzz.duckdb")
    with running_server(db, work, TOKEN) as srv:
        assert srv.base.startswith(f"http://{LOCAL}:")
        yield srv


@pytest.fixture(scope="module")
def budget(server: Server) -> Budget:
    return Budget(_budget())


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with local_client(timeout=120) as c:
        yield c


def _no_server_error(response: Any, label: str, reproduce: str, server: Server) -> None:
    assert response.status_code < 500, (
        f"{label} answered {response.status_code}: {response.text[:300]}\n"
        f"Reproduce: {reproduce}\nServer log:\n{server.log_tail(1500)}"
    )


def _report(label: str, exc: BaseException) -> str:
    notes = "\n".join(getattr(exc, "__notes__", []))
    return f"--- {label}: {type(exc).__name__}\n{exc}\n{notes}".rstrip()


def test_every_operation(server: Server, budget: Budget) -> None:
    schema = load_schema(server.base)
    operations = api_operations(schema)
    assert {op.label for op in operations} >= {"GET /api/events", "POST /api/articles"}
    checks = api_checks()
    failures: list[str] = []
    with local_session() as session:
        for op in operations:

            @fuzz_settings(OPERATION_EXAMPLES)
            @given(case=operation_cases(op, TOKEN))
            def fuzz(case: Any) -> None:
                if budget.spent():
                    return
                response = call_case(case, server.base, session)
                _no_server_error(response, case.operation.label, curl(case, server.base), server)
                case.validate_response(response, checks=checks)

            try:
                fuzz()
            except Exception as exc:  # every operation is fuzzed; failures are listed at the end
                failures.append(_report(op.label, exc))
    if budget.skipped:
        warnings.warn(
            f"API fuzz budget of {budget.seconds:g} s spent: {budget.skipped} examples skipped",
            stacklevel=1,
        )
    assert not failures, f"{len(failures)} of {len(operations)} operations failed:\n" + "\n\n".join(failures)  # fmt: skip


@fuzz_settings(POST_EXAMPLES)
@given(inp=post_inputs(TOKEN))
@example(inp=PostInput(FuzzBytes(b'{"text": "Chad and Niger signed a pact on Monday.", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"), f"Bearer {TOKEN}"))  # fmt: skip
@example(inp=PostInput(FuzzBytes(b'[{"text": "Chad and Niger signed a pact on Monday.", "published": "Mon, 1 Jan 2024 00:00:2147483648 +0000"}]'), f"Bearer {TOKEN}"))  # fmt: skip
@example(inp=PostInput(FuzzBytes(b'{"text": "Kenyan police arrested protesters in Nairobi.", "published": "9999-12-31"}'), f"Bearer {TOKEN}"))  # fmt: skip
@show_inputs("server", "client", "budget")
def test_post_articles_bodies(server: Server, client: Any, budget: Budget, inp: PostInput) -> None:
    if budget.spent():
        return
    response = send_post(client, server.base, inp)
    _no_server_error(response, "POST /api/articles", inp.reproducer(server.base)[:2000], server)


def test_server_survived(server: Server, client: Any) -> None:
    """After the fuzzing the server still answers (no crash, no hang)."""
    assert server.proc.poll() is None, f"the server exited:\n{server.log_tail()}"
    assert client.get(f"{server.base}/api/health").status_code == 200
