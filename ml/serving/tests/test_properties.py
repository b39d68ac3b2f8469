"""Properties that must hold for any input the Java side or an LLM could send."""

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from serving.features import CONTEXT_FEATURES, FeatureMap
from serving.parsing import parse_candidates
from serving.templates import template_candidates
from serving.vocabulary import CATEGORIES, KINDS, MAX_TEXT_CHARS

# No example database and explicit alphabets: nothing is written into the working tree.
QUICK = settings(max_examples=150, deadline=None, database=None)

ALPHABET = "abcdefghijklmnopqrstuvwxyz ABC.,;:!?-_'\"{}[]`\n\t0123456789\u201c\u201d\u00e9\u2022"
texts = st.text(alphabet=ALPHABET, max_size=200)
words = st.sampled_from(["text", "tip", "kind", "category", "candidates", "todo", "advice", "break", "Exercise"])
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), texts, words),
    lambda children: st.one_of(
        st.lists(children, max_size=6), st.dictionaries(st.one_of(words, texts), children, max_size=6)
    ),
    max_leaves=30,
)
numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**12), 10**12), st.none())
names = st.one_of(st.sampled_from(CONTEXT_FEATURES), st.text(alphabet=ALPHABET, max_size=20))
contexts = st.dictionaries(names, numbers, max_size=40)


@QUICK
@given(content=st.one_of(st.text(alphabet=ALPHABET, max_size=600), st.builds(json.dumps, json_values)))
def test_any_llm_answer_parses_into_valid_candidates_or_none(content):
    for candidate in parse_candidates(content):
        assert 3 <= len(candidate.text) <= MAX_TEXT_CHARS
        assert candidate.kind in KINDS and candidate.category in CATEGORIES


@QUICK
@given(context=contexts)
def test_any_context_gives_a_finite_bounded_feature_matrix(context):
    candidates = [{"id": c, "kind": "advice", "category": c, "features": {"hasNumber": 1.0}} for c in CATEGORIES]
    x = FeatureMap().matrix(context, candidates, allow_not_now=True)
    assert np.all(np.isfinite(x)) and np.all(np.abs(x) <= 1.0)


@QUICK
@given(context=contexts, maximum=st.integers(1, 20))
def test_any_context_gives_enough_template_candidates(context, maximum):
    result = template_candidates(context, max_candidates=maximum)
    assert min(3, maximum) <= len(result) <= maximum
