'use strict';
// Sanity check for a reference peer (not the benchmark): opens N connections, then for a fixed
// time counts delivered ticks (each item of a batch counts), per-symbol seq gaps and duplicates,
// and publish-to-receipt latency. Bounded in time; loopback only.
//
//   node check.js <port> <clients> <seconds> [symbols]
const WebSocket = require('./ws/node_modules/ws');

const port = parseInt(process.argv[2], 10);
const n = parseInt(process.argv[3], 10);
const seconds = Number(process.argv[4]);
if (!(port > 0) || !(n > 0) || !(seconds > 0) || seconds > 120) {
  console.error('usage: check.js <port> <clients> <seconds<=120>');
  process.exit(2);
}
const url = 'ws://127.0.0.1:' + port + '/ws/ticker';
setTimeout(() => { console.error('check: hard timeout'); process.exit(1); }, (seconds + 120) * 1000).unref();

let measuring = false, ticks = 0, frames = 0, gaps = 0, dups = 0, clientsSeen = 0;
const hist = new Uint32Array(10001); // latency in ms, last bucket = 10 s or more
const socks = [];

function onTick(st, t) {
  const last = st.last.get(t.symbol);
  st.last.set(t.symbol, t.seq);
  if (!measuring) return;
  ticks++;
  if (last !== undefined) {
    if (t.seq <= last) dups++;
    else if (t.seq > last + 1) gaps += t.seq - last - 1;
  }
  hist[Math.min(10000, Math.max(0, Date.now() - t.ts))]++;
}

function open(i) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 30000 });
    const st = { last: new Map(), got: false };
    ws.on('open', () => resolve(ws));
    ws.on('error', (e) => { console.error('client', i, e.message); resolve(null); });
    ws.on('message', (data) => {
      const m = JSON.parse(data);
      if (measuring) { frames++; if (!st.got) { st.got = true; clientsSeen++; } }
      if (m.type === 'batch') for (const t of m.items) onTick(st, t);
      else onTick(st, m);
    });
    socks.push(ws);
  });
}

function pct(q) {
  let total = 0;
  for (const c of hist) total += c;
  let acc = 0;
  for (let i = 0; i < hist.length; i++) { acc += hist[i]; if (acc >= q * total) return i; }
  return -1;
}

(async () => {
  const t0 = Date.now();
  let opened = 0;
  for (let i = 0; i < n; i += 100) { // open 100 at a time
    const batch = [];
    for (let j = i; j < Math.min(n, i + 100); j++) batch.push(open(j));
    opened += (await Promise.all(batch)).filter(Boolean).length;
    if (Date.now() - t0 > 60000) break; // give up opening after a minute
  }
  const openMs = Date.now() - t0;
  await new Promise((r) => setTimeout(r, 1000)); // warm-up: every client sets its seq baseline
  const cpu0 = process.cpuUsage();
  measuring = true;
  const m0 = Date.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const elapsed = (Date.now() - m0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  for (const ws of socks) ws.terminate();
  const res = {
    opened, openMs, clientsReceiving: clientsSeen, seconds: elapsed,
    ticksPerSec: Math.round(ticks / elapsed), framesPerSec: Math.round(frames / elapsed),
    gaps, dups, p50: pct(0.5), p99: pct(0.99), max: pct(1),
    clientCpuPct: Math.round((cpu.user + cpu.system) / 1e4 / elapsed),
  };
  console.log(JSON.stringify(res));
  process.exit(gaps || dups || opened !== n ? 1 : 0);
})();
