import json
import logging
import socket
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List

import pytest

from serving.vocabulary import CATEGORIES

from .fake_openai import FakeOpenAI, Reply, completion, embeddings, openai_error

MORNING_OVERDUE = {"tasksOverdue": 2, "localHour": 8, "moodMean7d": 3.5}
TITLE = "Renew passport for Zanzibar trip"


def tips(*items: Dict[str, Any]) -> str:
    return json.dumps({"candidates": list(items)})


GOOD = tips(
    {"text": "Take a ten-minute walk before lunch.", "kind": "advice", "category": "movement"},
    {"text": "Close your oldest overdue task first.", "kind": "todo", "category": "overdue-task"},
    {"text": "Drink a glass of water and stretch.", "kind": "advice", "category": "break"},
)


def answer(content: str) -> Any:
    return lambda body: Reply(body=completion(content, body.get("model", "")))


def generate(client, **overrides: Any) -> Dict[str, Any]:
    body = {"personKey": "person-1", "context": MORNING_OVERDUE, **overrides}
    response = client.post("/generate", json=body)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def llm_client(make_client, fake_llm: FakeOpenAI):
    return make_client(litellm_url=fake_llm.url)


def test_llm_candidates_are_returned_with_source_llm_and_features(llm_client, fake_llm):
    fake_llm.chat = answer(GOOD)
    result = generate(llm_client)
    assert result["source"] == "llm"
    assert [c["category"] for c in result["candidates"]] == ["movement", "overdue-task", "break"]
    first = result["candidates"][0]
    assert first["id"].startswith("llm-")
    assert first["features"]["category.movement"] == 1.0 and first["features"]["kind.advice"] == 1.0
    assert first["features"]["imperative"] == 1.0


def test_health_says_the_llm_is_configured(llm_client):
    assert llm_client.get("/health").json()["llm"] == "configured"


def test_the_chat_call_uses_the_tip_generator_alias_and_the_openai_wire_format(llm_client, fake_llm):
    fake_llm.chat = answer(GOOD)
    generate(llm_client)
    request = fake_llm.chat_requests()[0]
    assert request.body["model"] == "tip-generator"
    assert [m["role"] for m in request.body["messages"]] == ["system", "user"]


def test_the_model_aliases_are_configurable(make_client, fake_llm):
    fake_llm.chat = answer(GOOD)
    client = make_client(litellm_url=fake_llm.url + "/v1/", llm_model="tips-large", embed_model="embed-small")
    generate(client)
    assert fake_llm.chat_requests()[0].body["model"] == "tips-large"
    assert fake_llm.embed_requests()[0].body["model"] == "embed-small"


def test_the_api_key_is_sent_as_a_bearer_token_and_never_logged(make_client, fake_llm, caplog):
    caplog.set_level(logging.DEBUG)
    fake_llm.chat = lambda body: Reply(401, openai_error("Invalid key", "authentication_error", "invalid_api_key"))
    client = make_client(litellm_url=fake_llm.url, litellm_api_key="sk-very-secret-123")
    assert generate(client)["source"] == "template"
    assert fake_llm.chat_requests()[0].headers["Authorization"] == "Bearer sk-very-secret-123"
    assert "sk-very-secret-123" not in caplog.text


def test_code_fenced_json_is_read(llm_client, fake_llm):
    fake_llm.chat = answer("Here are your tips:\n```json\n" + GOOD + "\n```")
    assert generate(llm_client)["source"] == "llm"


def test_rate_limited_llm_falls_back_to_templates(llm_client, fake_llm, caplog):
    limited = openai_error("Rate limit reached", "rate_limit_error", "rate_limit_exceeded")
    fake_llm.chat = lambda body: Reply(429, limited)
    result = generate(llm_client)
    assert result["source"] == "template"
    assert result["candidates"][0]["category"] == "overdue-task"
    assert "status=429" in caplog.text and "rate_limit_exceeded" in caplog.text


def test_failing_llm_falls_back_to_templates(llm_client, fake_llm):
    fake_llm.chat = lambda body: Reply(500, openai_error("Internal error", "server_error", None))
    assert generate(llm_client)["source"] == "template"


def test_slow_llm_falls_back_to_templates_within_the_timeout(make_client, fake_llm):
    fake_llm.chat = lambda body: Reply(body=completion(GOOD), delay_s=3.0)
    client = make_client(litellm_url=fake_llm.url, llm_timeout_s=0.3)
    started = time.monotonic()
    result = generate(client)
    assert result["source"] == "template"
    assert time.monotonic() - started < 1.5


def test_unreachable_llm_falls_back_to_templates(make_client):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    client = make_client(litellm_url=f"http://127.0.0.1:{closed_port}")
    assert generate(client)["source"] == "template"


def test_garbage_content_falls_back_to_templates(llm_client, fake_llm):
    fake_llm.chat = answer("As an AI model I think you should relax :)")
    assert generate(llm_client)["source"] == "template"


def test_a_body_that_is_not_a_chat_completion_falls_back_to_templates(llm_client, fake_llm):
    fake_llm.chat = lambda body: Reply(raw=b"<html>gateway</html>")
    assert generate(llm_client)["source"] == "template"


def test_exact_duplicates_are_removed(llm_client, fake_llm):
    fake_llm.chat = answer(
        tips(
            {"text": "Take a ten-minute walk.", "kind": "advice", "category": "movement"},
            {"text": "Take a ten-minute walk!", "kind": "advice", "category": "movement"},
            {"text": "Drink a glass of water.", "kind": "advice", "category": "break"},
            {"text": "Plan the three things that matter today.", "kind": "todo", "category": "plan-day"},
        )
    )
    texts = [c["text"] for c in generate(llm_client)["candidates"]]
    assert texts == ["Take a ten-minute walk.", "Drink a glass of water.", "Plan the three things that matter today."]


def test_near_duplicates_are_removed_by_embeddings(llm_client, fake_llm):
    fake_llm.chat = answer(
        tips(
            {"text": "Go for a short stroll outside.", "kind": "advice", "category": "movement"},
            {"text": "A little walk in the fresh air would help.", "kind": "advice", "category": "movement"},
            {"text": "Drink a glass of water.", "kind": "advice", "category": "break"},
            {"text": "Plan the three things that matter today.", "kind": "todo", "category": "plan-day"},
        )
    )
    # The embedder says the first two mean the same thing, though they share almost no words.
    fake_llm.embed = lambda body: Reply(body=embeddings([[1, 0, 0], [0.99, 0.1, 0], [0, 1, 0], [0, 0, 1]]))
    texts = [c["text"] for c in generate(llm_client)["candidates"]]
    assert "A little walk in the fresh air would help." not in texts
    assert len(texts) == 3
    assert fake_llm.embed_requests()[0].body["model"] == "embedder"


def test_near_duplicates_are_removed_lexically_when_embeddings_fail(llm_client, fake_llm):
    fake_llm.chat = answer(
        tips(
            {"text": "Stand up, stretch and walk for five minutes.", "kind": "advice", "category": "movement"},
            {"text": "Stand up and stretch for five minutes.", "kind": "advice", "category": "movement"},
            {"text": "Drink a glass of water.", "kind": "advice", "category": "break"},
            {"text": "Plan the three things that matter today.", "kind": "todo", "category": "plan-day"},
        )
    )
    fake_llm.embed = lambda body: Reply(500, openai_error("embedder down", "server_error", None))
    texts = [c["text"] for c in generate(llm_client)["candidates"]]
    assert "Stand up and stretch for five minutes." not in texts
    assert len(texts) == 3


def test_too_long_texts_are_cut_to_sentences_or_dropped(llm_client, fake_llm):
    fake_llm.chat = answer(
        tips(
            {"text": "Take a walk. " + "It is good for you. " * 9, "kind": "advice", "category": "movement"},
            {"text": "x" * 400, "kind": "advice", "category": "break"},
            {"text": "Drink a glass of water.", "kind": "advice", "category": "break"},
            {"text": "Plan the three things that matter today.", "kind": "todo", "category": "plan-day"},
        )
    )
    candidates = generate(llm_client)["candidates"]
    assert all(len(c["text"]) <= 140 for c in candidates)
    assert candidates[0]["text"].startswith("Take a walk.")
    assert not any(c["text"].startswith("xxx") for c in candidates)


def test_wrong_kinds_and_categories_are_mapped_or_dropped(llm_client, fake_llm):
    fake_llm.chat = answer(
        tips(
            {"text": "Do ten squats.", "kind": "task", "category": "Exercise"},
            {"text": "Invest in index funds.", "kind": "advice", "category": "finance"},
            {"text": "Write down what went well today.", "kind": "??", "category": "journaling"},
            {"text": "Drink a glass of water.", "kind": "advice", "category": "break"},
        )
    )
    candidates = generate(llm_client)["candidates"]
    pairs = [(c["kind"], c["category"]) for c in candidates]
    assert pairs == [("todo", "movement"), ("advice", "reflection"), ("advice", "break")]
    assert all(c["category"] in CATEGORIES for c in candidates)


def test_an_empty_candidate_list_falls_back_to_templates(llm_client, fake_llm):
    fake_llm.chat = answer('{"candidates": []}')
    assert generate(llm_client)["source"] == "template"


def test_a_short_llm_answer_is_topped_up_with_templates(llm_client, fake_llm):
    fake_llm.chat = answer(tips({"text": "Take a ten-minute walk.", "kind": "advice", "category": "movement"}))
    result = generate(llm_client)
    assert result["source"] == "llm"
    assert len(result["candidates"]) >= 3
    assert result["candidates"][0]["id"].startswith("llm-")
    assert any(c["id"].startswith("tpl-") for c in result["candidates"])


def test_the_llm_answer_is_cut_to_max_candidates(llm_client, fake_llm):
    many = [{"text": f"Tip number {word} about your day.", "kind": "advice", "category": c}
            for word, c in zip(["one", "two", "three", "four", "five", "six"], CATEGORIES)]
    fake_llm.chat = answer(tips(*many))
    assert len(generate(llm_client, maxCandidates=4)["candidates"]) == 4


def test_task_titles_reach_the_prompt_but_never_the_logs(llm_client, fake_llm, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="oo")
    fake_llm.chat = answer(tips({"text": f"Finish {TITLE} now.", "kind": "todo", "category": "overdue-task"}))
    result = generate(llm_client, taskTitles=[TITLE])
    assert TITLE in fake_llm.chat_requests()[0].body["messages"][1]["content"]
    assert result["candidates"][0]["features"]["mentionsTask"] == 1.0
    assert caplog.records
    assert TITLE not in caplog.text
    assert "Finish" not in caplog.text


def test_llm_error_messages_which_may_echo_the_prompt_are_not_logged(llm_client, fake_llm, caplog):
    caplog.set_level(logging.DEBUG)
    fake_llm.chat = lambda body: Reply(400, openai_error(f"context too long: {TITLE}", "invalid_request_error", None))
    assert generate(llm_client, taskTitles=[TITLE])["source"] == "template"
    assert "status=400" in caplog.text
    assert TITLE not in caplog.text


def test_task_titles_and_tip_texts_never_reach_the_state_dir(make_client, fake_llm, state_dir: Path):
    fake_llm.chat = answer(GOOD)
    client = make_client(litellm_url=fake_llm.url)
    candidates: List[Dict[str, Any]] = []
    for _ in range(3):
        candidates = generate(client, taskTitles=[TITLE])["candidates"]
        decision = str(uuid.uuid4())
        body = {"decisionId": decision, "personKey": "person-1", "context": MORNING_OVERDUE, "candidates": candidates}
        ranked = client.post("/rank", json=body)
        assert ranked.status_code == 200
        assert client.post("/reward", json={"decisionId": decision, "reward": 1.0}).json()["applied"]
    client.__exit__(None, None, None)
    stored = b"".join(path.read_bytes() for path in state_dir.rglob("*") if path.is_file())
    assert stored
    for secret in [TITLE, "person-1"] + [c["text"] for c in candidates]:
        assert secret.encode("utf-8") not in stored
