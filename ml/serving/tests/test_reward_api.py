import uuid
from pathlib import Path

from .helpers import rank_body


def ranked(client, **overrides) -> str:
    body = rank_body(**overrides)
    assert client.post("/rank", json=body).status_code == 200
    return body["decisionId"]


def updates(client) -> tuple:
    policies = client.get("/policies").json()
    return policies["incumbent"]["updates"], policies["shadow"]["updates"]


def test_a_reward_is_applied_to_both_policies(client):
    decision = ranked(client)
    response = client.post("/reward", json={"decisionId": decision, "reward": 1.0})
    assert response.status_code == 200
    assert response.json() == {"decisionId": decision, "applied": True}
    assert updates(client) == (1, 1)


def test_a_second_reward_for_the_same_decision_changes_nothing(client):
    decision = ranked(client)
    client.post("/reward", json={"decisionId": decision, "reward": 1.0})
    before = client.get("/policies").json()
    again = client.post("/reward", json={"decisionId": decision, "reward": -1.0})
    assert again.json() == {"decisionId": decision, "applied": False}
    assert client.get("/policies").json() == before


def test_a_reward_for_an_unknown_decision_is_a_404_problem(client):
    response = client.post("/reward", json={"decisionId": str(uuid.uuid4()), "reward": 0.5})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "decisionId"


def test_a_reward_outside_minus_one_to_one_is_a_422_naming_the_field(client):
    response = client.post("/reward", json={"decisionId": ranked(client), "reward": 1.5})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["reward"]


def test_ranking_an_already_rewarded_decision_is_a_409(client):
    body = rank_body()
    client.post("/rank", json=body)
    client.post("/reward", json={"decisionId": body["decisionId"], "reward": 1.0})
    assert client.post("/rank", json=body).status_code == 409


def test_the_online_value_counts_rewarded_decisions(client):
    for reward in (1.0, 0.0, 1.0, 1.0):
        client.post("/reward", json={"decisionId": ranked(client), "reward": reward})
    incumbent = client.get("/policies").json()["incumbent"]["online"]
    assert incumbent == {"decisions": 4, "value": 0.75, "estimator": "on-policy-mean"}


def test_learning_survives_a_restart_on_the_same_state_dir(make_client):
    first = make_client()
    for _ in range(3):
        first.post("/reward", json={"decisionId": ranked(first), "reward": 1.0})
    pending = ranked(first)
    learned = first.get("/policies").json()
    first.__exit__(None, None, None)

    second = make_client()
    assert second.get("/policies").json() == learned
    assert second.post("/reward", json={"decisionId": pending, "reward": 0.0}).json()["applied"] is True
    assert updates(second) == (4, 4)


def test_learning_survives_a_crash_without_shutdown(make_client):
    first = make_client()
    rewarded = ranked(first)
    first.post("/reward", json={"decisionId": rewarded, "reward": 1.0})
    pending = ranked(first)

    # A second instance while the first never shut down: only the journal holds the updates.
    second = make_client()
    assert updates(second) == (1, 1)
    assert second.post("/reward", json={"decisionId": rewarded, "reward": 1.0}).json()["applied"] is False
    assert second.post("/reward", json={"decisionId": pending, "reward": 1.0}).json()["applied"] is True


def test_the_state_is_written_atomically_without_leftovers(make_client, state_dir: Path):
    client = make_client()
    client.post("/reward", json={"decisionId": ranked(client), "reward": 1.0})
    client.__exit__(None, None, None)
    assert sorted(p.name for p in state_dir.iterdir()) == ["journal.jsonl", "snapshot.npz"]
    assert (state_dir / "journal.jsonl").read_text() == ""


def test_promotion_swaps_shadow_and_incumbent_under_new_versions(client):
    client.post("/reward", json={"decisionId": ranked(client), "reward": 1.0})
    response = client.post("/policies/promote", json={"policy": "ridge-egreedy"})
    assert response.status_code == 200
    policies = response.json()
    assert (policies["incumbent"]["name"], policies["incumbent"]["version"]) == ("ridge-egreedy", "3")
    assert (policies["shadow"]["name"], policies["shadow"]["version"]) == ("linear-ts", "4")
    assert policies["incumbent"]["updates"] == 1
    assert policies["incumbent"]["online"]["decisions"] == 0
    served = client.post("/rank", json=rank_body()).json()
    assert (served["policy"], served["propensityMethod"]) == ("ridge-egreedy", "exact")
    assert served["shadow"]["policy"] == "linear-ts"


def test_a_promotion_survives_a_restart(make_client):
    first = make_client()
    first.post("/policies/promote", json={"policy": "ridge-egreedy"})
    first.__exit__(None, None, None)
    assert make_client().get("/health").json()["policies"] == {"incumbent": "ridge-egreedy@3", "shadow": "linear-ts@4"}


def test_promoting_the_incumbent_is_a_409(client):
    assert client.post("/policies/promote", json={"policy": "linear-ts"}).status_code == 409


def test_promoting_an_unknown_policy_is_a_404(client):
    response = client.post("/policies/promote", json={"policy": "deep-magic"})
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "policy"


def test_policies_describe_name_version_updates_and_dimension(client):
    incumbent = client.get("/policies").json()["incumbent"]
    assert (incumbent["name"], incumbent["version"], incumbent["updates"]) == ("linear-ts", "1", 0)
    assert incumbent["dimension"] == 186
