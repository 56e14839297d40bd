import { SchedulerRegistry } from '@nestjs/schedule';
import { JobScheduler } from './job-scheduler';

describe('JobScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never starts a run while the previous one of the same job is still going', async () => {
    const scheduler = new JobScheduler(new SchedulerRegistry());
    let started = 0;
    let finish: () => void = () => undefined;
    scheduler.every('slow', 1000, () => {
      started++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    jest.advanceTimersByTime(3500); // three ticks, the first still running
    expect(started).toBe(1);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
    expect(started).toBe(2);
    scheduler.onApplicationShutdown();
  });

  it('goes on after a failed run, registers jobs by name, and stops them all at shutdown', async () => {
    const registry = new SchedulerRegistry();
    const scheduler = new JobScheduler(registry);
    let runs = 0;
    scheduler.every('flaky', 1000, async () => {
      runs++;
      throw new Error('database away');
    });
    scheduler.every('off', 0, async () => undefined);
    expect(scheduler.jobs()).toEqual(['flaky']);
    expect(registry.getIntervals()).toEqual(['flaky']);
    for (let i = 0; i < 3; i++) {
      jest.advanceTimersByTime(1000);
      for (let j = 0; j < 5; j++) await Promise.resolve();
    }
    expect(runs).toBe(3);
    scheduler.onApplicationShutdown();
    expect(registry.getIntervals()).toEqual([]);
    jest.advanceTimersByTime(5000);
    expect(runs).toBe(3);
  });
});
