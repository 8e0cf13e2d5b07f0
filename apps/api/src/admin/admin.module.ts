import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { CommandMetadata } from '../cases/command-metadata';
import { AccessLogController } from './access-log.controller';
import { ErasureController } from './erasure.controller';
import { ProjectionsController } from './projections.controller';
import { UsersController } from './users.controller';

@Module({
  imports: [AuthModule, IncidentsModule],
  controllers: [UsersController, AccessLogController, ErasureController, ProjectionsController],
  providers: [CommandMetadata],
})
export class AdminModule {}
