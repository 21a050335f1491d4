# syntax=docker/dockerfile:1
# Build: maven + JDK 17; run: JRE 17, non-root.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 cfy \
 && useradd --system --uid 10001 --gid cfy --home-dir /app --shell /usr/sbin/nologin cfy \
 && mkdir -p /app /config /data \
 && chown cfy:cfy /data
COPY --from=build /src/target/cfy-chatops.jar /app/cfy-chatops.jar
ENV CFY_CHATOPS_CONFIG=/config/config.yml \
    PORT=3000 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/config", "/data"]
EXPOSE 3000
USER cfy:cfy
WORKDIR /app
# No curl/wget in the JRE image: a tiny Java probe in the jar (exit 0 on 200 from /healthz).
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["sh", "-c", "java -XX:TieredStopAtLevel=1 -Xss512k -cp /app/cfy-chatops.jar io.cfychatops.slack.HealthCheck http://127.0.0.1:${PORT:-3000}/healthz"]
ENTRYPOINT ["java", "-jar", "/app/cfy-chatops.jar"]
CMD ["slack"]
