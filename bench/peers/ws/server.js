'use strict';
// Minimal reference broadcast server for the Tickwire benchmark (Node.js + ws).
//
//   node server.js <port> <symbols> <ticksPerSecondPerSymbol> [batchMs]
//
// Without batchMs: every tick is one text frame, encoded once and sent to every client.
// With batchMs (ws-batch peer): ticks are collected and, every batchMs, sent to every client
// as one frame {"type":"batch","items":[tick,...]}, encoded once.
// Client messages are ignored; ws answers pings with pongs by itself.

const { WebSocketServer, WebSocket } = require('ws');

const port = parseInt(process.argv[2], 10);
const symbols = parseInt(process.argv[3], 10);
const tps = Number(process.argv[4]);
const batchMs = process.argv[5] ? parseInt(process.argv[5], 10) : 0;
if (!(port > 0) || !(symbols > 0) || !(tps > 0) || batchMs < 0) {
  console.error('usage: server.js <port> <symbols> <ticksPerSecondPerSymbol> [batchMs]');
  process.exit(2);
}

const wss = new WebSocketServer({ host: '127.0.0.1', port, backlog: 4096, perMessageDeflate: false });
const clients = wss.clients; // a Set maintained by ws
wss.on('connection', (ws) => {
  ws.on('error', () => {}); // a client that goes away is simply dropped
});

const names = [];
const prices = [];
for (let i = 0; i < symbols; i++) {
  names.push('S' + i);
  prices.push(100);
}

function broadcast(text) {
  if (clients.size === 0) return;
  const bytes = Buffer.from(text); // encoded once, the same bytes go to every client
  for (const ws of clients) {
    if (ws.readyState === WebSocket.OPEN) ws.send(bytes, { binary: false });
  }
}

let pending = []; // batch mode only: encoded ticks since the last flush

function tick(k) {
  const s = k % symbols;
  let p = prices[s] + (Math.random() < 0.5 ? -0.01 : 0.01);
  if (p < 1) p = 1;
  prices[s] = p;
  const text = '{"type":"tick","symbol":"' + names[s] + '","seq":' + (Math.floor(k / symbols) + 1) +
    ',"price":' + p.toFixed(2) + ',"ts":' + Date.now() + '}';
  if (batchMs) pending.push(text);
  else broadcast(text);
}

// Tick k (k = 0, 1, 2, ...) is for symbol k % symbols and is due at k / (symbols * tps) seconds
// after start; every millisecond the timer emits every tick that has become due.
const totalRate = symbols * tps;
const start = process.hrtime.bigint();
let emitted = 0;
setInterval(() => {
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  const due = Math.floor(elapsedMs * totalRate / 1000);
  while (emitted < due) tick(emitted++);
}, 1);

if (batchMs) {
  setInterval(() => {
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    broadcast('{"type":"batch","items":[' + items.join(',') + ']}');
  }, batchMs);
}

wss.on('listening', () => console.log('listening ' + port));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
