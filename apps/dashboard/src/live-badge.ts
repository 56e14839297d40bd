import type { LiveStatus } from './live';

const time = (d: Date) => d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** The badge says in words whether the figures below are live, and if not, why and since when. */
export function describeLive(status: LiveStatus, fetchedAt: Date | null, failing: boolean): { label: string; detail: string; tone: 'on' | 'off' | 'bad' } {
  const asOf = fetchedAt ? `figures as of ${time(fetchedAt)}` : 'no figures yet';
  if (status.state === 'live' && failing) return { label: 'Live, but not refreshing', detail: `the last refresh failed; ${asOf}`, tone: 'bad' };
  switch (status.state) {
    case 'live':
      return { label: 'Live', detail: status.lastEventAt ? `last event ${status.lastEventAt.toLocaleTimeString('en-GB')}` : 'no events yet', tone: 'on' };
    case 'connecting':
      return { label: 'Connecting…', detail: asOf, tone: 'off' };
    case 'refused':
      return { label: 'Not live: refused', detail: `${status.message ?? 'the server refused the live subscription'}; ${asOf}`, tone: 'bad' };
    case 'offline':
      return { label: 'Offline, reconnecting…', detail: `${status.since ? `since ${time(status.since)}; ` : ''}${asOf}`, tone: 'off' };
    case 'stale':
      return { label: 'Out of date', detail: `no connection${status.since ? ` since ${time(status.since)}` : ''}; ${asOf} may have changed`, tone: 'bad' };
    case 'expired':
      return { label: 'Signed out', detail: 'your session has expired: sign in again to continue', tone: 'bad' };
  }
}

