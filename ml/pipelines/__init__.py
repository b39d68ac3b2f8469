"""oO's offline simulation: off-policy evaluation of candidate tip policies on decision-log
snapshots, the report analysts read, and the promotion gate (ADR-0011). Run from `ml/`:
`python3 -m pipelines.simulate --help`."""
