from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from serving.app import create_app
from serving.config import Settings

from .fake_openai import FakeOpenAI

ClientFactory = Callable[..., TestClient]


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def make_client(state_dir: Path) -> Iterator[ClientFactory]:
    """Starts an app (startup loads the state) per call; all are shut down at the end."""
    with ExitStack() as stack:

        def factory(**overrides: Any) -> TestClient:
            settings = Settings(**{"state_dir": state_dir, **overrides})
            return stack.enter_context(TestClient(create_app(settings)))

        yield factory


@pytest.fixture
def client(make_client: ClientFactory) -> TestClient:
    return make_client()


@pytest.fixture
def fake_llm() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI().start()
    yield fake
    fake.stop()

