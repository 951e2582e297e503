#!/usr/bin/env bash
# Cold start of add-user against a bare SDK GetItem, both against the same moto engine (the project's launcher,
# local/engine's moto_serve.py, on loopback), each sample a fresh JVM.
#   bench/cold-start.sh [samples, default 10]
# Env: JAVA_FLAGS (default: -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m), WARMUPS (unmeasured pairs
#      first, default 2), SKIP_BUILD=1 to reuse the last build, MVN_ARGS (extra options for its mvn),
#      UNSHADED=1 to give the probes a core jar without the
#      shaded Bouncy Castle (jarred from target/classes; it then loads the signed bcprov jar),
#      ONE_CPU=1 to pin the probes to one core with taskset (a Lambda below 1,769 MB gets less than one vCPU).
# Every probe JVM gets the same flags and the same classpath (core + its dependencies + add-user, as the Lambda
# layer and function have). Timings are wall clock from spawn to first answer; run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES=${1:-10}
WARMUPS=${WARMUPS:-2}
JAVA_FLAGS=${JAVA_FLAGS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m}

[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -DskipTests ${MVN_ARGS:-} package
PROBE_CP="bench/target/classes:$(cat bench/target/probe-classpath.txt)"

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  exec 3>&- 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ "${UNSHADED:-}" = 1 ]; then
  jar --create --file "$WORK/core-unshaded.jar" -C layers/core/target/classes .
  PROBE_CP=$(echo "$PROBE_CP" | tr ':' '\n' | sed "s#.*/layers/core/target/core-[^/]*\.jar\$#$WORK/core-unshaded.jar#" | paste -sd:)
fi

# The engine stops when its standard input closes: fd 3 is the write end, held by this shell, so the engine also
# goes when the script is killed.
mkfifo "$WORK/moto.in"
python3 local/engine/src/main/resources/com/cloudphone/engine/moto_serve.py --host 127.0.0.1 --port 0 \
  <"$WORK/moto.in" >"$WORK/moto.out" 2>"$WORK/moto.err" &
PIDS+=($!)
exec 3>"$WORK/moto.in"
for _ in $(seq 1 150); do
  grep -q '^ready ' "$WORK/moto.out" && break
  kill -0 "${PIDS[0]}" 2>/dev/null || { tail -1 "$WORK/moto.err" >&2; exit 1; }
  sleep 0.2
done
MOTO_PORT=$(awk '/^ready / {print $2}' "$WORK/moto.out")
[ -n "$MOTO_PORT" ] || { echo "moto did not start: $(tail -1 "$WORK/moto.err")" >&2; exit 1; }

# What the add-user function's configuration holds in AWS (template.yaml), pointed at the local engine.
# The signing key is made once, as in AWS where it comes from Secrets Manager.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt.pem" 2>/dev/null
export AWS_REGION=us-east-1
export TABLE_NAME=cloudphone-users-bench
export DYNAMODB_ENDPOINT="http://127.0.0.1:$MOTO_PORT"
export BCRYPT_COST=10
JWT_PRIVATE_KEY="$(cat "$WORK/jwt.pem")"
export JWT_PRIVATE_KEY

java -cp "$PROBE_CP" com.cloudphone.bench.Seed

echo "engine: moto $(python3 -c 'import moto; print(moto.__version__)') via moto_serve.py at $DYNAMODB_ENDPOINT (one request at a time)"
echo "java: $(java -version 2>&1 | head -1); flags: $JAVA_FLAGS; $(nproc) cores"
echo "probes' core jar: $(echo "$PROBE_CP" | tr ':' '\n' | grep -E '/(core-[0-9][^/]*|core-unshaded)\.jar$')"
echo "$SAMPLES samples of each, alternating, after $WARMUPS unmeasured pairs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
PIN=()
[ "${ONE_CPU:-}" = 1 ] && PIN=(taskset -c 0)  # the probes inherit the driver's affinity; the emulators keep both
# shellcheck disable=SC2086
"${PIN[@]}" java -cp "$PROBE_CP" com.cloudphone.bench.ColdStart "$SAMPLES" "$WARMUPS" "$PROBE_CP" $JAVA_FLAGS
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
