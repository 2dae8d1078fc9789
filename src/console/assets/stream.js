// The live event stream of one app (/console/events): deliveries (messages, recalls, tips, notices), journal
// entries, kicks and resets, pushed by the server as they happen. Views subscribe while they are shown.
import { token } from './api.js';

const listeners = new Set();
let socket = null;
let app = null;
let pinger = null;
let retry = null;

function setState(text, live) {
  const badge = document.getElementById('live');
  badge.textContent = text;
  badge.className = live ? 'live on' : 'live off';
}

function open() {
  clearTimeout(retry);
  if (!app) return;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = new URLSearchParams({ app });
  if (token()) query.set('token', token());
  const ws = new WebSocket(`${scheme}://${location.host}/console/events?${query}`);
  socket = ws;
  ws.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.type === 'hello') setState('live', true);
    if (event.type === 'error') setState(event.error, false);
    for (const listener of listeners) listener(event);
  };
  ws.onclose = () => {
    if (socket !== ws) return;
    setState('offline', false);
    // The server went away (a restart): come back when it does.
    retry = setTimeout(open, 2000);
  };
}

// Follows `id`'s events from now on (one app at a time).
export function watchApp(id) {
  if (id === app && socket) return;
  app = id;
  const old = socket;
  socket = null;
  if (old) old.close();
  open();
  clearInterval(pinger);
  // The server closes a socket silent for 120 s.
  pinger = setInterval(() => { if (socket && socket.readyState === WebSocket.OPEN) socket.send('ping'); }, 30000);
}

// Calls `listener(event)` for every event until the returned function is called.
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
