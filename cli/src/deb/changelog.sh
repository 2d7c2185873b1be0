#!/bin/sh
# changelog.sh MAVEN_VERSION OUT: the package's changelog.gz (a native package's Debian
# changelog), its version written as jdeb writes the package's (0.1.0-SNAPSHOT -> 0.1.0~snapshot),
# gzip -9n so the bytes do not depend on the build's time or file name.
set -eu
version=$(printf '%s' "$1" | sed 's/-SNAPSHOT$/~snapshot/')
mkdir -p "$(dirname "$2")"
sed "s/@VERSION@/$version/" "$(dirname "$0")/changelog" | gzip -9n >"$2"
