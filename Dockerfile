# syntax=docker/dockerfile:1
# Build: maven + JDK 17; run: JRE 17, non-root.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
# .mvn/jvm.config: javac's --add-exports for Error Prone on JDK 17
COPY .mvn ./.mvn
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 cfy \
 && useradd --system --uid 10001 --gid cfy --home-dir /app --shell /usr/sbin/nologin cfy \
 && mkdir -p /app /config /data \
 && chown cfy:cfy /data
COPY --from=build /src/target/cfy-chatops.jar /app/cfy-chatops.jar
# PORT: the public listener (HTTP mode /slack/events and /healthz; Socket Mode /healthz only).
# MANAGEMENT_PORT: /healthz, /readyz, /metrics, bound to 127.0.0.1 unless MANAGEMENT_BIND says
# otherwise (e.g. 0.0.0.0 for a Kubernetes HTTP readiness probe or a Prometheus scrape; never publish
# it with -p on a public interface).
# MaxHeapFreeRatio=100: the bot loads enough classes that a metaspace-triggered GC cycle at start-up
# would shrink the heap to ~54 MiB, and a young generation that small collects every second at
# 200 commands/s; a heap that never shrinks keeps GC pauses rare (bench/AckLatencyBench, README).
ENV CFY_CHATOPS_CONFIG=/config/config.yml \
    PORT=3000 \
    HEALTH_PORT=3000 \
    MANAGEMENT_PORT=3001 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:MaxHeapFreeRatio=100 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/config", "/data"]
EXPOSE 3000
USER cfy:cfy
WORKDIR /app
# No curl/wget in the JRE image: a tiny Java probe in the jar (exit 0 on 200). It asks the management
# listener's /healthz on loopback: its own threads, which nothing on the public port can starve.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", "/app/cfy-chatops.jar", "io.cfychatops.slack.HealthCheck"]
# umask 077: every file the process creates later (database files rewritten at a checkpoint, logs)
# is owner-only too; archives and the database are 0600/0700 regardless.
ENTRYPOINT ["sh", "-c", "umask 077 && exec java -jar /app/cfy-chatops.jar \"$@\"", "cfy-chatops"]
CMD ["slack"]
