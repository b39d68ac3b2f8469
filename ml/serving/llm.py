"""The LiteLLM client: OpenAI-compatible chat completions and embeddings, by model alias.

All of oO's LLM calls go through here, so swapping the model behind an alias is a LiteLLM
configuration change. Failures are turned into :class:`LlmError` with what is safe to log: the
HTTP status and the OpenAI error ``type``/``code``, never the error message (providers echo the
prompt in it), the prompt, the answer or the API key.
"""

import asyncio
from typing import Any, Dict, List, Optional, Sequence

import httpx


class LlmError(Exception):
    """The LLM did not give a usable answer in time; ``reason`` is safe to log."""

    def __init__(
        self,
        reason: str,
        status: Optional[int] = None,
        error_type: Optional[str] = None,
        error_code: Optional[str] = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.error_type = error_type
        self.error_code = error_code

    def describe(self) -> str:
        parts = [self.reason]
        if self.status is not None:
            parts.append(f"status={self.status}")
        if self.error_type:
            parts.append(f"type={self.error_type}")
        if self.error_code:
            parts.append(f"code={self.error_code}")
        return " ".join(parts)


def api_base(url: str) -> str:
    """``LITELLM_URL`` with or without a trailing ``/v1``: both name the same server."""
    base = url.strip().rstrip("/")
    return base[: -len("/v1")] if base.endswith("/v1") else base


class LlmClient:
    """One pooled async HTTP client for the process; every call is bounded by ``timeout_s``."""

    def __init__(
        self,
        base_url: str,
        model: str,
        embed_model: str,
        timeout_s: float,
        api_key: Optional[str] = None,
    ) -> None:
        self.model = model
        self.embed_model = embed_model
        self.timeout_s = timeout_s
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.AsyncClient(
            base_url=api_base(base_url),
            headers=headers,
            timeout=httpx.Timeout(timeout_s),
            trust_env=False,
        )

    async def chat(
        self,
        messages: Sequence[Dict[str, str]],
        timeout_s: float,
        max_tokens: int = 600,
        temperature: float = 0.7,
    ) -> str:
        """The assistant message's content of a chat completion."""
        body = {
            "model": self.model,
            "messages": list(messages),
            "max_tokens": max_tokens,
            "temperature": temperature,
        }
        answer = await self._post("/v1/chat/completions", body, timeout_s)
        try:
            content = answer["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise LlmError("bad-response") from None
        if not isinstance(content, str):
            raise LlmError("bad-response")
        return content

    async def embed(self, texts: Sequence[str], timeout_s: float) -> List[List[float]]:
        """One embedding per text, in the order of the texts."""
        answer = await self._post("/v1/embeddings", {"model": self.embed_model, "input": list(texts)}, timeout_s)
        try:
            rows = sorted(answer["data"], key=lambda row: int(row["index"]))
            vectors = [[float(v) for v in row["embedding"]] for row in rows]
        except (KeyError, TypeError, ValueError):
            raise LlmError("bad-response") from None
        if len(vectors) != len(texts) or len({len(v) for v in vectors}) != 1 or not vectors[0]:
            raise LlmError("bad-response")
        return vectors

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _post(self, path: str, body: Dict[str, Any], timeout_s: float) -> Dict[str, Any]:
        if timeout_s <= 0:
            raise LlmError("timeout")
        try:
            response = await asyncio.wait_for(self._http.post(path, json=body), timeout=timeout_s)
        except (asyncio.TimeoutError, httpx.TimeoutException):
            raise LlmError("timeout") from None
        except httpx.HTTPError as error:
            raise LlmError(f"transport:{type(error).__name__}") from None
        if response.status_code >= 400:
            raise _http_error(response)
        try:
            answer = response.json()
        except ValueError:
            raise LlmError("bad-response", response.status_code) from None
        if not isinstance(answer, dict):
            raise LlmError("bad-response", response.status_code)
        return answer


def _http_error(response: httpx.Response) -> LlmError:
    """OpenAI error shape ``{"error": {"message", "type", "code"}}``; keep type and code only."""
    error_type = error_code = None
    try:
        error = response.json().get("error")
        if isinstance(error, dict):
            error_type = _short(error.get("type"))
            error_code = _short(error.get("code"))
    except (ValueError, AttributeError):
        pass
    reason = "rate-limited" if response.status_code == 429 else "http-error"
    return LlmError(reason, response.status_code, error_type, error_code)


def _short(value: Any) -> Optional[str]:
    """Error types and codes are short identifiers; anything else is not logged."""
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= 40 and text.replace("_", "").replace("-", "").isalnum() else None
