import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { CommandMetadata } from '../cases/command-metadata';
import { ReadYourWrites } from '../common/read-your-writes';
import { ReferralsController } from './referrals.controller';

@Module({
  imports: [CqrsModule, AuthModule],
  controllers: [ReferralsController],
  providers: [CommandMetadata, ReadYourWrites],
})
export class ReferralsModule {}
