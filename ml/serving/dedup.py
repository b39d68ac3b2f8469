"""Near-duplicate removal: two tips that say the same thing waste one of the bandit's choices.

With embeddings (the ``embedder`` alias) two texts are duplicates when their cosine similarity is
high; without them, when they share most words or most character trigrams. Both keep the first of
a group, so the LLM's order (usually its preference) survives.
"""

import re
from typing import List, Sequence, Set

import numpy as np

EMBEDDING_THRESHOLD = 0.9
WORD_THRESHOLD = 0.7
TRIGRAM_THRESHOLD = 0.6

_WORD = re.compile(r"[a-z0-9]+")


def keep_distinct_by_embeddings(
    vectors: Sequence[Sequence[float]], threshold: float = EMBEDDING_THRESHOLD
) -> List[int]:
    """Indices of the texts to keep, in order."""
    matrix = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = matrix / np.where(norms == 0, 1.0, norms)
    kept: List[int] = []
    for i in range(len(unit)):
        if all(float(unit[i] @ unit[j]) < threshold for j in kept):
            kept.append(i)
    return kept


def keep_distinct_lexically(texts: Sequence[str]) -> List[int]:
    """Indices of the texts to keep, in order, by word and character-trigram Jaccard similarity."""
    words = [set(_WORD.findall(text.lower())) for text in texts]
    trigrams = [_trigrams(text) for text in texts]
    kept: List[int] = []
    for i in range(len(texts)):
        duplicate = any(
            _jaccard(words[i], words[j]) >= WORD_THRESHOLD or _jaccard(trigrams[i], trigrams[j]) >= TRIGRAM_THRESHOLD
            for j in kept
        )
        if not duplicate:
            kept.append(i)
    return kept


def lexical_similarity(a: str, b: str) -> float:
    """The larger of the two Jaccard similarities the lexical rule compares to its thresholds."""
    return max(
        _jaccard(set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))),
        _jaccard(_trigrams(a), _trigrams(b)),
    )


def _trigrams(text: str) -> Set[str]:
    folded = " ".join(_WORD.findall(text.lower()))
    return {folded[i : i + 3] for i in range(max(len(folded) - 2, 1))}


def _jaccard(a: Set[str], b: Set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
