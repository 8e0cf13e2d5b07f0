import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { FIGURE_RECORDED } from './indicator.responses';
import type { Sql } from '@sen/db';
import { AREAS, Clock, SQL } from '@sen/platform';
import { indicatorCatalogue } from '@sen/read-models';
import { type AreaDirectory, recordFigure } from '@sen/reference';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/user';
import { ApiError } from '../common/api-error';
import { AreaScope } from './area-scope';
import { findIndicator, parseIndicatorNumber } from './indicator-params';
import { RecordFigureDto } from './indicators.dto';

const field = (name: string, problem: string, message: string) =>
  new ApiError(400, 'VALIDATION_FAILED', message, [{ field: name, problems: [problem] }]);

/**
 * Figures of the 21 indicators Sen does not compute, entered by their lead agency (plan, section IV): an
 * officer of the lead agency or of an agency that supplies its data (Sở Y tế for 11), or a supervisor on their
 * behalf, within their own areas. Analysts read, they do not enter. A figure entered again for the same
 * sub-target, year and area replaces the one in force; every entry is kept in the history.
 */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class RecordFigureController {
  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(AREAS) private readonly areas: AreaDirectory,
    private readonly clock: Clock,
    private readonly scope: AreaScope,
  ) {}

  @ApiCreatedResponse({ schema: FIGURE_RECORDED })
  @Post(':number/figures')
  @HttpCode(201)
  @Roles('supervisor', 'agency_officer')
  async record(@Param('number') raw: string, @Body() body: RecordFigureDto, @CurrentUser() user: AuthUser) {
    const indicator = findIndicator(await indicatorCatalogue(this.sql), parseIndicatorNumber(raw));
    if (indicator.computed) {
      throw new ApiError(
        409,
        'INDICATOR_COMPUTED',
        `indicator ${indicator.number} is computed from the cases; it takes no entered figures`,
      );
    }
    if (
      user.role === 'agency_officer' &&
      user.agency !== indicator.leadAgency &&
      !indicator.dataSuppliers.includes(user.agency ?? '')
    ) {
      throw new ApiError(
        403,
        'NOT_LEAD_AGENCY',
        `indicator ${indicator.number} is reported by ${indicator.leadAgency}, not ${user.agency}`,
      );
    }
    let target = indicator.targets[0]!;
    if (body.targetKey !== undefined || indicator.targets.length > 1) {
      const keys = indicator.targets.map((t) => t.key);
      const found = indicator.targets.find((t) => t.key === body.targetKey);
      if (!found) {
        throw field(
          'targetKey',
          `one of ${keys.join(', ')}`,
          `targetKey must be a sub-target of indicator ${indicator.number}: ${keys.join(', ')}`,
        );
      }
      target = found;
    }
    const thisYear = this.scope.currentYear();
    if (body.year > thisYear) throw field('year', `not after ${thisYear}`, `year ${body.year} has not happened yet`);
    if (target.unit === 'percent' && body.value > 100)
      throw field('value', 'at most 100 (percent)', 'value is a percentage: 0 to 100');
    if (target.unit === 'per_100000_children' && body.value > 100_000)
      throw field('value', 'at most 100000', 'value is per 100,000 children');
    if (target.unit === 'per_1000_live_births' && body.value > 1000)
      throw field('value', 'at most 1000', 'value is per 1,000 live births');
    const areaCode = this.scope.resolve(user, body.areaCode);
    const figure = await recordFigure(this.sql, {
      targetKey: target.key,
      year: body.year,
      areaCode,
      value: body.value,
      note: body.note ?? null,
      enteredBy: user.userId,
      enteredRole: user.role,
      enteredAgency: user.agency,
      enteredAt: this.clock.now().toISOString(),
    });
    return {
      indicator: indicator.number,
      ...figure,
      areaName: this.areas.get(areaCode)?.name ?? null,
      unit: target.unit,
    };
  }
}
