import uuid

import pytest

from .helpers import THREE_CANDIDATES, candidate, rank_body


def test_rank_chooses_a_candidate_with_a_valid_propensity(client):
    body = rank_body()
    response = client.post("/rank", json=body)
    assert response.status_code == 200
    ranked = response.json()
    assert ranked["decisionId"] == body["decisionId"]
    assert ranked["chosenId"] in {"a", "b", "c"}
    assert 0.0 < ranked["propensity"] <= 1.0
    assert ranked["propensityMethod"] == "monte-carlo"
    assert (ranked["policy"], ranked["policyVersion"]) == ("linear-ts", "1")


def test_rank_returns_the_shadow_choice_without_serving_it(client):
    shadow = client.post("/rank", json=rank_body()).json()["shadow"]
    assert shadow["chosenId"] in {"a", "b", "c"}
    assert 0.0 < shadow["propensity"] <= 1.0
    assert (shadow["policy"], shadow["policyVersion"]) == ("ridge-egreedy", "2")


def test_not_now_is_never_chosen_unless_allowed(client):
    chosen = {client.post("/rank", json=rank_body()).json()["chosenId"] for _ in range(60)}
    assert "not-now" not in chosen


def test_not_now_can_be_chosen_when_allowed(client):
    chosen = {client.post("/rank", json=rank_body(allowNotNow=True)).json()["chosenId"] for _ in range(60)}
    assert "not-now" in chosen


def test_a_single_candidate_is_chosen_with_propensity_one(client):
    ranked = client.post("/rank", json=rank_body(candidates=[candidate("only", "focus")])).json()
    assert (ranked["chosenId"], ranked["propensity"]) == ("only", 1.0)


def test_the_same_decision_on_the_same_state_is_reproduced(make_client, tmp_path):
    body = rank_body()
    first = make_client(state_dir=tmp_path / "one").post("/rank", json=body).json()
    second = make_client(state_dir=tmp_path / "two").post("/rank", json=body).json()
    assert first == second


def test_repeating_a_rank_request_returns_the_first_answer(client):
    body = rank_body()
    first = client.post("/rank", json=body).json()
    assert client.post("/rank", json=body).json() == first


def test_reusing_a_decision_id_for_another_request_is_a_409(client):
    body = rank_body()
    client.post("/rank", json=body)
    response = client.post("/rank", json={**body, "candidates": THREE_CANDIDATES[:2]})
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"decisionId": "not-a-uuid"}, "decisionId"),
        ({"candidates": []}, "candidates"),
        ({"candidates": [candidate(str(i), "focus") for i in range(51)]}, "candidates"),
        ({"candidates": [{**THREE_CANDIDATES[0], "category": "gardening"}]}, "candidates[0].category"),
        ({"candidates": [{**THREE_CANDIDATES[0], "kind": "order"}]}, "candidates[0].kind"),
        ({"candidates": [{**THREE_CANDIDATES[0], "text": "x" * 141}]}, "candidates[0].text"),
        ({"candidates": [THREE_CANDIDATES[0], THREE_CANDIDATES[0]]}, "candidates"),
        ({"candidates": [{**THREE_CANDIDATES[0], "id": "not-now"}]}, "candidates"),
        ({"context": {"localHour": "late"}}, "context.localHour"),
        ({"context": None}, "context"),
        ({"allowNotNow": "perhaps"}, "allowNotNow"),
    ],
)
def test_bad_rank_input_is_a_422_problem_naming_the_field(client, overrides, field):
    response = client.post("/rank", json=rank_body(**overrides))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["type"]) == (422, "https://oo.app/problems/422")
    assert field in [error["field"] for error in problem["errors"]]


def test_non_finite_numbers_are_refused(client):
    decision = str(uuid.uuid4()).encode()
    body = b'{"decisionId": "%s", "personKey": "p", "context": {"localHour": NaN}, "candidates": []}' % decision
    response = client.post("/rank", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "context.localHour" in [error["field"] for error in response.json()["errors"]]


def test_a_body_that_is_not_json_is_a_400_problem(client):
    response = client.post("/rank", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


def test_reported_propensities_match_how_often_each_candidate_is_chosen(client):
    n = 400
    answers = [client.post("/rank", json=rank_body()).json() for _ in range(n)]
    for action in ("a", "b", "c"):
        reported = [a["propensity"] for a in answers if a["chosenId"] == action]
        assert len(reported) / n == pytest.approx(sum(reported) / len(reported), abs=0.08)
