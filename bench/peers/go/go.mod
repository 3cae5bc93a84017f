module tickwire/bench/peers/go

go 1.19

require github.com/gorilla/websocket v1.5.0

// gorilla/websocket comes from Debian's golang-github-gorilla-websocket-dev package,
// so the build needs no module proxy (run.sh sets GOPROXY=off).
replace github.com/gorilla/websocket => /usr/share/gocode/src/github.com/gorilla/websocket
