import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { CommandMetadata } from '../cases/command-metadata';
import { ReadYourWrites } from '../common/read-your-writes';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';
import { RegisterChildrenService } from './register-children.service';
import { TracingController } from './tracing.controller';
import { TracingService } from './tracing.service';

@Module({
  imports: [CqrsModule, AuthModule],
  controllers: [IncidentsController, TracingController],
  providers: [IncidentsRepository, RegisterChildrenService, TracingService, CommandMetadata, ReadYourWrites],
  exports: [TracingService],
})
export class IncidentsModule {}
