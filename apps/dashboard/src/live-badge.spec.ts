import { initialLiveStatus, LiveStatus } from './live';
import { describeLive } from './live-badge';

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00`);
const status = (fields: Partial<LiveStatus>): LiveStatus => ({ ...initialLiveStatus(), ...fields });

describe('the live badge says in words what the figures are', () => {
  it.each([
    ['live', status({ state: 'live' }), false, 'Live', 'no events yet', 'on'],
    ['live but the last refresh failed', status({ state: 'live' }), true, 'Live, but not refreshing', 'figures as of 09:15', 'bad'],
    ['connecting', status({ state: 'connecting' }), false, 'Connecting…', 'figures as of 09:15', 'off'],
    ['refused by the server', status({ state: 'refused', message: 'You may not watch this operation' }), false, 'Not live: refused', 'You may not watch this operation', 'bad'],
    ['offline', status({ state: 'offline', since: at('09:20') }), false, 'Offline, reconnecting…', 'since 09:20', 'off'],
    ['stale', status({ state: 'stale', since: at('09:20') }), false, 'Out of date', 'may have changed', 'bad'],
    ['signed out', status({ state: 'expired' }), false, 'Signed out', 'sign in again', 'bad'],
  ])('%s', (_, s, failing, label, detail, tone) => {
    const badge = describeLive(s, at('09:15'), failing);
    expect(badge.label).toBe(label);
    expect(badge.detail).toContain(detail);
    expect(badge.tone).toBe(tone);
  });

  it('never says Live while refused, offline, stale or signed out', () => {
    for (const state of ['refused', 'offline', 'stale', 'expired', 'connecting'] as const) {
      expect(describeLive(status({ state }), null, false).label).not.toBe('Live');
    }
  });
});
