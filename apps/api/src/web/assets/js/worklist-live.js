// The worklist keeps itself up to date. Preferred: the /live socket (every deadline and stage change of the
// user's operations arrives as an event, and the table is fetched again at once). When the socket cannot
// connect (no socket.io client, refused, offline), a small poll every 30 seconds does the same. The page
// works without any of this: it is a plain table, and reloading it gives the same answer.
const region = document.querySelector('[data-worklist-live]');
const POLL_MS = 30_000;
const RELEVANT = /^(deadline\.|person\.(stage_changed|missing|found|registered|triaged))/;

let refreshing = false;
let again = false;

async function refresh() {
  if (refreshing) {
    again = true;
    return;
  }
  refreshing = true;
  try {
    const res = await fetch(window.location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const fresh = doc.querySelector('[data-worklist-live]');
    if (!fresh) return;
    const focused = document.activeElement && region.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
    region.innerHTML = fresh.innerHTML;
    region.dataset.seq = fresh.dataset.seq || region.dataset.seq;
    if (focused) region.querySelector(`[href="${CSS.escape(focused)}"]`)?.focus();
  } catch {
    // offline for a moment: the next event or poll tries again
  } finally {
    refreshing = false;
    if (again) {
      again = false;
      refresh();
    }
  }
}

function poll() {
  region.dataset.liveMode = 'poll';
  setInterval(() => {
    if (!document.hidden) refresh();
  }, POLL_MS);
}

async function live() {
  const operationIds = (region.dataset.operationIds || '').split(',').filter(Boolean);
  if (operationIds.length === 0) return poll();
  let io;
  try {
    ({ io } = await import('/socket.io/socket.io.esm.min.js'));
  } catch {
    return poll();
  }
  // The socket takes a bearer token: this page borrows its session's (same origin, with the CSRF header).
  const token = async () => {
    const res = await fetch('/account/token', { headers: { 'X-CSRF-Token': document.body.dataset.csrfToken || '', accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) throw new Error(`token: ${res.status}`);
    return (await res.json()).accessToken;
  };
  let first;
  try {
    first = await token();
  } catch {
    return poll();
  }
  const socket = io('/live', {
    path: '/socket.io',
    transports: ['websocket'],
    reconnectionDelayMax: 10_000,
    // A reconnect after the session was renewed uses the renewed token.
    auth: (cb) => (first ? (cb({ token: first }), (first = undefined)) : token().then((t) => cb({ token: t }), () => cb({ token: '' }))),
  });
  socket.on('token_expired', () => socket.disconnect());
  let polling = false;
  socket.on('connect', () => {
    region.dataset.liveMode = 'socket';
    for (const operationId of operationIds) socket.emit('subscribe', { operationId });
    refresh();
  });
  socket.on('event', (event) => {
    if (event && RELEVANT.test(String(event.type))) refresh();
  });
  socket.on('connect_error', () => {
    if (!polling) {
      polling = true;
      poll();
    }
  });
}

if (region) live();
