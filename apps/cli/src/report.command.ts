import {
  INDICATOR_9_UNITS,
  type Indicator9Unit,
  indicatorTable,
  indicatorsCsv,
  indicatorsText,
} from '@sen/read-models';
import type { CliRuntime } from './runtime';

export interface ReportOptions {
  year: number;
  area: string;
  csv: boolean;
  unit9?: string;
  now?: Date;
}

/** `sen report --year Y [--area CODE] [--csv]`: the plan's indicator table, as the API's export gives it. */
export async function report(rt: CliRuntime, o: ReportOptions): Promise<string> {
  if (!Number.isInteger(o.year) || o.year < 2000 || o.year > 2100)
    throw new Error('--year must be a year, e.g. --year 2026');
  if (!rt.areas.get(o.area)) throw new Error(`--area ${o.area} is not an area code (see GET /areas)`);
  if (o.unit9 !== undefined && !(INDICATOR_9_UNITS as readonly string[]).includes(o.unit9)) {
    throw new Error(`--unit9 must be one of ${INDICATOR_9_UNITS.join(', ')}`);
  }
  const lines = await indicatorTable(
    { sql: rt.sql, areas: rt.areas },
    { year: o.year, areaCode: o.area },
    o.now ?? new Date(),
    {
      ...(o.unit9 ? { unit9: o.unit9 as Indicator9Unit } : {}),
    },
  );
  if (o.csv) return indicatorsCsv(lines);
  const area = rt.areas.get(o.area)!;
  return `Indicators of the plan for children 2021–2030 — ${o.year}, ${area.name} (${o.area})\n\n${indicatorsText(lines)}\n`;
}
