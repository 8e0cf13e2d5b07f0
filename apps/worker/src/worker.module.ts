import { Module } from '@nestjs/common';

/** Consumes the queues (filled in by the referrals issue). */
@Module({})
export class WorkerModule {}
