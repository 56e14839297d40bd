import { DynamicModule, Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { PeopleModule } from '../people/people.module';
import { AccountPages } from './account.pages';
import { CsrfTokens } from './csrf';
import { HomePages } from './home.pages';
import { OperationsPages } from './operations.pages';
import { WebPageInterceptor } from './web-page.interceptor';

/**
 * The web application: server-rendered pages (Nunjucks + GOV.UK Frontend + MoJ Frontend). Its controllers
 * are thin: they call the same services as the API controllers, as the signed-in user, so the one access
 * layer applies; they never hold SQL.
 */
@Module({})
export class WebModule {
  static register(secret: string): DynamicModule {
    return {
      module: WebModule,
      imports: [OperationsModule, PeopleModule],
      controllers: [AccountPages, HomePages, OperationsPages],
      providers: [{ provide: CsrfTokens, useValue: new CsrfTokens(secret) }, WebPageInterceptor],
    };
  }
}
