#!/usr/bin/env bash
# Reference peer "ws": Node.js + ws, one text frame per tick.
# usage: run.sh <port> <symbols> <ticksPerSecondPerSymbol> [batchMs]
set -euo pipefail
cd "$(dirname "$0")"
# Install the locked ws once (under a lock, as ws-batch shares this directory); npm ci
# writes node_modules/.package-lock.json last, so its presence means a complete install.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    (
        flock 9
        if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
            npm ci --prefer-offline --no-audit --no-fund --loglevel=error >&2
        fi
    ) 9>.build.lock
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node server.js "$@"
