import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ReadYourWrites } from '../common/read-your-writes';
import { AreaScope } from './area-scope';
import { IndicatorsController } from './indicators.controller';
import { RecordFigureController } from './record-figure.controller';

@Module({
  imports: [AuthModule],
  controllers: [IndicatorsController, RecordFigureController],
  providers: [AreaScope, ReadYourWrites],
  exports: [AreaScope],
})
export class IndicatorsModule {}
