import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { PeopleModule } from '../people/people.module';
import { PlacementsModule } from '../placements/placements.module';
import { SitesModule } from '../sites/sites.module';
import { AccountPages } from './account.pages';
import { CsrfTokens } from './csrf';
import { HomePages } from './home.pages';
import { OperationsPages } from './operations.pages';
import { WebPageInterceptor } from './web-page.interceptor';
import { csvUpload } from './housing/csv-upload.middleware';
import { PlacementPages } from './housing/placement.pages';
import { SitesPages } from './housing/sites.pages';
import { WEB_PREFIX } from './web-keys';

/**
 * The web application: server-rendered pages (Nunjucks + GOV.UK Frontend + MoJ Frontend). Its controllers
 * are thin: they call the same services as the API controllers, as the signed-in user, so the one access
 * layer applies; they never hold SQL.
 */
@Module({})
export class WebModule implements NestModule {
  static register(secret: string): DynamicModule {
    return {
      module: WebModule,
      imports: [OperationsModule, PeopleModule, SitesModule, PlacementsModule],
      controllers: [AccountPages, HomePages, OperationsPages, SitesPages, PlacementPages],
      providers: [{ provide: CsrfTokens, useValue: new CsrfTokens(secret) }, WebPageInterceptor],
    };
  }

  /** The "Import sites" form is multipart (a file): read it before the page's CSRF check needs its fields. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(csvUpload).forRoutes({ path: `${WEB_PREFIX}/sites/import`, method: RequestMethod.POST });
  }
}
