#!/usr/bin/env bash
# Reference peer "go": Go + gorilla/websocket (Debian packages golang-go and
# golang-github-gorilla-websocket-dev), one text frame per tick.
# usage: run.sh <port> <symbols> <ticksPerSecondPerSymbol>
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v go >/dev/null || [[ ! -f /usr/share/gocode/src/github.com/gorilla/websocket/prepared.go ]]; then
    echo "go peer needs: apt-get install -y golang-go golang-github-gorilla-websocket-dev" >&2
    exit 1
fi
stale() { [[ ! -x tickpeer-go || main.go -nt tickpeer-go || go.mod -nt tickpeer-go ]]; }
if stale; then
    (
        flock 9
        if stale; then
            # Offline: go.mod replaces the one dependency with Debian's copy; no proxy is asked.
            GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOWORK=off go build -o tickpeer-go.tmp . >&2
            mv tickpeer-go.tmp tickpeer-go
        fi
    ) 9>.build.lock
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec ./tickpeer-go "$@"
