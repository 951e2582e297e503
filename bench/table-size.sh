#!/usr/bin/env bash
# Add-user latency against the number of items in the table (0, 1,000, 5,000, 20,000 by default), p50/p90/p99.
#   bench/table-size.sh [TableSize options: --sizes 0,1000,5000,20000 --samples 100 --invited 30 --via http|handler]
#   bench/table-size.sh --stock [options]   the same through AddUserHandler on a stock, threaded `moto_server`
#                                           (moto's own TransactWriteItems, which copies the table), for reference
# By default the local stack runs in the driver's JVM on its own moto (local/engine's launcher, one request at a
# time, loopback) and add-user goes over HTTP, as from the console. Env: SKIP_BUILD=1 to reuse the last build,
# MVN_ARGS (extra options for its mvn). Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
STOCK=
if [ "${1:-}" = --stock ]; then
  STOCK=1
  shift
fi

# shellcheck disable=SC2086
[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -DskipTests ${MVN_ARGS:-} package
CP="bench/target/classes:$(cat bench/target/tools-classpath.txt)"

ARGS=("$@")
if [ -n "$STOCK" ]; then
  command -v moto_server >/dev/null || { echo "moto_server is not installed (pip install 'moto[server]')" >&2; exit 1; }
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  LOG=$(mktemp)
  moto_server -H 127.0.0.1 -p "$PORT" >"$LOG" 2>&1 &
  MOTO=$!
  stop() { # moto_server waits for its busy request threads on SIGTERM; a stale copy can take minutes
    kill "$MOTO" 2>/dev/null || true
    for _ in $(seq 1 25); do kill -0 "$MOTO" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$MOTO" 2>/dev/null || true
    wait "$MOTO" 2>/dev/null || true
    rm -f "$LOG"
  }
  trap stop EXIT
  for _ in $(seq 1 150); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/moto-api/" && break
    kill -0 $MOTO 2>/dev/null || { cat "$LOG" >&2; exit 1; }
    sleep 0.2
  done
  ARGS+=(--endpoint "http://127.0.0.1:$PORT")
fi

echo "java: $(java -version 2>&1 | head -1); moto $(python3 -c 'import moto; print(moto.__version__)'); $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" com.cloudphone.bench.TableSize "${ARGS[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
