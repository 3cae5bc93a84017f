#!/usr/bin/env bash
# Reference peer "ws-batch": the "ws" peer's server, sending each client one
# {"type":"batch","items":[...]} frame every 10 ms instead of one frame per tick.
# usage: run.sh <port> <symbols> <ticksPerSecondPerSymbol>
set -euo pipefail
if (($# != 3)); then echo "usage: $0 <port> <symbols> <ticksPerSecondPerSymbol>" >&2; exit 2; fi
exec "$(dirname "$0")/../ws/run.sh" "$1" "$2" "$3" 10
