import { loginBackoffMs, MAX_BACKOFF_MS } from './login-backoff';

describe('per-account login backoff', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 120_000],
    [9, 480_000],
    [10, MAX_BACKOFF_MS],
    [50, MAX_BACKOFF_MS],
  ])('after %i failures: %i ms', (failures, ms) => {
    expect(loginBackoffMs(failures, 30_000)).toBe(ms);
  });
});
