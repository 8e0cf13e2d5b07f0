import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseAppModule } from '@sen/case-app';
import { DECIDE_CONTEXT, EVENT_STORE, OpsModule } from '@sen/platform';
import { AdminModule } from './admin/admin.module';
import { AreasController } from './areas/areas.controller';
import { AuthModule } from './auth/auth.module';
import { ApiCaseCommandGuard } from './cases/case-command.guard';
import { CasesModule } from './cases/cases.module';
import { WebModule } from './web/web.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { DashboardModule } from './dashboard/dashboard.module';
import { IncidentsModule } from './incidents/incidents.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { ReferralsModule } from './referrals/referrals.module';
import { SecurityModule } from './security/security.module';

/** The HTTP API (DESIGN.md section 5). Needs PlatformModule.forRoot(...) beside it. */
@Module({
  imports: [
    CqrsModule.forRoot(),
    // The one command path, with the guard that holds the API's scope rules.
    CaseAppModule.forRoot({
      eventStore: EVENT_STORE,
      decideContext: DECIDE_CONTEXT,
      guard: ApiCaseCommandGuard,
      imports: [AuthModule, SecurityModule],
    }),
    SecurityModule,
    AuthModule,
    CasesModule,
    ReferralsModule,
    IndicatorsModule,
    DashboardModule,
    IncidentsModule,
    AdminModule,
    OpsModule,
    // Last: its SPA fallback answers only what no API route did.
    WebModule.register(),
  ],
  controllers: [AreasController],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
})
export class ApiModule {}
