import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config.schema';
import { loadDemoData } from './demo-loader';

/** With DEMO_DATA (on by default with the embedded database, never in production) a newcomer sees a real picture. */
@Injectable()
export class DemoDataService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('DEMO_DATA', { infer: true })) return;
    const result = await loadDemoData(this.dataSource, { onlyWithoutRealData: true, log: (m) => this.logger.log(m) });
    if (result.skipped) this.logger.log(`Demo data not loaded: ${result.reason}`);
    for (const step of result.steps.filter((s) => s.outcome === 'loaded')) this.logger.log(`Loaded demo ${step.name}`);
  }
}

@Module({ providers: [DemoDataService] })
export class DemoModule {}
