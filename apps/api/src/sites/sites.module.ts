import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { BedsController, TurnaroundController } from './beds.controller';
import { BedsRepository } from './beds.repository';
import { BedsService } from './beds.service';
import { CsvBodyMiddleware } from './csv-body.middleware';
import { SiteAccess } from './site-access.service';
import { SiteImportService } from './site-import.service';
import { SitesController } from './sites.controller';
import { SitesRepository } from './sites.repository';
import { SitesService } from './sites.service';
import { VoidReadinessService } from './void-readiness.service';

/** The accommodation inventory: sites, rooms, beds, void readiness and CSV import. */
@Module({
  controllers: [SitesController, BedsController, TurnaroundController],
  providers: [SitesRepository, BedsRepository, SiteAccess, SitesService, BedsService, VoidReadinessService, SiteImportService],
  // Placement and operations read sites and beds, and change bed status, through these.
  exports: [SitesRepository, BedsRepository, SiteAccess, SitesService, BedsService, VoidReadinessService, SiteImportService],
})
export class SitesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(CsvBodyMiddleware)
      .forRoutes({ path: 'sites/import', method: RequestMethod.POST }, { path: 'sites/import/preview', method: RequestMethod.POST });
  }
}
