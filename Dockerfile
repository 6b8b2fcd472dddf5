# syntax=docker/dockerfile:1
# Build with the Maven wrapper on a JDK, run on a Java 25 JRE (its ChaCha20 is several times faster).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/static-invoice-server-*.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:25-jre
# A fixed numeric user, so that Kubernetes' runAsNonRoot can check it (deploy/kubernetes runs as 10001).
RUN groupadd --gid 10001 sis \
 && useradd --uid 10001 --gid sis --no-create-home --home-dir /app --shell /usr/sbin/nologin sis \
 && mkdir -p /app /var/lib/sis && chown sis:sis /var/lib/sis \
 && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
ENV SIS_NODE_KEY_FILE=/var/lib/sis/node.key
VOLUME /var/lib/sis
# 8080 admin API, 9735 Lightning, 8081 health and metrics without a key (management.server.port).
EXPOSE 8080 8081 9735
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8081/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:MaxDirectMemorySize=256m", "org.springframework.boot.loader.launch.JarLauncher"]
