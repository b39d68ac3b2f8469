"""oO's ml/serving: candidate tips (LLM or templates), a contextual bandit that picks one, and the
online reward loop. Run with ``python3 -m uvicorn serving.app:app`` from the ``ml/`` directory."""
