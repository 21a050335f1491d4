#!/usr/bin/env bash
# Runs one benchmark (a main class in src/test/java/io/cfychatops/bench) in its own JVM.
#   bench/run.sh DownloadBench [args]      stream a 1 GiB archive vs curl
#   bench/run.sh AckLatencyBench [rate s slow|down split|inproc]  Slack ack latency, bot vs bare Bolt
#   bench/run.sh AbuseBench [rate s bytes]  health and ack p99 under slowloris + no-role commands, vs none
#   bench/run.sh PollingEconomyBench       manager requests per operation vs `cfy -w`
#   bench/run.sh NightlyBench              20 managers in one night
#   bench/run.sh ArchivePreviewBench [1g 100000 3]  preview a 1 GiB archive vs unzip -p, -Xmx64m
#   bench/run.sh RedactionBench [inputs]  per-call redaction cost on adversarial inputs, vs 50 ms
#   BENCH_JAVA_OPTS=-Xmx64m bench/run.sh OffsitePushBench [1g rounds part http|https|both]
#                                          push 1 GiB to S3Proxy and read it back vs curl -T
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: bench/run.sh NAME [args]}"; shift
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec java ${BENCH_JAVA_OPTS:--Xmx512m} -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" "io.cfychatops.bench.$name" "$@"
