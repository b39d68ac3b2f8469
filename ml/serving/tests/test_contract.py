"""docs/api/ml-serving.yaml is the contract the Java side codes against: the app's routes, their
request and response fields (names, required, types, enums) and its actual answers must match it."""

from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

import pytest
import yaml

from serving.app import create_app

from .helpers import rank_body

SPEC_PATH = Path(__file__).resolve().parents[3] / "docs" / "api" / "ml-serving.yaml"
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def spec() -> Dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def generated() -> Dict[str, Any]:
    return create_app().openapi()


def resolve(schema: Dict[str, Any], doc: Dict[str, Any]) -> Dict[str, Any]:
    while "$ref" in schema or ("allOf" in schema and len(schema["allOf"]) == 1):
        if "$ref" in schema:
            node: Any = doc
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node[part]
            schema = node
        else:
            schema = schema["allOf"][0]
    return schema


def shape(schema: Dict[str, Any], doc: Dict[str, Any]) -> Any:
    """What must agree between the two documents: field names, required sets, types, enums."""
    schema = resolve(schema, doc)
    if "properties" in schema:
        fields = {name: shape(sub, doc) for name, sub in schema["properties"].items()}
        return ("object", tuple(sorted(fields.items())), tuple(sorted(schema.get("required", []))))
    kind = schema.get("type")
    if kind == "object":
        extra = schema.get("additionalProperties")
        return ("map", shape(extra, doc) if isinstance(extra, dict) else None)
    if kind == "array":
        return ("array", shape(schema["items"], doc))
    if "enum" in schema:
        return ("enum", kind, tuple(sorted(schema["enum"])))
    return (kind,)


def operations(doc: Dict[str, Any]) -> Set[Tuple[str, str]]:
    return {(path, method) for path, item in doc["paths"].items() for method in item if method in METHODS}


def body_schema(operation: Dict[str, Any]) -> Dict[str, Any]:
    return operation["requestBody"]["content"]["application/json"]["schema"]


def ok_schema(operation: Dict[str, Any]) -> Dict[str, Any]:
    return operation["responses"]["200"]["content"]["application/json"]["schema"]


def validate(instance: Any, schema: Dict[str, Any], doc: Dict[str, Any], where: str = "$") -> List[str]:
    """The few JSON-schema rules the contract uses; returns the violations."""
    schema = resolve(schema, doc)
    if instance is None:
        return [] if schema.get("nullable") else [f"{where} is null"]
    errors: List[str] = []
    kind = schema.get("type")
    python_types = {
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "object": dict,
        "array": list,
    }
    if kind and not isinstance(instance, python_types[kind]):
        return [f"{where} is not a {kind}"]
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{where}={instance!r} not in the enum")
    if kind == "object":
        properties = schema.get("properties", {})
        errors += [f"{where}.{name} is missing" for name in schema.get("required", []) if name not in instance]
        for name, value in instance.items():
            if name in properties:
                errors += validate(value, properties[name], doc, f"{where}.{name}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += validate(value, schema["additionalProperties"], doc, f"{where}.{name}")
            elif properties:
                errors.append(f"{where}.{name} is not in the contract")
    if kind == "array":
        for i, item in enumerate(instance):
            errors += validate(item, schema["items"], doc, f"{where}[{i}]")
    return errors


def test_the_app_serves_exactly_the_documented_operations(spec, generated):
    assert operations(generated) == operations(spec)


def test_request_bodies_match_the_contract(spec, generated):
    for path, method in sorted(operations(spec)):
        documented = spec["paths"][path][method]
        served = generated["paths"][path][method]
        assert ("requestBody" in documented) == ("requestBody" in served), (path, method)
        if "requestBody" in documented:
            assert shape(body_schema(served), generated) == shape(body_schema(documented), spec), (path, method)


def test_success_responses_match_the_contract(spec, generated):
    for path, method in sorted(operations(spec)):
        documented = ok_schema(spec["paths"][path][method])
        served = ok_schema(generated["paths"][path][method])
        assert shape(served, generated) == shape(documented, spec), (path, method)


def test_every_operation_with_a_body_documents_problem_responses(spec):
    for path, method in sorted(operations(spec)):
        operation = spec["paths"][path][method]
        if "requestBody" not in operation:
            continue
        for status in ("400", "422"):
            response = resolve(operation["responses"][status], spec)
            problem = resolve(response["content"]["application/problem+json"]["schema"], spec)
            assert problem is spec["components"]["schemas"]["Problem"], (path, method, status)


def test_the_category_vocabulary_is_the_documented_one(spec):
    from serving.vocabulary import CATEGORIES

    assert tuple(spec["components"]["schemas"]["Category"]["enum"]) == CATEGORIES


def test_real_answers_conform_to_the_contract(spec, client):
    schemas = spec["components"]["schemas"]
    generated_body = client.post("/generate", json={"personKey": "p", "context": {"tasksOverdue": 1}}).json()
    assert validate(generated_body, schemas["GenerateResponse"], spec) == []
    body = rank_body(candidates=generated_body["candidates"], allowNotNow=True)
    assert validate(client.post("/rank", json=body).json(), schemas["RankResponse"], spec) == []
    reward = client.post("/reward", json={"decisionId": body["decisionId"], "reward": 1.0}).json()
    assert validate(reward, schemas["RewardResponse"], spec) == []
    assert validate(client.get("/policies").json(), schemas["PoliciesResponse"], spec) == []
    assert validate(client.get("/health").json(), schemas["HealthResponse"], spec) == []
    promoted = client.post("/policies/promote", json={"policy": "ridge-egreedy"}).json()
    assert validate(promoted, schemas["PoliciesResponse"], spec) == []


def test_real_problems_conform_to_the_contract(spec, client):
    problem = client.post("/rank", json={"decisionId": "nope"}).json()
    assert validate(problem, spec["components"]["schemas"]["Problem"], spec) == []
