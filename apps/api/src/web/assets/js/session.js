// The session warning: two minutes before the signed-in session ends the page says so, with "Stay signed
// in" (a fresh session, no reload) and "Sign in again" (which brings the person back to this page). Once
// it has ended the page says that instead, and the next click on a link or form goes through sign-in.
const WARN_BEFORE_MS = 2 * 60 * 1000;

export function watchSession(doc) {
  const body = doc.body;
  const banner = doc.querySelector('[data-module="app-session-warning"]');
  // Counted from this device's clock (seconds left when the page was made), so a wrong clock does not matter.
  const secondsLeft = Number.parseInt(body.dataset.sessionExpiresIn || '', 10);
  if (!banner || Number.isNaN(secondsLeft)) return;
  const expires = Date.now() + secondsLeft * 1000;
  const message = banner.querySelector('[data-session-message]');
  const renewButton = banner.querySelector('[data-session-renew]');
  let endsAt = expires;
  let timer;

  const clock = (at) => new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
  const show = (text, canRenew) => {
    message.textContent = text;
    renewButton.hidden = !canRenew;
    banner.hidden = false;
  };
  const schedule = () => {
    clearTimeout(timer);
    const now = Date.now();
    if (now >= endsAt) {
      show('Your session has ended. Sign in again to carry on: you will come back to this page.', false);
      return;
    }
    if (now >= endsAt - WARN_BEFORE_MS) {
      show(`Your session ends at ${clock(endsAt)}. Stay signed in to keep working on this page.`, true);
      timer = setTimeout(schedule, Math.min(endsAt - now, 30_000));
      return;
    }
    banner.hidden = true;
    timer = setTimeout(schedule, Math.min(endsAt - WARN_BEFORE_MS - now, 2 ** 31 - 1));
  };

  renewButton.addEventListener('click', async () => {
    try {
      const res = await fetch('/account/session', {
        method: 'POST',
        headers: { 'X-CSRF-Token': body.dataset.csrfToken, Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(String(res.status));
      endsAt = Date.now() + (await res.json()).expiresInSeconds * 1000;
      banner.hidden = true;
      schedule();
      message.textContent = '';
    } catch {
      show('Your session could not be renewed. Sign in again to carry on: you will come back to this page.', false);
    }
  });
  schedule();
}
