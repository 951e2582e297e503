#!/usr/bin/env bash
# Throughput of the local stack on loopback: GET /users as an admin of an account with a few users, with wrk.
#   bench/throughput.sh [duration, default 15s] [connections, default 32] [threads, default 2]
# The stack runs on moto, started by the stack itself (local/engine's launcher, one request at a time, loopback).
# Env: SKIP_BUILD=1 to reuse the last build, MVN_ARGS (extra options for its mvn), WARMUP (default 20s: an
#      unmeasured run first, so the JIT has compiled the request path, as in a server that has been up for a while), USERS (default 5),
#      STACK_JAVA_OPTS (extra JVM options for the stack, e.g. -Dsun.net.httpserver.nodelay=false).
# Needs wrk (Debian: apt-get install wrk). Run it on an otherwise idle machine: wrk and the stack share the cores.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15s}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
WARMUP=${WARMUP:-20s}
USERS=${USERS:-5}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -DskipTests ${MVN_ARGS:-} package
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
B="http://127.0.0.1:$PORT"
LOG=$(mktemp)
# shellcheck disable=SC2086
java ${STACK_JAVA_OPTS:-} -cp "local/target/classes:$(cat local/target/classpath.txt)" \
  com.cloudphone.local.LocalStack --port "$PORT" >"$LOG" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null || true; wait $STACK 2>/dev/null || true; rm -f "$LOG" "$LOG.wrk"' EXIT
for _ in $(seq 1 150); do
  curl -sf -o /dev/null "$B/.well-known/jwks.json" && break
  kill -0 $STACK 2>/dev/null || { cat "$LOG" >&2; exit 1; }
  sleep 0.2
done

json() { python3 -c "import sys, json; print(json.load(sys.stdin)[\"$1\"])"; }
TOKEN=$(curl -sf -X POST "$B/dev/accounts" -H 'content-type: application/json' \
  -d '{"name":"Bench","plan":"TEAM","paid":true,"ownerUsername":"bench-owner","ownerPassword":"Owner-pass-1"}' | json token)
for i in $(seq 1 "$USERS"); do
  curl -sf -o /dev/null -X POST "$B/users" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"kind\":\"INTERNAL\",\"username\":\"user$i\",\"password\":\"Welcome-2026\",\"displayName\":\"User $i\",\"extension\":\"$((1000 + i))\"}"
done
COUNT=$(curl -sf "$B/users?limit=100" -H "authorization: Bearer $TOKEN" | python3 -c 'import sys, json; print(len(json.load(sys.stdin)["items"]))')
echo "account with $COUNT users; GET $B/users as its owner"

echo "java: $(java -version 2>&1 | head -1); $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Authorization: Bearer $TOKEN" "$B/users" >/dev/null
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up run)"
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system time, in 10 ms ticks
ENGINE=$(pgrep -P "$STACK" -f moto_serve)  # the stack's child, found by parent id
CPU_BEFORE=$(cpu "$STACK")
ENGINE_BEFORE=$(cpu "$ENGINE")
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$B/users" | tee "$LOG.wrk"
CPU_MS=$(( ($(cpu "$STACK") - CPU_BEFORE) * 10 ))
ENGINE_MS=$(( ($(cpu "$ENGINE") - ENGINE_BEFORE) * 10 ))
REQUESTS=$(awk '/requests in/ {print $1}' "$LOG.wrk")
per() { awk "BEGIN {printf \"%.2f\", $1 / $REQUESTS}"; }
echo "CPU per request: stack JVM $(per "$CPU_MS") ms, moto $(per "$ENGINE_MS") ms ($CPU_MS and $ENGINE_MS ms for $REQUESTS requests; wrk's own CPU not included)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
