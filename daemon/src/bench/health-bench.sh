#!/usr/bin/env bash
# Health-check benchmark (io.ipvsd.daemon.health.bench.HealthBenchmark): loopback only (127.77.0.0/24),
# about 40 s per mode and target count, nothing changed system-wide.
# Usage: daemon/src/bench/health-bench.sh [--targets=1000,10000] [--seconds=30] [--interval-ms=2000] [--modes=tcp,http]
set -euo pipefail
cd "$(dirname "$0")/../../.."
build="${IPVSD_BUILD_DIR:-target-health}"
mvn -B -q -pl daemon -am test-compile dependency:build-classpath -Dipvsd.build.dir="$build" \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$build/bench.classpath"
classpath="daemon/$build/test-classes:daemon/$build/classes:$(cat "daemon/$build/bench.classpath")"
# The loopback farm needs a descriptor per listener: raise the soft limit for this process tree only.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "fd soft limit: $(ulimit -n)"
exec java -Xmx1g -cp "$classpath" io.ipvsd.daemon.health.bench.HealthBenchmark "$@"
