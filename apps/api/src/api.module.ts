import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { OpsModule } from '@sen/platform';
import { AreasController } from './areas/areas.controller';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { ReferralsModule } from './referrals/referrals.module';
import { WebModule } from './web/web.module';

import { HttpExceptionFilter } from './common/http-exception.filter';

/** The HTTP API (DESIGN.md section 5). Needs PlatformModule.forRoot(...) beside it. */
@Module({
  // WebModule last: its SPA fallback answers only what no API route did.
  imports: [CqrsModule.forRoot(), AuthModule, CasesModule, ReferralsModule, OpsModule, WebModule.register()],
  controllers: [AreasController],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
})
export class ApiModule {}
