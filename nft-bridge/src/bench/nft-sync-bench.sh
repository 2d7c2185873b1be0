#!/usr/bin/env bash
# nf_tables sync benchmark (io.ipvsd.nft.SyncBenchmark): ipvsd's sync of N mark rules against
# `nft -f` of the same ruleset, in a network namespace it creates (as root); nothing changed
# outside it. Usage: nft-bridge/src/bench/nft-sync-bench.sh [RULES]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/../../.."
build="${IPVSD_BUILD_DIR:-target-nft-bench}"
mvn -B -q -pl nft-bridge -am test-compile dependency:build-classpath -Dipvsd.build.dir="$build" \
    -Dmdep.includeScope=test -Dmdep.outputFile="$build/bench.classpath"
classpath="nft-bridge/$build/test-classes:nft-bridge/$build/classes:$(cat "nft-bridge/$build/bench.classpath")"
exec java -cp "$classpath" io.ipvsd.nft.SyncBenchmark "$@"
