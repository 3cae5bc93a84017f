// Minimal reference broadcast server for the Tickwire benchmark (Go + gorilla/websocket).
//
//	tickpeer-go <port> <symbols> <ticksPerSecondPerSymbol>
//
// Every tick is encoded once into a websocket.PreparedMessage and handed to every client's
// buffered channel; one writer goroutine per client writes it as one text frame. Nothing is
// dropped: when a client's channel is full the broadcaster waits for it. Client messages are
// read and discarded (gorilla answers pings with pongs).
package main

import (
	"fmt"
	"math/rand"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

type client struct {
	send chan *websocket.PreparedMessage
	done chan struct{}
}

var (
	mu      sync.Mutex
	clients []*client // copy-on-write: the broadcaster reads a snapshot without locking
)

func snapshot() []*client {
	mu.Lock()
	defer mu.Unlock()
	return clients
}

func add(c *client) {
	mu.Lock()
	defer mu.Unlock()
	next := make([]*client, len(clients), len(clients)+1)
	copy(next, clients)
	clients = append(next, c)
}

func remove(c *client) {
	mu.Lock()
	defer mu.Unlock()
	next := make([]*client, 0, len(clients))
	for _, o := range clients {
		if o != c {
			next = append(next, o)
		}
	}
	clients = next
}

var upgrader = websocket.Upgrader{
	ReadBufferSize:  1024,
	WriteBufferSize: 1024,
	CheckOrigin:     func(*http.Request) bool { return true },
}

func serveWs(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &client{send: make(chan *websocket.PreparedMessage, 1024), done: make(chan struct{})}
	add(c)
	go func() { // writer: the only goroutine that writes data frames to conn
		for {
			select {
			case pm := <-c.send:
				if conn.WritePreparedMessage(pm) != nil {
					conn.Close()
					return
				}
			case <-c.done:
				return
			}
		}
	}()
	for { // reader: discard everything; control frames are handled inside NextReader
		if _, _, err := conn.NextReader(); err != nil {
			break
		}
	}
	remove(c)
	close(c.done)
	conn.Close()
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: tickpeer-go <port> <symbols> <ticksPerSecondPerSymbol>")
		os.Exit(2)
	}
	port, err1 := strconv.Atoi(os.Args[1])
	symbols, err2 := strconv.Atoi(os.Args[2])
	tps, err3 := strconv.ParseFloat(os.Args[3], 64)
	if err1 != nil || err2 != nil || err3 != nil || port <= 0 || symbols <= 0 || tps <= 0 {
		fmt.Fprintln(os.Stderr, "usage: tickpeer-go <port> <symbols> <ticksPerSecondPerSymbol>")
		os.Exit(2)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:"+os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go publish(symbols, tps)
	http.HandleFunc("/", serveWs)
	fmt.Printf("listening %d\n", port)
	fmt.Fprintln(os.Stderr, http.Serve(ln, nil))
	os.Exit(1)
}

// publish emits tick k (symbol k % symbols) when it is due at k / (symbols * tps) seconds
// after start; a 1 ms ticker emits every tick that has become due.
func publish(symbols int, tps float64) {
	names := make([]string, symbols)
	prices := make([]float64, symbols)
	for i := range names {
		names[i] = "S" + strconv.Itoa(i)
		prices[i] = 100
	}
	totalRate := float64(symbols) * tps
	start := time.Now()
	var emitted int64
	t := time.NewTicker(time.Millisecond)
	for range t.C {
		due := int64(time.Since(start).Seconds() * totalRate)
		for ; emitted < due; emitted++ {
			s := int(emitted % int64(symbols))
			p := prices[s]
			if rand.Intn(2) == 0 {
				p -= 0.01
			} else {
				p += 0.01
			}
			if p < 1 {
				p = 1
			}
			prices[s] = p
			b := make([]byte, 0, 96)
			b = append(b, `{"type":"tick","symbol":"`...)
			b = append(b, names[s]...)
			b = append(b, `","seq":`...)
			b = strconv.AppendInt(b, emitted/int64(symbols)+1, 10)
			b = append(b, `,"price":`...)
			b = strconv.AppendFloat(b, p, 'f', 2, 64)
			b = append(b, `,"ts":`...)
			b = strconv.AppendInt(b, time.Now().UnixMilli(), 10)
			b = append(b, '}')
			pm, _ := websocket.NewPreparedMessage(websocket.TextMessage, b)
			for _, c := range snapshot() {
				select {
				case c.send <- pm:
				case <-c.done:
				}
			}
		}
	}
}
