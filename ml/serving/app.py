"""The FastAPI application: the HTTP contract of docs/api/ml-serving.yaml over the generator and
the decision service.

``app`` is what ``python3 -m uvicorn serving.app:app`` serves. Settings are read and the state
is loaded at startup, not at import, so importing this module has no side effect; tests build
their own instances with :func:`create_app`. Ranking and rewards run inline on the event loop:
they take well under a millisecond of CPU, less than a hop to a worker thread would cost.
"""

import logging
from dataclasses import dataclass
from typing import Any, Dict, Optional

from fastapi import FastAPI
from fastapi.responses import JSONResponse, Response
from threadpoolctl import threadpool_limits

from .config import Settings
from .contract import problems
from .contract.models import (
    GenerateRequest,
    GenerateResponse,
    HealthResponse,
    PoliciesResponse,
    Problem,
    PromoteRequest,
    RankRequest,
    RankResponse,
    RewardRequest,
    RewardResponse,
)
from .decisions import DecisionService
from .generate import CandidateGenerator
from .llm import LlmClient
from .state import StateStore

log = logging.getLogger("oo.ml.serving")

API_VERSION = "1.0.0"

_PROBLEMS: Dict[int, Dict[str, Any]] = {
    status: {"model": Problem, "content": {problems.PROBLEM_JSON: {}}} for status in (400, 422)
}


@dataclass
class Runtime:
    """What startup builds and shutdown closes."""

    settings: Settings
    decisions: DecisionService
    generator: CandidateGenerator
    llm: Optional[LlmClient]


def _configure_logging() -> None:
    """uvicorn configures only its own loggers; give ours a handler when nobody else did."""
    logger = logging.getLogger("oo")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    if not logging.getLogger().handlers and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)


def create_app(settings: Optional[Settings] = None) -> FastAPI:
    """A new application; ``settings`` default to the environment, read at startup."""
    app = FastAPI(
        title="oO ml/serving",
        version=API_VERSION,
        docs_url=None,
        redoc_url=None,
    )
    problems.install(app)
    holder: Dict[str, Runtime] = {}

    def runtime() -> Runtime:
        current = holder.get("runtime")
        if current is None:
            raise problems.ServiceNotReady()
        return current

    @app.on_event("startup")
    async def start() -> None:
        _configure_logging()
        # The policies multiply matrices of a few hundred rows: one BLAS thread is faster than
        # two fighting over a 2-core machine with the Java app, and keeps the tail latency flat.
        threadpool_limits(limits=1, user_api="blas")
        config = settings or Settings.from_env()
        decisions = DecisionService.open(StateStore(config.state_dir), max_pending=config.max_pending)
        llm = None
        if config.litellm_url:
            llm = LlmClient(
                config.litellm_url,
                model=config.llm_model,
                embed_model=config.embed_model,
                timeout_s=config.llm_timeout_s,
                api_key=config.litellm_api_key,
            )
        holder["runtime"] = Runtime(config, decisions, CandidateGenerator(llm), llm)
        log.info("ml/serving up; state in %s; LLM %s", config.state_dir, "configured" if llm else "not configured")

    @app.on_event("shutdown")
    async def stop() -> None:
        current = holder.pop("runtime", None)
        if current is None:
            return
        current.decisions.close()
        if current.llm is not None:
            await current.llm.aclose()

    @app.get("/health", response_model=HealthResponse)
    async def health() -> Dict[str, Any]:
        current = runtime()
        return {
            "status": "UP",
            "policies": current.decisions.summary(),
            "llm": "configured" if current.llm is not None else "none",
        }

    @app.post("/generate", response_model=GenerateResponse, responses=_PROBLEMS)
    async def generate(request: GenerateRequest) -> Dict[str, Any]:
        candidates, source = await runtime().generator.generate(
            request.person_key,
            request.context,
            request.task_titles,
            request.max_candidates,
            request.locale,
        )
        return {"candidates": candidates, "source": source}

    @app.post("/rank", response_model=RankResponse, responses=_PROBLEMS)
    async def rank(request: RankRequest) -> Response:
        decision_id = str(request.decision_id)
        # Plain views of the validated candidates: .dict() deep-copies every feature map, which
        # cost more than the policy on the hot path.
        candidates = [
            {"id": c.id, "kind": c.kind, "category": c.category, "features": c.features} for c in request.candidates
        ]
        response = runtime().decisions.rank(decision_id, request.context, candidates, request.allow_not_now)
        log.debug(
            "decision %s: %s by %s@%s",
            decision_id,
            response["chosenId"],
            response["policy"],
            response["policyVersion"],
        )
        # Built by the service in the RankResponse shape (the contract test checks real answers);
        # returning it as is skips a second validation pass on the hot path.
        return JSONResponse(response)

    @app.post(
        "/reward",
        response_model=RewardResponse,
        responses={**_PROBLEMS, 404: {"model": Problem, "content": {problems.PROBLEM_JSON: {}}}},
    )
    async def reward(request: RewardRequest) -> Dict[str, Any]:
        decision_id = str(request.decision_id)
        applied = runtime().decisions.reward(decision_id, request.reward)
        log.debug("reward for decision %s %s", decision_id, "applied" if applied else "already applied")
        return {"decisionId": decision_id, "applied": applied}

    @app.get("/policies", response_model=PoliciesResponse)
    async def policies() -> Dict[str, Any]:
        return runtime().decisions.policies()

    @app.post(
        "/policies/promote",
        response_model=PoliciesResponse,
        responses={**_PROBLEMS, 404: {"model": Problem}, 409: {"model": Problem}},
    )
    async def promote(request: PromoteRequest) -> Dict[str, Any]:
        return runtime().decisions.promote(request.policy)

    return app


app = create_app()
