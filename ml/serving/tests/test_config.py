from pathlib import Path

import pytest

from serving.config import Settings
from serving.llm import api_base


def test_defaults_without_environment():
    settings = Settings.from_env({})
    assert settings.state_dir == Path("./.oo-ml-state")
    assert settings.llm_configured is False
    assert (settings.llm_model, settings.embed_model, settings.llm_timeout_s) == ("tip-generator", "embedder", 2.0)


def test_reads_every_variable():
    settings = Settings.from_env(
        {
            "OO_ML_STATE_DIR": "/var/lib/oo-ml",
            "LITELLM_URL": "https://llm.example",
            "LITELLM_API_KEY": "sk-1",
            "OO_LLM_MODEL": "tips",
            "OO_EMBED_MODEL": "vectors",
            "OO_LLM_TIMEOUT_S": "0.5",
        }
    )
    assert settings.state_dir == Path("/var/lib/oo-ml")
    assert settings.llm_configured
    assert settings.litellm_api_key == "sk-1"
    assert (settings.llm_model, settings.embed_model, settings.llm_timeout_s) == ("tips", "vectors", 0.5)


def test_an_empty_litellm_url_means_no_llm():
    assert Settings.from_env({"LITELLM_URL": "  "}).llm_configured is False


def test_a_bad_timeout_fails_at_start_with_the_variable_name():
    with pytest.raises(ValueError, match="OO_LLM_TIMEOUT_S"):
        Settings.from_env({"OO_LLM_TIMEOUT_S": "soon"})


def test_the_api_key_never_appears_in_the_settings_repr():
    assert "sk-secret" not in repr(Settings.from_env({"LITELLM_API_KEY": "sk-secret"}))


def test_the_litellm_url_may_end_with_v1():
    assert api_base("https://llm.example/v1/") == api_base("https://llm.example") == "https://llm.example"


def test_the_state_dir_is_created_at_start(make_client, tmp_path: Path):
    target = tmp_path / "deep" / "state"
    make_client(state_dir=target)
    assert target.is_dir()
