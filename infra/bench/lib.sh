# Shared by infra/bench/run and infra/bench/scale-out: build, database, ml/serving, app nodes.
# Everything listens on 127.0.0.1 only; every process started here is stopped by its pid on exit.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${OO_BENCH_DIR:-$ROOT/target/bench}"
PG="${OO_BENCH_PG:-jdbc:postgresql://127.0.0.1:5432}"
DB="${OO_BENCH_DB:-oo_bench}"
JDBC="$PG/$DB"
ML_DIR="${OO_BENCH_ML_DIR:-$ROOT/ml}"
ML_PORT="${OO_BENCH_ML_PORT:-18090}"
JAVA_NODE_OPTS="${OO_BENCH_JAVA_OPTS:--Xms1g -Xmx3g}"
mkdir -p "$WORK/logs"
RESULTS="${RESULTS:-$WORK/results.tsv}"
PIDS=()

log() { printf '\n== %s  [%s, load %s]\n' "$*" "$(date -u +%H:%M:%S)" "$(cut -d' ' -f1 /proc/loadavg)"; }

bench() {
  java -cp "$WORK/lib/postgresql.jar" "$ROOT/infra/bench/Bench.java" "$@" "results=$RESULTS"
}

build() {
  if [ "${OO_BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$ROOT/web/target/oo.jar" ]; then
    log "build (./mvnw package, tests skipped: infra/bin/test runs them)"
    (cd "$ROOT" && ./mvnw -B -q -pl web -am -DskipTests -DskipPythonTests package)
  fi
  mkdir -p "$WORK/lib"
  unzip -o -j -q "$ROOT/web/target/oo.jar" 'BOOT-INF/lib/postgresql-*.jar' -d "$WORK/lib"
  mv -f "$WORK"/lib/postgresql-*.jar "$WORK/lib/postgresql.jar"
}

fresh_database() {
  log "fresh database $DB on ${PG#jdbc:}"
  bench createdb "jdbc=$JDBC"
  rm -rf "$WORK/data"
}

start_ml() {
  if [ ! -f "$ML_DIR/serving/app.py" ]; then
    echo "no ml/serving in $ML_DIR (set OO_BENCH_ML_DIR to the folder that holds serving/)" >&2
    exit 1
  fi
  log "ml/serving (one for every node) on 127.0.0.1:$ML_PORT"
  (cd "$ML_DIR" && OO_ML_STATE_DIR="$WORK/ml-state" PYTHONDONTWRITEBYTECODE=1 \
    exec /usr/bin/python3 -m uvicorn serving.app:app --host 127.0.0.1 --port "$ML_PORT" --no-access-log \
    >"$WORK/logs/ml.log" 2>&1) &
  ML_PID=$!
  PIDS+=("$ML_PID")
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$ML_PORT/health" >/dev/null && return 0
    sleep 0.5
  done
  echo "ml/serving did not answer /health; see $WORK/logs/ml.log" >&2
  exit 1
}

# start_node NAME PORT [ML_URL] [extra app args...]: one app JVM on the shared database and data dir
# (same signing key, so every node accepts every token). Sets NODE_PID_<NAME>. Waits for the
# readiness probe: a node whose ml/serving is away is ready (it serves fallback tips) while
# /actuator/health says DEGRADED.
start_node() {
  local name="$1" port="$2" ml="${3:-http://127.0.0.1:$ML_PORT}"
  shift 3 || shift $#
  local jfr=()
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port already answers (another process): set OO_BENCH_PORT to a free one" >&2
    exit 1
  fi
  if [ "${OO_BENCH_JFR:-0}" = 1 ]; then
    jfr=("-XX:StartFlightRecording=filename=$WORK/$name.jfr,settings=profile,dumponexit=true")
  fi
  OO_DATABASE_URL="$JDBC" OO_ML_URL="$ml" OO_DATA_DIR="$WORK/data" PORT="$port" \
    OO_DATABASE_POOLSIZE="${OO_BENCH_POOL:-16}" \
    java $JAVA_NODE_OPTS "${jfr[@]}" -jar "$ROOT/web/target/oo.jar" --server.address=127.0.0.1 "$@" \
    >"$WORK/logs/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  printf -v "NODE_PID_$name" '%s' "$pid"
  for _ in $(seq 1 180); do
    if curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null; then
      echo "  node $name up on 127.0.0.1:$port (pid $pid)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "node $name exited; see $WORK/logs/$name.log" >&2
      tail -20 "$WORK/logs/$name.log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "node $name did not start; see $WORK/logs/$name.log" >&2
  exit 1
}

# stop_node NAME [KILL]: graceful stop (SIGTERM, Spring's graceful shutdown), or SIGKILL.
stop_node() {
  local var="NODE_PID_$1" signal="${2:-TERM}"
  local pid="${!var:-}"
  [ -n "$pid" ] || return 0
  if [ "${OO_BENCH_JFR:-0}" = 1 ] && [ "$signal" = TERM ]; then
    # Dumped while the node runs: a dump at exit is lost when a slow shutdown ends in SIGKILL.
    jcmd "$pid" JFR.dump name=1 "filename=$WORK/$1.jfr" >/dev/null 2>&1 || true
  fi
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  printf -v "$var" '%s' ""
}

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}

# A port nothing listens on: ml/serving "down" for the fallback stage.
closed_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# cpu_seconds PID: user + system CPU time the process has used so far, in seconds.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}
