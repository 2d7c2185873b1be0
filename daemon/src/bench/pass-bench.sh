#!/usr/bin/env bash
# The daemon's pass at scale on the host (io.ipvsd.daemon.PassBenchmark): a generated file of
# SERVICES x REALS, the daemon loop over the fake kernels, per pass its time, allocation and live
# heap after it, and a bare dump of the same table beside it. For comparing two versions of the
# daemon on one machine; the ratios against ipvsadm come from test-vm/bench/scale-bench.
# Usage: daemon/src/bench/pass-bench.sh [--services 10000] [--reals 10] [--passes 8] [--heap 256m]
set -euo pipefail
cd "$(dirname "$0")/../../.."
services=10000 reals=10 passes=8 heap=256m
while (($#)); do
    case $1 in
        --services) services=$2; shift 2 ;;
        --reals) reals=$2; shift 2 ;;
        --passes) passes=$2; shift 2 ;;
        --heap) heap=$2; shift 2 ;;
        *) sed -n '6p' "$0" >&2; exit 2 ;;
    esac
done
build="${IPVSD_BUILD_DIR:-target-bench}"
mvn -B -q -pl daemon -am test-compile dependency:build-classpath -Dipvsd.build.dir="$build" \
    -Dmdep.includeScope=test -Dmdep.outputFile="$build/bench.classpath"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java daemon/src/bench/GenerateBigConfig.java --services "$services" --reals "$reals" "$work/ipvsd.toml"
# The daemon's own collector and heap cap (bin/ipvsd), so the live heap compares with its limit.
exec java -XX:+UseShenandoahGC -Xmx"$heap" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "daemon/$build/test-classes:daemon/$build/classes:$(cat "daemon/$build/bench.classpath")" \
    io.ipvsd.daemon.PassBenchmark "$work/ipvsd.toml" "$work" "$passes"
