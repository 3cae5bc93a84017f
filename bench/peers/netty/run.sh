#!/usr/bin/env bash
# Reference peer "netty": raw Netty, one TextWebSocketFrame per tick.
# usage: run.sh <port> <symbols> <ticksPerSecondPerSymbol>
set -euo pipefail
cd "$(dirname "$0")"
jar=target/tickpeer-netty.jar
stale() { [[ ! -f $jar || pom.xml -nt $jar || -n $(find src -newer "$jar" -type f -print -quit) ]]; }
if stale; then
    (
        flock 9
        if stale; then
            if [[ -x ../../../mvnw ]]; then mvn=(../../../mvnw); else mvn=(mvn); fi
            # Offline first (everything already in ~/.m2); Maven Central only if that fails.
            "${mvn[@]}" -q -B -o package >/dev/null 2>&1 || "${mvn[@]}" -q -B package >&2
        fi
    ) 9>.build.lock
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec java -Dio.netty.leakDetection.level=disabled -jar "$jar" "$@"
