import { Module } from '@nestjs/common';
import { ProjectorService } from './projector.service';

/** Runs the projections (one active projector at a time, the others standing by). */
@Module({ providers: [ProjectorService], exports: [ProjectorService] })
export class ProjectorModule {}
