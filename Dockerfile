# syntax=docker/dockerfile:1
# Build with the Maven wrapper on a JDK; train the JDK 25 AOT cache with a load-generator run on the
# runtime image itself (a cache needs the JDK build and the class path it was trained with); run on
# that JRE with the cache (README "Docker image", docs/BENCHMARKS.md "Warm-up with the AOT cache").
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src src
# The server's jar, and the load generator (the test classes) with its libraries for the training.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
 && ./mvnw -B -q dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=/src/target/generator-lib \
 && echo '/src/target/generator-lib/*' > target/cp.txt

# Training: the server extracted into /app, a throwaway PostgreSQL, and bench/aot-train.sh, which
# drives the server with the load generator and leaves the cache in /app/app.aot when it stops.
FROM ${RUNTIME_IMAGE} AS train
RUN apt-get update && apt-get install -y --no-install-recommends postgresql curl openssl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY bench bench
COPY --from=build /src/target/static-invoice-server-*.jar /src/target/cp.txt target/
COPY --from=build /src/target/classes target/classes
COPY --from=build /src/target/test-classes target/test-classes
COPY --from=build /src/target/generator-lib target/generator-lib
RUN version=$(ls /etc/postgresql) \
 && sed -i -E 's/^(host\s+all\s+all\s+\S+\s+)\S+/\1trust/' "/etc/postgresql/$version/main/pg_hba.conf" \
 && pg_ctlcluster --skip-systemctl-redirect "$version" main start \
 && SKIP_BUILD=1 APP_DIR=/app bench/aot-train.sh \
 && pg_ctlcluster --skip-systemctl-redirect "$version" main stop

FROM ${RUNTIME_IMAGE}
# A fixed numeric user, so that Kubernetes' runAsNonRoot can check it (deploy/kubernetes runs as 10001).
RUN groupadd --gid 10001 sis \
 && useradd --uid 10001 --gid sis --no-create-home --home-dir /app --shell /usr/sbin/nologin sis \
 && mkdir -p /app /var/lib/sis && chown sis:sis /var/lib/sis \
 && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=train /app/lib lib
COPY --from=train /app/app.jar /app/app.aot ./
# The cache holds the size and modification time of each jar it was trained with (COPY keeps them)
# and is ignored at start when one differs: fail the build instead unless this JVM takes the cache
# (-XX:AOTMode=on refuses to start without it); `check` without arguments prints its usage and exits with 2.
RUN java -XX:AOTMode=on -XX:AOTCache=/app/app.aot -jar /app/app.jar check >/dev/null; test $? -eq 2
USER 10001:10001
ENV SIS_NODE_KEY_FILE=/var/lib/sis/node.key
VOLUME /var/lib/sis
# 8080 admin API, 9735 Lightning, 8081 health and metrics without a key (management.server.port).
EXPOSE 8080 8081 9735
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8081/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-XX:AOTCache=/app/app.aot", "-XX:MaxRAMPercentage=75", "-XX:MaxDirectMemorySize=256m", "-jar", "/app/app.jar"]
