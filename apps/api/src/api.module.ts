import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { OpsModule } from '@sen/platform';
import { AreasController } from './areas/areas.controller';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { Clock, SystemClock } from './common/clock';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { DashboardModule } from './dashboard/dashboard.module';
import { IndicatorsModule } from './indicators/indicators.module';

@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {}

/** The HTTP API (DESIGN.md section 5). Needs PlatformModule.forRoot(...) beside it. */
@Module({
  imports: [CqrsModule.forRoot(), ClockModule, AuthModule, CasesModule, IndicatorsModule, DashboardModule, OpsModule],
  controllers: [AreasController],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
})
export class ApiModule {}
