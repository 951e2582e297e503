#!/usr/bin/env bash
# Cold start of add-user against a bare SDK GetItem, both against DynamoDB Local, each sample a fresh JVM.
#   bench/cold-start.sh [samples, default 10]
# Env: JAVA_FLAGS (default: -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m), WARMUPS (unmeasured pairs
#      first, default 2), SKIP_BUILD=1 to reuse the last build, UNSHADED=1 to give the probes a core jar without the
#      shaded Bouncy Castle (jarred from target/classes; it then loads the signed bcprov jar),
#      ONE_CPU=1 to pin the probes to one core with taskset (a Lambda below 1,769 MB gets less than one vCPU).
# Every probe JVM gets the same flags and the same classpath (core + its dependencies + add-user, as the Lambda
# layer and function have). Timings are wall clock from spawn to first answer; run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES=${1:-10}
WARMUPS=${WARMUPS:-2}
JAVA_FLAGS=${JAVA_FLAGS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m}

[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -DskipTests package
PROBE_CP="bench/target/classes:$(cat bench/target/probe-classpath.txt)"
DDB_CP="$(cat bench/target/dynamodb-local-classpath.txt)"

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ "${UNSHADED:-}" = 1 ]; then
  jar --create --file "$WORK/core-unshaded.jar" -C layers/core/target/classes .
  PROBE_CP=$(echo "$PROBE_CP" | tr ':' '\n' | sed "s#.*/layers/core/target/core-[^/]*\.jar\$#$WORK/core-unshaded.jar#" | paste -sd:)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url: any HTTP answer will do
  for _ in $(seq 1 150); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.2
  done
  echo "nothing answers on $1" >&2; exit 1
}

DDB_PORT=$(free_port)
java -Dsqlite4java.library.path=target/native-libs -cp "$DDB_CP" \
  com.amazonaws.services.dynamodbv2.local.main.ServerRunner -inMemory -port "$DDB_PORT" >"$WORK/dynamodb.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$DDB_PORT"

# What the add-user function's configuration holds in AWS (template.yaml), pointed at the local emulators.
# The signing key is made once, as in AWS where it comes from Secrets Manager.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt.pem" 2>/dev/null
export AWS_REGION=us-east-1
export TABLE_NAME=cloudphone-users-bench
export DYNAMODB_ENDPOINT="http://127.0.0.1:$DDB_PORT"
export BCRYPT_COST=10
JWT_PRIVATE_KEY="$(cat "$WORK/jwt.pem")"
export JWT_PRIVATE_KEY

java -cp "$PROBE_CP" com.cloudphone.bench.Seed

echo "java: $(java -version 2>&1 | head -1); flags: $JAVA_FLAGS; $(nproc) cores"
echo "probes' core jar: $(echo "$PROBE_CP" | tr ':' '\n' | grep -E '/(core-[0-9][^/]*|core-unshaded)\.jar$')"
echo "$SAMPLES samples of each, alternating, after $WARMUPS unmeasured pairs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
PIN=()
[ "${ONE_CPU:-}" = 1 ] && PIN=(taskset -c 0)  # the probes inherit the driver's affinity; the emulators keep both
# shellcheck disable=SC2086
"${PIN[@]}" java -cp "$PROBE_CP" com.cloudphone.bench.ColdStart "$SAMPLES" "$WARMUPS" "$PROBE_CP" $JAVA_FLAGS
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
