"""The HTTP contract: request/response models and problem responses (docs/api/ml-serving.yaml)."""
