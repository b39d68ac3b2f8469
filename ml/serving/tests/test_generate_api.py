from serving.vocabulary import CATEGORIES

CONTEXT = {"tasksOverdue": 1, "localHour": 22, "habitStreakMax": 4, "moodMean7d": 3.2}


def test_without_llm_the_templates_answer(client):
    response = client.post("/generate", json={"personKey": "p1", "context": CONTEXT})
    assert response.status_code == 200
    body = response.json()
    assert body["source"] == "template"
    assert body["candidates"][0]["category"] == "overdue-task"
    assert 3 <= len(body["candidates"]) <= 5


def test_health_says_no_llm_is_configured(client):
    body = client.get("/health").json()
    assert body["status"] == "UP" and body["llm"] == "none"
    assert body["policies"] == {"incumbent": "linear-ts@1", "shadow": "ridge-egreedy@2"}


def test_template_generation_is_deterministic_over_http(client):
    body = {"personKey": "p1", "context": CONTEXT, "taskTitles": ["Tax return"], "maxCandidates": 7}
    assert client.post("/generate", json=body).json() == client.post("/generate", json=body).json()


def test_every_candidate_carries_kind_category_and_one_hot_features(client):
    for candidate in client.post("/generate", json={"personKey": "p1", "context": CONTEXT}).json()["candidates"]:
        features = candidate["features"]
        assert sum(features[f"category.{c}"] for c in CATEGORIES) == 1.0
        assert features[f"category.{candidate['category']}"] == 1.0
        assert features[f"kind.{candidate['kind']}"] == 1.0
        assert features["length.short"] + features["length.medium"] + features["length.long"] == 1.0


def test_unknown_and_null_context_features_are_accepted(client):
    context = {"brandNewFeature": 3, "moodMean7d": None, "rateDone.habit": 0.5}
    assert client.post("/generate", json={"personKey": "p1", "context": context}).status_code == 200


def test_max_candidates_out_of_range_is_a_422_naming_the_field(client):
    response = client.post("/generate", json={"personKey": "p1", "context": {}, "maxCandidates": 0})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["maxCandidates"]


def test_a_missing_person_key_is_a_422_naming_the_field(client):
    response = client.post("/generate", json={"context": {}})
    assert [e["field"] for e in response.json()["errors"]] == ["personKey"]


def test_a_non_numeric_context_value_is_a_422_naming_the_feature(client):
    response = client.post("/generate", json={"personKey": "p1", "context": {"localHour": "noon"}})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["context.localHour"]


def test_an_unknown_route_is_a_404_problem(client):
    response = client.get("/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404
