import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ReadYourWrites } from '../common/read-your-writes';
import { IndicatorsModule } from '../indicators/indicators.module';
import { DashboardController } from './dashboard.controller';

@Module({
  imports: [AuthModule, IndicatorsModule],
  controllers: [DashboardController],
  providers: [ReadYourWrites],
})
export class DashboardModule {}
