// The desk with poor connectivity. Registrations and triage are sent with fetch; when the connection is
// down they are kept in this browser (IndexedDB) with their idempotency keys, shown as "Not sent yet",
// and sent in the order they were made when it returns. The server recognises a key it has already
// answered, so an item sent twice (the answer was lost on the way back) is created once. A refusal (the
// operation closed meanwhile) stays on screen until the person at the desk has read it: nothing is dropped.
const DB_NAME = 'safe-harbour-desk';
const STORE = 'outbox';
const body = document.body;

const newKey = () =>
  crypto.randomUUID ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx(mode, run) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const result = run(t.objectStore(STORE));
    t.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    t.onerror = () => reject(t.error);
  });
}

const outbox = {
  put: (item) => tx('readwrite', (s) => s.put(item)),
  remove: (key) => tx('readwrite', (s) => s.delete(key)),
  all: async () => ((await tx('readonly', (s) => s.getAll())) || []).sort((a, b) => a.seq - b.seq),
};

/** What the item was, in words, without personal data (it stays on a shared desk device). */
function describe(form, kind) {
  const data = new FormData(form);
  if (kind === 'triage') return `Triage of ${form.dataset.reference}: ${form.querySelector('input[name="outcome"]:checked')?.labels?.[0]?.textContent?.trim() ?? 'no outcome'}`;
  const label = (name) => form.querySelector(`input[name="${name}"]:checked`)?.labels?.[0]?.textContent?.trim() ?? '';
  const languages = String(data.get('languages') || '').trim();
  return ['Registration:', label('sex'), label('ageCategory'), languages, data.get('interpreterNeeded') ? '(interpreter needed)' : ''].filter(Boolean).join(' ');
}

/** One attempt at sending: 'sent', 'refused' (kept, shown), 'signed-out' or 'offline' (both tried again later). */
async function send(item) {
  const params = new URLSearchParams(item.body);
  // The token of the page open now (the one queued with it may be from before a sign-in).
  params.set('_csrf', body.dataset.csrfToken);
  let res;
  try {
    res = await fetch(item.url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: params.toString(),
      credentials: 'same-origin',
    });
  } catch {
    return { outcome: 'offline' };
  }
  if (res.redirected && new URL(res.url).pathname === '/sign-in') return { outcome: 'signed-out' };
  const answer = (res.headers.get('content-type') || '').includes('json') ? await res.json() : null;
  if (res.ok && answer?.ok) return { outcome: 'sent', answer };
  if (res.status >= 500) return { outcome: 'offline' };
  const message = answer?.errors?.list?.map((e) => e.text).join(' ') || (res.status === 403 ? 'Not accepted: you may not do this here, or the page has expired.' : `Not accepted (${res.status}).`);
  return { outcome: 'refused', message };
}

function render(items, notes) {
  const box = document.querySelector('[data-offline-queue]');
  const list = document.querySelector('[data-offline-list]');
  if (!box || !list) return;
  list.replaceChildren();
  for (const item of items) {
    const li = document.createElement('li');
    li.dataset.offlineItem = item.key;
    const tag = document.createElement('strong');
    tag.className = item.refused ? 'govuk-tag govuk-tag--red' : 'govuk-tag govuk-tag--yellow';
    tag.textContent = item.refused ? 'Not accepted' : 'Not sent yet';
    li.append(tag, ` ${item.label}`);
    if (item.refused) {
      const why = document.createElement('p');
      why.className = 'govuk-body govuk-!-margin-top-1 govuk-!-margin-bottom-1';
      why.textContent = item.refused;
      const dismiss = document.createElement('button');
      dismiss.type = 'button';
      dismiss.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-2';
      dismiss.textContent = 'I have dealt with this: remove it';
      dismiss.addEventListener('click', async () => {
        await outbox.remove(item.key);
        refresh();
      });
      li.append(why, dismiss);
    }
    list.append(li);
  }
  for (const note of notes) {
    const li = document.createElement('li');
    li.dataset.offlineSent = '';
    const tag = document.createElement('strong');
    tag.className = 'govuk-tag govuk-tag--green';
    tag.textContent = 'Sent';
    li.append(tag, ` ${note}`);
    list.append(li);
  }
  box.hidden = items.length === 0 && notes.length === 0;
  const banner = document.querySelector('[data-offline-banner]');
  if (banner) banner.hidden = navigator.onLine;
}

const sentNotes = [];
let flushing = false;

async function refresh() {
  render(await outbox.all(), sentNotes);
}

/** Send what is waiting, oldest first; stop at the first sign the connection (or the session) is not there. */
async function flush() {
  if (flushing) return;
  flushing = true;
  try {
    for (const item of await outbox.all()) {
      if (item.refused || item.userId !== body.dataset.userId) continue;
      const result = await send(item);
      if (result.outcome === 'offline') break;
      if (result.outcome === 'signed-out') {
        sentNotes.push('Sign in again to send the rest: they are kept on this device.');
        break;
      }
      if (result.outcome === 'refused') await outbox.put({ ...item, refused: result.message });
      if (result.outcome === 'sent') {
        await outbox.remove(item.key);
        sentNotes.push(item.kind === 'registration' ? `${item.label}: reference ${result.answer.reference}` : item.label);
      }
    }
  } finally {
    flushing = false;
    await refresh();
  }
}

async function queue(form, kind) {
  const keyField = form.querySelector('input[name="idempotencyKey"]');
  const items = await outbox.all();
  const item = {
    key: keyField.value,
    seq: (items.at(-1)?.seq ?? 0) + 1,
    kind,
    url: form.action,
    body: new URLSearchParams(new FormData(form)).toString(),
    label: describe(form, kind),
    userId: body.dataset.userId,
    createdAt: new Date().toISOString(),
  };
  await outbox.put(item);
  // Ready for the next person at once, with a fresh key.
  form.reset();
  keyField.value = newKey();
  form.querySelector('input, select, textarea')?.focus();
  await refresh();
}

function enhance(form) {
  const kind = form.dataset.offline;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.sending) return; // a double click: the first is on its way
    form.dataset.sending = 'yes';
    try {
      await submit(form, kind);
    } finally {
      delete form.dataset.sending;
    }
  });
}

async function submit(form, kind) {
  {
    if (!navigator.onLine) return queue(form, kind);
    const item = { url: form.action, body: new URLSearchParams(new FormData(form)).toString() };
    const result = await send(item);
    if (result.outcome === 'offline') return queue(form, kind);
    if (result.outcome === 'sent') {
      const desk = `/operations/${form.dataset.operationId}/desk`;
      return location.assign(kind === "registration" ? `${desk}?registered=${result.answer.personId}` : desk);
    }
    // Refused or signed out: the ordinary form post shows the errors, or the way back in. The refusal
    // released the key, so sending it again is safe.
    HTMLFormElement.prototype.submit.call(form);
  }
}

document.querySelectorAll('form[data-offline]').forEach(enhance);
window.addEventListener('online', flush);
window.addEventListener('offline', refresh);
setInterval(() => navigator.onLine && flush(), 15_000);
refresh().then(() => navigator.onLine && flush());
