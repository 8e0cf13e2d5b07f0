import { Module } from '@nestjs/common';

/** Runs the projections and the outbox relay (filled in by the projections issue). */
@Module({})
export class ProjectorModule {}
