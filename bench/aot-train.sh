#!/usr/bin/env bash
# Trains the server's JDK 25 AOT cache (JEP 483, 514, 515: classes loaded and linked, method
# profiles) with a run of the load generator (README "Docker image", docs/BENCHMARKS.md
# "Warm-up with the AOT cache"). The Dockerfile's training stage runs it; so can you:
#
#   bench/aot-train.sh [LoadGenerator options]      e.g. --recipients 50 --duration 10
#
# Builds the server (unless SKIP_BUILD=1), extracts its jar into $APP_DIR as app.jar and lib/
# (`java -Djarmode=tools -jar ... extract`: a plain class path of jars, which the AOT cache
# supports, unlike the launcher's nested jars), then runs bench/load.sh on that app.jar with
# -XX:AOTCacheOutput=$APP_DIR/app.aot: the JVM records while the generator drives the hot path
# and writes the cache when bench/load.sh stops the server. Use the cache with the same JDK build
# and the same paths: java -XX:AOTCache=$APP_DIR/app.aot -jar $APP_DIR/app.jar (a mismatch makes
# the JVM start without it).
#
# Environment: APP_DIR (default target/aot), JAVA (a JDK 25 or newer), SKIP_BUILD, and the
# other variables of bench/load.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_DIR=$(readlink -f "${APP_DIR:-target/aot}")
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
cache="$APP_DIR/app.aot"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -q -B package -DskipTests
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
fi
built=$(ls target/static-invoice-server-*.jar | grep -v -- '-plain' | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$built" "$work/app.jar"
rm -rf "$APP_DIR"
"$JAVA" -Djarmode=tools -jar "$work/app.jar" extract --destination "$APP_DIR"

SKIP_BUILD=1 JAVA="$JAVA" SERVER_JAR="$APP_DIR/app.jar" \
  SERVER_OPTS="${SERVER_OPTS:-} -XX:AOTCacheOutput=$cache" \
  bench/load.sh --recipients 100 --payers 4 --in-flight 4 --warmup 20 --duration 10 "$@"

if [[ ! -s "$cache" ]]; then
  echo "the training run wrote no AOT cache $cache" >&2
  exit 1
fi
echo "AOT cache $cache ($(du -h "$cache" | cut -f1)) for $APP_DIR/app.jar"
