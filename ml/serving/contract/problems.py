"""RFC 7807 problem responses for every error, in the shape the Java side already speaks:
``{type, title, status, detail, errors: [{field, message}]}`` with ``application/problem+json``.

FastAPI's own 422 body is replaced so the caller gets the offending field as the wire path
(``candidates[2].category``). A body that is not JSON at all is a 400, not a 422.
"""

import logging
from http import HTTPStatus
from typing import Any, Dict, Iterable, List, Mapping, Sequence, Union

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

from ..decisions import DecisionConflict, UnknownDecision, UnknownPolicy

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE_BASE = "https://oo.app/problems/"

log = logging.getLogger("oo.ml.serving.problems")


class ServiceNotReady(Exception):
    """A request arrived before startup finished loading the state."""


def problem(status: int, detail: str, errors: Sequence[Mapping[str, str]] = ()) -> JSONResponse:
    body: Dict[str, Any] = {
        "type": f"{PROBLEM_TYPE_BASE}{status}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": [dict(error) for error in errors],
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def field_path(location: Iterable[Union[str, int]]) -> str:
    """``("body", "candidates", 2, "category")`` -> ``candidates[2].category``."""
    path = ""
    for part in location:
        if part == "body" and not path:
            continue
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "body"


def _field_errors(errors: List[Dict[str, Any]]) -> List[Dict[str, str]]:
    return [
        {"field": field_path(error.get("loc", ())), "message": str(error.get("msg", "invalid"))} for error in errors
    ]


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(error.get("type") == "value_error.jsondecode" for error in errors):
        return problem(400, "The request body is not valid JSON.", [{"field": "body", "message": "malformed JSON"}])
    return problem(422, "The request does not match the contract.", _field_errors(errors))


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    return problem(exc.status_code, str(exc.detail))


async def _unknown_decision(request: Request, exc: UnknownDecision) -> JSONResponse:
    return problem(404, str(exc), [{"field": "decisionId", "message": "unknown decision"}])


async def _conflict(request: Request, exc: DecisionConflict) -> JSONResponse:
    return problem(409, str(exc))


async def _unknown_policy(request: Request, exc: UnknownPolicy) -> JSONResponse:
    return problem(404, str(exc), [{"field": "policy", "message": "not the shadow policy"}])


async def _not_ready(request: Request, exc: ServiceNotReady) -> JSONResponse:
    return problem(503, "ml/serving is starting; retry shortly.")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path, exc_info=exc)
    return problem(500, "Unexpected error; see the ml/serving log.")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(UnknownDecision, _unknown_decision)
    app.add_exception_handler(DecisionConflict, _conflict)
    app.add_exception_handler(UnknownPolicy, _unknown_policy)
    app.add_exception_handler(ServiceNotReady, _not_ready)
    app.add_exception_handler(Exception, _unexpected)
