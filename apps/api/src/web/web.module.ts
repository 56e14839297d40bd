import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CaseworkModule } from '../casework/casework.module';
import { OperationsModule } from '../operations/operations.module';
import { PathwayModule } from '../pathway/pathway.module';
import { PeopleModule } from '../people/people.module';
import { PlacementsModule } from '../placements/placements.module';
import { SitesModule } from '../sites/sites.module';
import { AccountsModule } from '../accounts/accounts.module';
import { GovernanceModule } from '../governance/governance.module';
import { DeskPages } from './desk.pages';
import { AccountPages } from './account.pages';
import { AdminAuditPages, AdminRetentionPages, AdminUsersPages } from './admin.pages';
import { GovernancePublicPages, PersonDataProtectionPages } from './data-protection.pages';
import { CasePages } from './casework/case.pages';
import { FormSubmissionRepository } from './casework/form-submission.repository';
import { FormSubmissions } from './casework/form-submissions';
import { WorklistPages } from './casework/worklist.pages';
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
      imports: [OperationsModule, PeopleModule, PathwayModule, CaseworkModule, SitesModule, PlacementsModule, AccountsModule, GovernanceModule],
      controllers: [
        AccountPages,
        HomePages,
        OperationsPages,
        DeskPages,
        CasePages,
        WorklistPages,
        SitesPages,
        PlacementPages,
        AdminUsersPages,
        AdminAuditPages,
        AdminRetentionPages,
        PersonDataProtectionPages,
        GovernancePublicPages,
      ],
      providers: [{ provide: CsrfTokens, useValue: new CsrfTokens(secret) }, WebPageInterceptor, FormSubmissionRepository, FormSubmissions],
    };
  }

  /** The "Import sites" form is multipart (a file): read it before the page's CSRF check needs its fields. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(csvUpload).forRoutes({ path: `${WEB_PREFIX}/sites/import`, method: RequestMethod.POST });
  }
}
