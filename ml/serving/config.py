"""Configuration, from the environment only (the Java side starts this process and sets it)."""

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from .decisions import DEFAULT_MAX_PENDING

DEFAULT_STATE_DIR = "./.oo-ml-state"
DEFAULT_LLM_MODEL = "tip-generator"
DEFAULT_EMBED_MODEL = "embedder"
DEFAULT_LLM_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class Settings:
    """Everything the process can be told. The API key is kept out of ``repr`` so it can never
    reach a log line through a debug print of the settings."""

    state_dir: Path = Path(DEFAULT_STATE_DIR)
    litellm_url: Optional[str] = None
    litellm_api_key: Optional[str] = field(default=None, repr=False)
    llm_model: str = DEFAULT_LLM_MODEL
    embed_model: str = DEFAULT_EMBED_MODEL
    llm_timeout_s: float = DEFAULT_LLM_TIMEOUT_S
    max_pending: int = DEFAULT_MAX_PENDING

    @property
    def llm_configured(self) -> bool:
        return bool(self.litellm_url)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "Settings":
        """Read the ``OO_*`` and ``LITELLM_*`` variables; empty values count as unset."""

        def value(name: str) -> Optional[str]:
            raw = env.get(name, "").strip()
            return raw or None

        timeout = _positive_float("OO_LLM_TIMEOUT_S", value("OO_LLM_TIMEOUT_S"), DEFAULT_LLM_TIMEOUT_S)
        max_pending = int(_positive_float("OO_ML_MAX_PENDING", value("OO_ML_MAX_PENDING"), DEFAULT_MAX_PENDING))
        return cls(
            state_dir=Path(value("OO_ML_STATE_DIR") or DEFAULT_STATE_DIR),
            litellm_url=value("LITELLM_URL"),
            litellm_api_key=value("LITELLM_API_KEY"),
            llm_model=value("OO_LLM_MODEL") or DEFAULT_LLM_MODEL,
            embed_model=value("OO_EMBED_MODEL") or DEFAULT_EMBED_MODEL,
            llm_timeout_s=timeout,
            max_pending=max_pending,
        )


def _positive_float(name: str, raw: Optional[str], default: float) -> float:
    if raw is None:
        return default
    try:
        result = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a positive number, got {raw!r}") from None
    if not result > 0:
        raise ValueError(f"{name} must be a positive number, got {raw!r}")
    return result
