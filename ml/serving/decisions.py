"""The decision loop: rank with the incumbent (and the shadow, never served), remember each
decision until its reward arrives, learn from the reward, and swap policies on promotion.

Both policies learn from the served action only. A reward is evidence about the action the person
saw; the shadow's own choice, when it differs, was never shown, so no reward exists for it. The
regression is still valid for the shadow (linear models can be fit on data collected by another
policy), and the shadow's value is estimated online by inverse propensity: reward times
"shadow chose the served action" over the served propensity, an unbiased estimate of what the
shadow would earn if served. That estimate and the incumbent's mean reward are what
``GET /policies`` shows next to the offline estimates when promotion is decided.
"""

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from .bandit import EpsilonGreedyRidgePolicy, LinearPolicy, LinearThompsonPolicy, decision_rng
from .features import FeatureMap
from .state import StateStore
from .vocabulary import NOT_NOW

log = logging.getLogger("oo.ml.serving.decisions")

DEFAULT_MAX_PENDING = 10_000
DEFAULT_SNAPSHOT_EVERY = 2000


class UnknownDecision(Exception):
    """No pending decision with this id (never ranked here, or evicted before its reward came)."""


class DecisionConflict(Exception):
    """The decision id is already used by a different request, or already rewarded."""


class UnknownPolicy(Exception):
    """Promotion named a policy that is not the current shadow."""


@dataclass
class OnlineValue:
    """Rewarded decisions since the current incumbent/shadow pairing began."""

    decisions: int = 0
    reward_sum: float = 0.0
    shadow_ips_sum: float = 0.0


def default_policies() -> Tuple[LinearPolicy, LinearPolicy]:
    """Incumbent linear Thompson sampling, challenged by an epsilon-greedy ridge (ADR-0010)."""
    return LinearThompsonPolicy(version="1"), EpsilonGreedyRidgePolicy(version="2")


def fingerprint(x: np.ndarray, ids: Sequence[str]) -> str:
    """A digest of what a decision is made on (the action matrix and the ids), to tell a retry of
    the same request from a decision id reused for another one."""
    digest = hashlib.sha256(np.ascontiguousarray(x).tobytes())
    digest.update("\x00".join(ids).encode("utf-8"))
    return digest.hexdigest()[:32]


def _sparse(x: np.ndarray) -> Dict[str, List[Any]]:
    nonzero = np.flatnonzero(x)
    return {"i": nonzero.tolist(), "v": [round(float(v), 6) for v in x[nonzero]]}


def _dense(sparse: Mapping[str, Sequence[Any]], dimension: int) -> np.ndarray:
    x = np.zeros(dimension)
    x[np.asarray(sparse["i"], dtype=np.int64)] = np.asarray(sparse["v"], dtype=np.float64)
    return x


class DecisionService:
    """Thread-safe owner of the two policies, the pending decisions and their persistence."""

    def __init__(
        self,
        store: StateStore,
        max_pending: int = DEFAULT_MAX_PENDING,
        snapshot_every: int = DEFAULT_SNAPSHOT_EVERY,
    ) -> None:
        self.store = store
        self.max_pending = max_pending
        self.snapshot_every = snapshot_every
        self.feature_map = FeatureMap()
        self.incumbent, self.shadow = default_policies()
        self.next_version = 3
        self.epoch = 0
        self.online = OnlineValue()
        # Pending entries are kept as their JSON text: the journal line and the snapshot reuse it
        # as is, so a snapshot of thousands of pending decisions costs a join, not an encoding.
        self.pending: "OrderedDict[str, str]" = OrderedDict()
        self.rewarded: "OrderedDict[str, None]" = OrderedDict()
        self.restored = False
        self._lock = threading.RLock()

    @classmethod
    def open(cls, store: StateStore, **options: Any) -> "DecisionService":
        """A service with the state found in the store: snapshot first, then the journal."""
        service = cls(store, **options)
        loaded = store.load()
        if loaded.meta is not None:
            try:
                service._restore(loaded.meta, loaded.arrays)
            except (ValueError, KeyError) as error:
                log.warning("snapshot does not fit this code (%s): starting with fresh policies", error)
                service = cls(store, **options)
                loaded.records = []
        for record in loaded.records:
            service._replay(record)
        service.restored = loaded.meta is not None or bool(loaded.records)
        log.info(
            "policies ready: incumbent %s@%s (%d updates), shadow %s@%s, %d pending decisions",
            service.incumbent.name,
            service.incumbent.version,
            service.incumbent.updates,
            service.shadow.name,
            service.shadow.version,
            len(service.pending),
        )
        return service

    def rank(
        self,
        decision_id: str,
        context: Mapping[str, object],
        candidates: Sequence[Mapping[str, object]],
        allow_not_now: bool,
    ) -> Dict[str, Any]:
        """Choose with the incumbent, ask the shadow too, and remember the decision."""
        x = self.feature_map.matrix(context, candidates, allow_not_now)
        ids = [str(candidate["id"]) for candidate in candidates] + ([NOT_NOW] if allow_not_now else [])
        request_fingerprint = fingerprint(x, ids)
        with self._lock:
            known = self.pending.get(decision_id)
            if known is not None:
                entry = json.loads(known)
                if entry["fingerprint"] != request_fingerprint:
                    raise DecisionConflict(f"decision {decision_id} was already ranked with another request")
                return dict(entry["response"])
            if decision_id in self.rewarded:
                raise DecisionConflict(f"decision {decision_id} is already rewarded")
            served = self.incumbent.choose_for(x, decision_rng(decision_id, "incumbent"))
            challenger = self.shadow.choose_for(x, decision_rng(decision_id, "shadow"))
            response = {
                "decisionId": decision_id,
                "chosenId": ids[served.index],
                "propensity": served.propensity,
                "propensityMethod": served.method,
                "policy": self.incumbent.name,
                "policyVersion": self.incumbent.version,
                "shadow": {
                    "chosenId": ids[challenger.index],
                    "propensity": challenger.propensity,
                    "policy": self.shadow.name,
                    "policyVersion": self.shadow.version,
                },
            }
            entry = {
                "x": _sparse(served.x),
                "propensity": served.propensity,
                "shadowAgrees": challenger.index == served.index,
                "epoch": self.epoch,
                "fingerprint": request_fingerprint,
                "response": response,
            }
            encoded = json.dumps(entry, separators=(",", ":"), allow_nan=False)
            self._remember(decision_id, encoded)
            self._journal_encoded(f'{{"op":"decide","id":{json.dumps(decision_id)},"entry":{encoded}}}')
            return dict(response)

    def reward(self, decision_id: str, reward: float) -> bool:
        """Learn from a decision's reward once; False when it was already applied."""
        with self._lock:
            applied = self._apply_reward(decision_id, float(reward))
            if applied:
                self._journal({"op": "reward", "id": decision_id, "reward": float(reward)})
            return applied

    def promote(self, name: str) -> Dict[str, Any]:
        """Serve the shadow from now on; the former incumbent becomes the challenger."""
        with self._lock:
            self._apply_promotion(name)
            self._journal({"op": "promote", "policy": name})
            self.snapshot()
            return self.policies()

    def policies(self) -> Dict[str, Any]:
        with self._lock:
            n = self.online.decisions
            return {
                "incumbent": self._describe(
                    self.incumbent, n, self.online.reward_sum / n if n else None, "on-policy-mean"
                ),
                "shadow": self._describe(self.shadow, n, self.online.shadow_ips_sum / n if n else None, "ips"),
            }

    def summary(self) -> Dict[str, str]:
        with self._lock:
            return {
                "incumbent": f"{self.incumbent.name}@{self.incumbent.version}",
                "shadow": f"{self.shadow.name}@{self.shadow.version}",
            }

    def snapshot(self) -> None:
        with self._lock:
            meta = {
                "nextVersion": self.next_version,
                "epoch": self.epoch,
                "online": {
                    "decisions": self.online.decisions,
                    "rewardSum": self.online.reward_sum,
                    "shadowIpsSum": self.online.shadow_ips_sum,
                },
                "rewarded": list(self.rewarded.keys()),
                "policies": {},
            }
            pending = "\n".join(f"{json.dumps(key)}\t{encoded}" for key, encoded in self.pending.items())
            arrays: Dict[str, np.ndarray] = {"pending": np.frombuffer(pending.encode("utf-8"), dtype=np.uint8)}
            for role, policy in (("incumbent", self.incumbent), ("shadow", self.shadow)):
                state = policy.to_state()
                arrays[f"{role}.A"] = state.pop("A")
                arrays[f"{role}.b"] = state.pop("b")
                meta["policies"][role] = state
            self.store.write_snapshot(meta, arrays)

    def close(self) -> None:
        with self._lock:
            self.snapshot()
            self.store.close()
            log.info("state saved: %d updates, %d pending decisions", self.incumbent.updates, len(self.pending))

    def _describe(self, policy: LinearPolicy, decisions: int, value: Optional[float], estimator: str) -> Dict[str, Any]:
        return {
            "name": policy.name,
            "version": policy.version,
            "updates": policy.updates,
            "dimension": policy.dimension,
            "family": policy.family,
            "propensityMethod": policy.propensity_method,
            "params": policy.params(),
            "online": {"decisions": decisions, "value": value, "estimator": estimator},
        }

    def _remember(self, decision_id: str, encoded: str) -> None:
        self.pending[decision_id] = encoded
        while len(self.pending) > self.max_pending:
            self.pending.popitem(last=False)

    def _apply_reward(self, decision_id: str, reward: float) -> bool:
        if decision_id in self.rewarded:
            return False
        encoded = self.pending.pop(decision_id, None)
        if encoded is None:
            raise UnknownDecision(f"no pending decision {decision_id}")
        entry = json.loads(encoded)
        x = _dense(entry["x"], self.feature_map.dimension)
        self.incumbent.update(x, reward)
        self.shadow.update(x, reward)
        if entry["epoch"] == self.epoch:
            self.online.decisions += 1
            self.online.reward_sum += reward
            if entry["shadowAgrees"]:
                self.online.shadow_ips_sum += reward / entry["propensity"]
        self.rewarded[decision_id] = None
        while len(self.rewarded) > self.max_pending:
            self.rewarded.popitem(last=False)
        return True

    def _apply_promotion(self, name: str) -> None:
        if name != self.shadow.name:
            if name == self.incumbent.name:
                raise DecisionConflict(f"{name} is already the incumbent")
            raise UnknownPolicy(f"no shadow policy named {name!r}; the shadow is {self.shadow.name!r}")
        promoted, demoted = self.shadow, self.incumbent
        promoted.version = str(self.next_version)
        demoted.version = str(self.next_version + 1)
        self.next_version += 2
        self.incumbent, self.shadow = promoted, demoted
        self.epoch += 1
        self.online = OnlineValue()
        log.info(
            "promoted %s@%s; %s@%s is now the shadow", promoted.name, promoted.version, demoted.name, demoted.version
        )

    def _journal(self, record: Dict[str, Any]) -> None:
        self._journal_encoded(json.dumps(record, separators=(",", ":"), allow_nan=False))

    def _journal_encoded(self, record: str) -> None:
        self.store.append(record)
        if self.store.records_since_snapshot >= self.snapshot_every:
            self.snapshot()

    def _replay(self, record: Mapping[str, Any]) -> None:
        op = record.get("op")
        try:
            if op == "decide":
                self._remember(str(record["id"]), json.dumps(record["entry"], separators=(",", ":")))
            elif op == "reward":
                self._apply_reward(str(record["id"]), float(record["reward"]))
            elif op == "promote":
                self._apply_promotion(str(record["policy"]))
        except (UnknownDecision, DecisionConflict, UnknownPolicy, KeyError, ValueError) as error:
            log.warning("journal record %s could not be replayed: %s", record.get("seq"), type(error).__name__)

    def _restore(self, meta: Mapping[str, Any], arrays: Mapping[str, np.ndarray]) -> None:
        policies = {}
        for role in ("incumbent", "shadow"):
            state = dict(meta["policies"][role])
            state["A"] = arrays[f"{role}.A"]
            state["b"] = arrays[f"{role}.b"]
            policies[role] = LinearPolicy.from_state(state)
        self.incumbent, self.shadow = policies["incumbent"], policies["shadow"]
        self.next_version = int(meta["nextVersion"])
        self.epoch = int(meta["epoch"])
        online = meta["online"]
        self.online = OnlineValue(int(online["decisions"]), float(online["rewardSum"]), float(online["shadowIpsSum"]))
        lines = arrays["pending"].tobytes().decode("utf-8")
        self.pending = OrderedDict()
        for line in lines.split("\n"):
            if line:
                key, encoded = line.split("\t", 1)
                self.pending[str(json.loads(key))] = encoded
        self.rewarded = OrderedDict((str(key), None) for key in meta["rewarded"])
