"""Candidate generation: ask the LLM, clean its answer, drop near duplicates, tag the features;
fall back to the templates whenever the LLM is absent, slow, failing or unusable.

``OO_LLM_TIMEOUT_S`` bounds the whole LLM part of one call (completion plus embeddings), so the
Java side's deadline is never spent waiting here. Logs say what happened (source, counts, error
status) and never what was said: no task title, no tip text.
"""

import hashlib
import logging
import time
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from . import dedup
from .features import tag_candidate
from .llm import LlmClient, LlmError
from .parsing import ParsedCandidate, parse_candidates
from .prompt import build_messages, clean_titles
from .templates import MIN_CANDIDATES, template_candidates

log = logging.getLogger("oo.ml.serving.generate")

Candidate = Dict[str, Any]


def llm_candidate_id(text: str) -> str:
    """Stable id from the text, so the same tip proposed twice has the same id."""
    return "llm-" + hashlib.sha256(text.casefold().encode("utf-8")).hexdigest()[:12]


def _candidate(identifier: str, text: str, kind: str, category: str, titles: Sequence[str]) -> Candidate:
    return {
        "id": identifier,
        "text": text,
        "kind": kind,
        "category": category,
        "features": tag_candidate(text, kind, category, titles),
    }


class CandidateGenerator:
    """Produces candidates for one person's context; ``llm`` is None when no LLM is configured."""

    def __init__(self, llm: Optional[LlmClient]) -> None:
        self.llm = llm

    async def generate(
        self,
        person_key: str,
        context: Mapping[str, object],
        task_titles: Optional[Sequence[str]],
        max_candidates: int,
        locale: Optional[str] = None,
    ) -> Tuple[List[Candidate], str]:
        """The candidates and their source, ``"llm"`` or ``"template"``."""
        titles = clean_titles(task_titles)
        started = time.monotonic()
        if self.llm is not None:
            try:
                parsed = await self._from_llm(self.llm, context, titles, max_candidates, locale)
            except LlmError as error:
                log.warning("LLM unavailable, using templates: %s", error.describe())
            else:
                if parsed:
                    candidates = self._with_top_up(parsed, person_key, context, titles, max_candidates)
                    log.info(
                        "generated %d candidates (%d from the LLM) in %.0f ms",
                        len(candidates),
                        len(parsed),
                        (time.monotonic() - started) * 1000,
                    )
                    return candidates, "llm"
                log.warning("LLM answer held no usable candidate, using templates")
        candidates = self.from_templates(person_key, context, titles, max_candidates)
        log.info("generated %d template candidates", len(candidates))
        return candidates, "template"

    def from_templates(
        self,
        person_key: str,
        context: Mapping[str, object],
        titles: Sequence[str],
        max_candidates: int,
        exclude_categories: Sequence[str] = (),
    ) -> List[Candidate]:
        return [
            _candidate(t.id, t.text, t.kind, t.category, titles)
            for t in template_candidates(context, titles, max_candidates, person_key, exclude_categories)
        ]

    async def _from_llm(
        self,
        llm: LlmClient,
        context: Mapping[str, object],
        titles: Sequence[str],
        max_candidates: int,
        locale: Optional[str],
    ) -> List[ParsedCandidate]:
        deadline = time.monotonic() + llm.timeout_s
        # Ask for a few more than needed: some are dropped as duplicates or unusable.
        asked = min(max_candidates + 2, 20)
        content = await llm.chat(build_messages(context, titles, asked, locale), timeout_s=llm.timeout_s)
        parsed = parse_candidates(content)
        if len(parsed) > 1:
            parsed = await self._distinct(llm, parsed, deadline - time.monotonic())
        return parsed[:max_candidates]

    async def _distinct(self, llm: LlmClient, parsed: List[ParsedCandidate], time_left: float) -> List[ParsedCandidate]:
        """Near duplicates out: by embeddings when the embedder answers in time, else lexically."""
        texts = [candidate.text for candidate in parsed]
        try:
            vectors = await llm.embed(texts, timeout_s=time_left)
            kept = dedup.keep_distinct_by_embeddings(vectors)
        except LlmError as error:
            log.info("embeddings unavailable (%s), near duplicates removed lexically", error.describe())
            kept = dedup.keep_distinct_lexically(texts)
        return [parsed[i] for i in kept]

    def _with_top_up(
        self,
        parsed: List[ParsedCandidate],
        person_key: str,
        context: Mapping[str, object],
        titles: Sequence[str],
        max_candidates: int,
    ) -> List[Candidate]:
        """LLM candidates first; templates make up the difference when the LLM gave fewer than
        three, so the bandit always has a real choice."""
        candidates = [_candidate(llm_candidate_id(p.text), p.text, p.kind, p.category, titles) for p in parsed]
        missing = min(MIN_CANDIDATES, max_candidates) - len(candidates)
        if missing <= 0:
            return candidates
        present = [c["category"] for c in candidates]
        for extra in self.from_templates(person_key, context, titles, max_candidates, present):
            if missing <= 0:
                break
            if all(dedup.lexical_similarity(extra["text"], c["text"]) < dedup.TRIGRAM_THRESHOLD for c in candidates):
                candidates.append(extra)
                missing -= 1
        return candidates
