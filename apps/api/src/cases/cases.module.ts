import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { ExecuteCaseHandler } from './execute-case.handler';
import { CaseActionsController } from './case-actions/case-actions.controller';
import { CommandMetadata } from './command-metadata';
import { GetCaseController } from './get-case/get-case.controller';
import { ListCasesController } from './list-cases/list-cases.controller';
import { ReadYourWrites } from '../common/read-your-writes';
import { OpenCaseController } from './open-case/open-case.controller';
import { OpenCaseHandler } from './open-case/open-case.handler';
import { OpenCaseScope } from './open-case/open-case.scope';
import { IncidentsRepository } from '../incidents/incidents.repository';

@Module({
  imports: [CqrsModule, AuthModule],
  controllers: [OpenCaseController, ListCasesController, CaseActionsController, GetCaseController],
  providers: [CommandMetadata, ReadYourWrites, OpenCaseHandler, ExecuteCaseHandler, OpenCaseScope, IncidentsRepository],
})
export class CasesModule {}
