import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { INDICATOR, INDICATOR_LIST } from './indicator.responses';
import type { Response } from 'express';
import type { Sql } from '@sen/db';
import { AREAS, Clock, SQL } from '@sen/platform';
import {
  type Indicator9Unit,
  type IndicatorLine,
  enteredLine,
  indicator12,
  indicator13,
  indicator9,
  indicatorCatalogue,
  indicatorTable,
  indicatorsCsv,
  indicatorsXlsx,
} from '@sen/read-models';
import { type AreaDirectory, type Indicator, loadFigures } from '@sen/reference';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/user';
import { ReadYourWrites } from '../common/read-your-writes';
import { AreaScope } from './area-scope';
import { findIndicator, indicatorMeta, parseIndicatorNumber } from './indicator-params';
import { ExportQueryDto, IndicatorQueryDto } from './indicators.dto';

/** What a line says about a sub-target's figure, without repeating the indicator. */
function figureOf(l: IndicatorLine) {
  return {
    value: l.value,
    unit: l.unit,
    numerator: l.numerator,
    denominator: l.denominator,
    target: l.target,
    targetMet: l.targetMet,
    source: l.source,
    noData: l.noData,
    note: l.note,
    enteredAt: l.enteredAt,
    enteredAgency: l.enteredAgency,
  };
}

/**
 * The plan's 24 indicators (DESIGN.md section 4), for supervisors and analysts: aggregates only, never a child,
 * a name or a summary.
 */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
@Roles('supervisor', 'analyst')
export class IndicatorsController {
  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(AREAS) private readonly areas: AreaDirectory,
    private readonly clock: Clock,
    private readonly scope: AreaScope,
    private readonly ryw: ReadYourWrites,
  ) {}

  private async where(q: IndicatorQueryDto, user: AuthUser) {
    const areaCode = this.scope.resolve(user, q.areaCode);
    await this.ryw.await('indicators', q.minPosition);
    return { year: q.year ?? this.scope.currentYear(), areaCode };
  }

  private table(w: { year: number; areaCode: string }, q: IndicatorQueryDto, indicators?: Indicator[]) {
    return indicatorTable({ sql: this.sql, areas: this.areas }, w, this.clock.now(), {
      ...(q.unit ? { unit9: q.unit as Indicator9Unit } : {}),
      ...(indicators ? { indicators } : {}),
    });
  }

  /** Every indicator with its targets and its figure for the year and area. */
  @ApiOkResponse({ schema: INDICATOR_LIST })
  @Get()
  async list(@Query() q: IndicatorQueryDto, @CurrentUser() user: AuthUser) {
    const w = await this.where(q, user);
    const indicators = await indicatorCatalogue(this.sql);
    const lines = new Map((await this.table(w, q, indicators)).map((l) => [l.targetKey, l]));
    return {
      year: w.year,
      areaCode: w.areaCode,
      areaName: this.areas.get(w.areaCode)?.name ?? null,
      indicators: indicators.map((i) => {
        const meta = indicatorMeta(i);
        return { ...meta, targets: meta.targets.map((t) => ({ ...t, figure: figureOf(lines.get(t.key)!) })) };
      }),
    };
  }

  /** The indicator table as a file: `format=csv` (UTF-8 with a byte-order mark, for spreadsheets) or `xlsx`. */
  @Get('export')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@Query() q: ExportQueryDto, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const w = await this.where(q, user);
    const lines = await this.table(w, q);
    const name = `sen-indicators-${w.year}-${w.areaCode}`;
    res.setHeader('Cache-Control', 'no-store');
    if (q.format === 'xlsx') {
      const title = `Indicators ${w.year}, ${this.areas.get(w.areaCode)?.name ?? w.areaCode} (${w.areaCode})`;
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
      res.send(await indicatorsXlsx(lines, title));
      return;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    res.send(`\ufeff${indicatorsCsv(lines)}`);
  }

  /**
   * One indicator for a year and an area: 9, 12 and 13 with how they are computed (12 by area, category and
   * responding agency); the others with the figures their lead agency entered, every year.
   */
  @ApiOkResponse({ schema: INDICATOR })
  @Get(':number')
  async one(@Param('number') raw: string, @Query() q: IndicatorQueryDto, @CurrentUser() user: AuthUser) {
    const number = parseIndicatorNumber(raw);
    const indicators = await indicatorCatalogue(this.sql);
    const indicator = findIndicator(indicators, number);
    const w = await this.where(q, user);
    const deps = { sql: this.sql, areas: this.areas };
    const base = {
      ...indicatorMeta(indicator),
      year: w.year,
      areaCode: w.areaCode,
      areaName: this.areas.get(w.areaCode)?.name ?? null,
    };
    if (number === 9)
      return { ...base, result: await indicator9(deps, indicator, w, q.unit as Indicator9Unit | undefined) };
    if (number === 12) return { ...base, result: await indicator12(deps, indicator, w, this.clock.now()) };
    if (number === 13) return { ...base, result: await indicator13(deps, indicator, w) };
    const keys = new Set(indicator.targets.map((t) => t.key));
    const history = (await loadFigures(this.sql, w.areaCode)).filter((f) => keys.has(f.targetKey));
    return {
      ...base,
      figures: indicator.targets.map((t) => ({
        targetKey: t.key,
        ...figureOf(
          enteredLine(
            indicator,
            t,
            w,
            this.areas,
            history.find((f) => f.targetKey === t.key && f.year === w.year),
          ),
        ),
      })),
      history,
    };
  }
}
