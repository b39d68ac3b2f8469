"""Request and response bodies of the HTTP contract (docs/api/ml-serving.yaml), pydantic v1.

Python attributes are snake_case; the wire names are camelCase through an alias generator.
Validation is strict where a mistake would corrupt learning (finite JSON numbers, reward range,
categories from the vocabulary, unique candidate ids) and lenient elsewhere (unknown fields and
unknown context names are accepted and ignored; null context values count as 0).
"""

from typing import Any, Callable, Dict, Iterator, List, Literal, Optional
from uuid import UUID

from pydantic import BaseModel, Field, ValidationError, validator
from pydantic.error_wrappers import ErrorWrapper

from ..vocabulary import CATEGORIES, KINDS, MAX_TEXT_CHARS, NOT_NOW

MAX_CONTEXT_ENTRIES = 512
MAX_CANDIDATES_PER_RANK = 50
_NUMBER_TYPES = (int, float)  # exact types: JSON true/false are not numbers

Category = Literal[CATEGORIES]  # type: ignore[valid-type]
Kind = Literal[KINDS]  # type: ignore[valid-type]


def to_camel(name: str) -> str:
    head, *tail = name.split("_")
    return head + "".join(part.title() for part in tail)


class CamelModel(BaseModel):
    class Config:
        alias_generator = to_camel
        allow_population_by_field_name = True


class NumberMap(dict):  # type: ignore[type-arg]
    """A JSON object of name -> finite number (or null), checked in one pass.

    Contexts and candidate features are the hot path of ``/rank`` (50 context entries, 20
    candidates of 20 features): pydantic's per-entry float validation cost more than the policy
    itself. Errors still name the entry (``context.localHour``).
    """

    @classmethod
    def __get_validators__(cls) -> Iterator[Callable[[Any], Dict[str, Any]]]:
        yield cls.validate

    @classmethod
    def __modify_schema__(cls, schema: Dict[str, Any]) -> None:
        schema.update(type="object", additionalProperties={"type": "number"})

    @classmethod
    def validate(cls, value: Any) -> Dict[str, Any]:
        if not isinstance(value, dict):
            raise TypeError("must be an object of name -> number")
        if len(value) > MAX_CONTEXT_ENTRIES:
            raise ValueError(f"at most {MAX_CONTEXT_ENTRIES} entries")
        bad = [
            ErrorWrapper(ValueError("must be a finite number or null"), loc=str(name))
            for name, number in value.items()
            if not (number is None or (type(number) in _NUMBER_TYPES and number - number == 0))
        ]
        if bad:
            raise ValidationError(bad, _Entries)
        return value


class _Entries(BaseModel):
    """Only names the model of nested errors, which pydantic requires."""


class Candidate(CamelModel):
    id: str = Field(..., min_length=1, max_length=64)
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_CHARS)
    kind: Kind
    category: Category
    features: NumberMap = Field(default_factory=dict)


class GenerateRequest(CamelModel):
    person_key: str = Field(..., min_length=1, max_length=200)
    context: NumberMap
    task_titles: Optional[List[str]] = Field(None, max_items=50)
    max_candidates: int = Field(5, ge=1, le=20)
    locale: Optional[str] = Field(None, max_length=35)


class GeneratedCandidate(CamelModel):
    id: str
    text: str
    kind: Kind
    category: Category
    features: Dict[str, float]


class GenerateResponse(CamelModel):
    candidates: List[GeneratedCandidate]
    source: Literal["llm", "template"]


class RankRequest(CamelModel):
    decision_id: UUID
    person_key: str = Field(..., min_length=1, max_length=200)
    context: NumberMap
    candidates: List[Candidate] = Field(..., min_items=1, max_items=MAX_CANDIDATES_PER_RANK)
    allow_not_now: bool = False

    @validator("candidates")
    def ids_are_unique_and_not_reserved(cls, value: List[Candidate]) -> List[Candidate]:
        ids = [candidate.id for candidate in value]
        if NOT_NOW in ids:
            raise ValueError(f"the id {NOT_NOW!r} is reserved for the not-now action")
        if len(set(ids)) != len(ids):
            raise ValueError("candidate ids must be unique")
        return value


class ShadowChoice(CamelModel):
    chosen_id: str
    propensity: float
    policy: str
    policy_version: str


class RankResponse(CamelModel):
    decision_id: str
    chosen_id: str
    propensity: float
    propensity_method: Literal["exact", "monte-carlo"]
    policy: str
    policy_version: str
    shadow: ShadowChoice


class RewardRequest(CamelModel):
    decision_id: UUID
    reward: float = Field(..., ge=-1.0, le=1.0)


class RewardResponse(CamelModel):
    decision_id: str
    applied: bool


class OnlineValue(CamelModel):
    decisions: int
    value: Optional[float] = Field(..., description="null until a decision of this pairing is rewarded")
    estimator: Literal["on-policy-mean", "ips"]


class PolicyInfo(CamelModel):
    name: str
    version: str
    updates: int
    dimension: int
    family: str
    propensity_method: Literal["exact", "monte-carlo"]
    params: Dict[str, float]
    online: OnlineValue


class PoliciesResponse(CamelModel):
    incumbent: PolicyInfo
    shadow: PolicyInfo


class PromoteRequest(CamelModel):
    policy: str = Field(..., min_length=1, max_length=100)


class HealthResponse(CamelModel):
    status: Literal["UP"]
    policies: Dict[str, str]
    llm: Literal["configured", "none"]


class FieldError(CamelModel):
    field: str
    message: str


class Problem(CamelModel):
    type: str
    title: str
    status: int
    detail: str
    errors: List[FieldError]
