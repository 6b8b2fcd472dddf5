#!/usr/bin/env bash
# Load test of the static invoice server (README "Load test", docs/BENCHMARKS.md "Load test").
#
#   bench/load.sh [LoadGenerator options]        e.g. --recipients 100 --payers 8 --in-flight 6 --duration 30
#
# Builds the server jar and the test classes, creates a fresh PostgreSQL database on
# localhost:$PGPORT (default 5432, user postgres), starts the server jar on it with a throwaway
# node key and an OPERATOR API key, waits until it is ready, then runs
# io.staticinvoice.load.LoadGenerator in a separate JVM: it registers the recipients, hands over
# their static invoices, drives the payers and prints payments served/s, latency percentiles and the
# server's CPU time per served payment (read from /proc/<server pid>/stat). The server and the database are removed afterwards.
#
# Environment:
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java   JDK 25+ of the server (default: $JAVA_HOME/bin/java, else java)
#   GENERATOR_JAVA=...                                JDK 25+ of the load generator (default: $JAVA)
#   SERVER_OPTS="-Xmx1g ..."                          extra JVM options of the server
#   SERVER_JAR=target/aot/app.jar                     the server's jar (default: the built one), e.g. the
#                                                     extracted layout of bench/aot-train.sh
#   SERVER_ARGS="--sis.lightning.path-key-cache-size=0"  extra server settings
#   PROFILE=target/load.jfr                           JFR recording (profile settings) of the measured window
#   SKIP_BUILD=1                                      reuse target/ as it is
#   REST_PORT=18080 LIGHTNING_PORT=19735              ports of the server (loopback only)
#   MANAGEMENT_PORT=18081                             its health and metrics port (loopback only)
#   PGPORT=5432                                       port of the local PostgreSQL
#   KEEP_LOG=target/load-server.log                   keep the server's log
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
GENERATOR_JAVA=${GENERATOR_JAVA:-$JAVA}
REST_PORT=${REST_PORT:-18080}
LIGHTNING_PORT=${LIGHTNING_PORT:-19735}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18081}
PGPORT=${PGPORT:-5432}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -q -B package -DskipTests
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
fi
jar=${SERVER_JAR:-$(ls target/static-invoice-server-*.jar | grep -v -- '-plain' | head -n 1)}

database="sis_load_$(date +%Y%m%d_%H%M%S)_$$"
work=$(mktemp -d)
api_key=$(openssl rand -hex 32)
server_pid=""

cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n "${KEEP_LOG:-}" ]]; then
    cp "$work/server.log" "$KEEP_LOG"
  fi
  dropdb -h localhost -p "$PGPORT" -U postgres --if-exists "$database" || true
  rm -rf "$work"
}
trap cleanup EXIT

createdb -h localhost -p "$PGPORT" -U postgres "$database"

# Load-test settings (see README "Load test"): the per-peer onion message rate limit (20/s) is
# meant for untrusted peers, and a handful of payer connections carry all the load here.
# Per-recipient limits stay at their defaults; the load is spread over enough recipients.
start_nanos=$(date +%s%N)
# shellcheck disable=SC2086 # SERVER_OPTS and SERVER_ARGS are word lists
"$JAVA" ${SERVER_OPTS:-} -jar "$jar" \
  --spring.datasource.url="jdbc:postgresql://localhost:$PGPORT/$database" \
  --server.address=127.0.0.1 --server.port="$REST_PORT" \
  --management.server.address=127.0.0.1 --management.server.port="$MANAGEMENT_PORT" \
  --sis.lightning.listen="127.0.0.1:$LIGHTNING_PORT" \
  --sis.node.key-file="$work/node.key" \
  --sis.admin.api-keys[0].name=load-test \
  --sis.admin.api-keys[0].key="$api_key" \
  --sis.admin.api-keys[0].role=OPERATOR \
  --sis.lightning.onion-message-rate.per-second=100000 \
  --sis.lightning.onion-message-rate.burst=100000 \
  --sis.lightning.max-inbound-connections-per-ip=1000 \
  ${SERVER_ARGS:-} \
  >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 1800); do
  if curl -fsS "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health/readiness" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$work/server.log"
    echo "the server exited" >&2
    exit 1
  fi
  sleep 0.1
done
ready_millis=$((($(date +%s%N) - start_nanos) / 1000000))
echo "server pid $server_pid ($("$JAVA" -version 2>&1 | head -n 1)), database $database"
ready_cpu=$(awk -v ticks="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / ticks }' "/proc/$server_pid/stat")
echo "Ready $((ready_millis / 1000)).$(printf %03d $((ready_millis % 1000))) s after start, ${ready_cpu} s of server CPU (readiness probe on the management port, polled every 0.1 s)"

profile=()
if [[ -n "${PROFILE:-}" ]]; then
  profile=(--jfr "$PROFILE" --jcmd "$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd")
fi

"$GENERATOR_JAVA" -Dlogback.configurationFile=bench/load-logback.xml -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.staticinvoice.load.LoadGenerator \
  --rest "http://127.0.0.1:$REST_PORT" --api-key "$api_key" --lightning "127.0.0.1:$LIGHTNING_PORT" \
  --server-pid "$server_pid" --db-url "jdbc:postgresql://localhost:$PGPORT/$database" \
  --clock-ticks "$(getconf CLK_TCK)" "${profile[@]}" "$@"
