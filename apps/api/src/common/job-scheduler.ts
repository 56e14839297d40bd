import { Global, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';

/**
 * Every periodic job of the server (deadline watcher, reservation expiry, outbox retention...) runs through
 * here, registered by name in @nestjs/schedule's registry, so one place knows them all. A run never overlaps
 * the previous one of the same job (a slow database must not stack up passes), a failure is logged and the
 * next run goes ahead, and every job stops when the application shuts down. Each job claims its rows with
 * SKIP LOCKED or advisory locks, so several server processes may all run it.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly names = new Set<string>();

  constructor(private readonly registry: SchedulerRegistry) {}

  /** Run `job` every `intervalMs`; 0 or less registers nothing (tests drive such jobs by hand). */
  every(name: string, intervalMs: number, job: () => Promise<unknown>): void {
    if (intervalMs <= 0) return;
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      job()
        .catch((err) => this.logger.error({ err }, `${name} failed`))
        .finally(() => (running = false));
    }, intervalMs);
    timer.unref();
    this.registry.addInterval(name, timer);
    this.names.add(name);
  }

  /** The registered jobs, by name (for tests and the health of a deployment). */
  jobs(): string[] {
    return [...this.names];
  }

  onApplicationShutdown(): void {
    // The schedule module clears its registry on shutdown too; whichever runs first wins.
    for (const name of this.names) if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
    this.names.clear();
  }
}

@Global()
@Module({ imports: [ScheduleModule.forRoot()], providers: [JobScheduler], exports: [JobScheduler] })
export class JobSchedulerModule {}
