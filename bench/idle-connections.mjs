// Opens N idle WebSockets to a server on this machine and holds them open, to measure the server's memory per
// connection: `node --experimental-websocket bench/idle-connections.mjs <port> <count> [seconds]`.
// Connections are opened 500 at a time, loopback only, and all closed when the time is up.

const [port = '8080', count = '5000', seconds = '120'] = process.argv.slice(2);
const total = Number(count);
let open = 0;
let failed = 0;
const sockets = [];
for (let i = 0; i < total; i++) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/ticker`);
  socket.onopen = () => { open += 1; };
  socket.onerror = () => { failed += 1; };
  sockets.push(socket);
  if (i % 500 === 499) await new Promise((resolve) => setTimeout(resolve, 200));
}
const report = setInterval(() => console.log(`open ${open}, failed ${failed}`), 3000);
await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000));
clearInterval(report);
for (const socket of sockets) socket.close();
process.exit(0);
