#!/usr/bin/env bash
# Runs the project's JMH benchmarks (src/test/java/io/staticinvoice/bench) with the test classpath.
#
#   bench/run.sh [JMH arguments]
#   bench/run.sh CurveBenchmark -f 1 -wi 2 -i 3 -w 1s -r 2s     # one class, short settings
#   bench/run.sh -l                                              # list benchmarks
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/run.sh ...   # another JDK
#
# Builds test classes (the JMH annotation processor writes the benchmark list), writes
# the test classpath to target/cp.txt and runs org.openjdk.jmh.Main. Keep runs short: the
# machine has 2 cores shared by everyone.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
exec "${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}" -cp "target/test-classes:target/classes:$(cat target/cp.txt)" org.openjdk.jmh.Main "$@"
