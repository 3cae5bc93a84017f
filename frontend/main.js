// A minimal live board: one socket, one table. Reconnection here is deliberately simple.

const SUBPROTOCOL = 'tickwire.v1.json';

/** Wait before reconnecting after an unplanned close, in milliseconds. */
const RECONNECT_DELAY_MS = 3000;

/** Close codes after which reconnecting cannot help (PROTOCOL.md, "Close codes"). */
const FINAL_CLOSE_CODES = new Set([1000, 1003, 1007, 1008, 1009]);

const statusLine = document.getElementById('status');
const tbody = document.getElementById('rows');

const priceFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const changeFormat = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 2, maximumFractionDigits: 4, signDisplay: 'exceptZero',
});
const percentFormat = new Intl.NumberFormat(undefined, {
  style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero',
});
const volumeFormat = new Intl.NumberFormat();
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** symbol -> { cells, price } */
const rows = new Map();

let nextRequestId = 1;

function setStatus(state, text) {
  statusLine.dataset.state = state;
  statusLine.textContent = text;
}

function socketUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/ticker`;
}

function connect() {
  setStatus('connecting', 'Connecting…');
  const socket = new WebSocket(socketUrl(), SUBPROTOCOL);
  let reconnectAfterMs = RECONNECT_DELAY_MS;

  socket.addEventListener('message', (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      console.warn('ignoring a frame that is not JSON', event.data);
      return;
    }
    if (message.type === 'shutdown') {
      reconnectAfterMs = message.reconnectAfterMs ?? RECONNECT_DELAY_MS;
    }
    handle(socket, message);
  });

  socket.addEventListener('close', (event) => {
    if (FINAL_CLOSE_CODES.has(event.code)) {
      setStatus('closed', `Closed (code ${event.code})`);
      return;
    }
    const seconds = Math.ceil(reconnectAfterMs / 1000);
    setStatus('closed', `Closed (code ${event.code}), reconnecting in ${seconds} s`);
    setTimeout(connect, reconnectAfterMs);
  });
}

function handle(socket, message) {
  switch (message.type) {
    case 'welcome':
      setStatus('connecting', 'Connected, loading symbols…');
      subscribeToAll(socket);
      break;
    case 'subscribed':
      for (const subscription of message.subscriptions ?? []) {
        const latest = subscription.recovered ? subscription.replay?.at(-1) : subscription.snapshot;
        if (latest) {
          show(latest);
        }
      }
      for (const rejected of message.rejected ?? []) {
        console.warn(`not subscribed to ${rejected.symbol}: ${rejected.code} ${rejected.message}`);
      }
      setStatus('live', 'Live');
      break;
    case 'tick':
      show(message);
      break;
    case 'batch':
      for (const item of message.items ?? []) {
        handle(socket, item);
      }
      break;
    case 'error':
      console.warn(`server error ${message.code}: ${message.message}`);
      break;
    default:
      // heartbeat, pong, unsubscribed and types this page does not know yet
      break;
  }
}

async function subscribeToAll(socket) {
  let symbols;
  try {
    const response = await fetch('/api/symbols', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`GET /api/symbols answered ${response.status}`);
    }
    symbols = await response.json();
  } catch (error) {
    console.warn('could not load symbols', error);
    socket.close();
    return;
  }
  for (const { symbol, latest } of symbols) {
    rowFor(symbol);
    if (latest) {
      show(latest);
    }
  }
  if (symbols.length > 0 && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify({ type: 'subscribe', id: nextRequestId++, symbols: symbols.map((s) => s.symbol) }));
  }
}

function rowFor(symbol) {
  let row = rows.get(symbol);
  if (!row) {
    const tr = document.createElement('tr');
    const cells = {};
    for (const name of ['symbol', 'price', 'change', 'bid', 'ask', 'volume', 'time']) {
      const td = document.createElement(name === 'symbol' ? 'th' : 'td');
      if (name === 'symbol') {
        td.scope = 'row';
      } else {
        td.className = 'num';
      }
      tr.append(td);
      cells[name] = td;
    }
    cells.symbol.textContent = symbol;
    tbody.append(tr);
    row = { cells, price: undefined };
    rows.set(symbol, row);
  }
  return row;
}

function show(tick) {
  const row = rowFor(tick.symbol);
  const { cells } = row;

  cells.price.textContent = priceFormat.format(tick.price);
  cells.price.className = `num ${direction(tick.price - (row.price ?? tick.price))}`;
  row.price = tick.price;

  if (tick.open != null) {
    const change = tick.price - tick.open;
    cells.change.textContent = `${changeFormat.format(change)} (${percentFormat.format(change / tick.open)})`;
    cells.change.className = `num ${direction(change)}`;
  } else {
    cells.change.textContent = '–';
    cells.change.className = 'num';
  }
  cells.bid.textContent = tick.bid != null ? priceFormat.format(tick.bid) : '–';
  cells.ask.textContent = tick.ask != null ? priceFormat.format(tick.ask) : '–';
  cells.volume.textContent = tick.volume != null ? volumeFormat.format(tick.volume) : '–';
  cells.time.textContent = timeFormat.format(new Date(tick.ts));
}

function direction(delta) {
  if (delta > 0) return 'up';
  if (delta < 0) return 'down';
  return '';
}

connect();
