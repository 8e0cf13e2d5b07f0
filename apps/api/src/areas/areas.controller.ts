import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AREAS_RESPONSE } from './area.responses';
import { localDate } from '@sen/case-domain';
import { AREAS } from '@sen/platform';
import type { AreaDirectory } from '@sen/reference';
import { ApiError } from '../common/api-error';
import { Clock } from '@sen/platform';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('areas')
export class AreasController {
  constructor(
    @Inject(AREAS) private readonly areas: AreaDirectory,
    private readonly clock: Clock,
  ) {}

  /** The area tree in force on a date (today by default), or both trees with `?all=true`. */
  @ApiOkResponse({ schema: AREAS_RESPONSE })
  @Get()
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD; the tree in force on that day' })
  @ApiQuery({ name: 'all', required: false, description: 'true: both trees (before and after 1 July 2025)' })
  list(@Query('date') date?: string, @Query('all') all?: string) {
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'date must be YYYY-MM-DD', [
        { field: 'date', problems: ['must be YYYY-MM-DD'] },
      ]);
    }
    const day = date ?? localDate(this.clock.now().toISOString(), 420);
    const areas = all === 'true' ? this.areas.all() : this.areas.treeOn(day);
    return {
      date: all === 'true' ? null : day,
      areas: areas.map((a) => ({
        code: a.code,
        name: a.name,
        level: a.level,
        kind: a.kind,
        parentCode: a.parentCode,
        treeId: a.treeId,
        validFrom: a.validFrom,
        validTo: a.validTo,
        // For a pre-2025 area, the areas it became (all or part of): the web app maps an old commune name onto them.
        successors: this.areas.successorsOf(a.code),
      })),
    };
  }
}
