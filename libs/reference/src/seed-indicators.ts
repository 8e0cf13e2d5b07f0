import type { Sql } from '@sen/db';
import { readSeed } from './seeds';

type TargetValue = number | { min: number; max: number } | null;

interface IndicatorsSeedFile {
  indicators: {
    number: number;
    goal: number;
    nameVi: string;
    nameEn: string;
    leadAgency: string;
    leadAgencyVi: string;
    computed: boolean;
    supportAgencies?: string[];
    dataSuppliers?: string[];
    note?: string;
    targets: {
      key: string;
      labelVi: string;
      labelEn: string;
      unit: string;
      direction: string;
      directionByYear?: Record<string, string>;
      target2025: TargetValue;
      target2030: TargetValue;
      note?: string;
    }[];
  }[];
}

interface PopulationSeedFile {
  rows: { areaCode: string; year: number; children: number }[];
}

const low = (t: TargetValue) => (t === null ? null : typeof t === 'number' ? t : t.min);
const high = (t: TargetValue) => (t !== null && typeof t === 'object' ? t.max : null);

/**
 * The plan's 24 indicators and their 35 sub-targets (idempotent: upserts by number and key). Figures entered by
 * the lead agencies live in their own tables and are never touched by a re-seed.
 */
export async function seedIndicators(sql: Sql): Promise<{ indicators: number; targets: number }> {
  const seed = readSeed<IndicatorsSeedFile>('indicators.json');
  let targets = 0;
  await sql.begin(async (tx) => {
    for (const i of seed.indicators) {
      await tx`
        insert into indicators (number, goal, name_vi, name_en, lead_agency, lead_agency_vi, computed, support_agencies, data_suppliers, note)
        values (${i.number}, ${i.goal}, ${i.nameVi}, ${i.nameEn}, ${i.leadAgency}, ${i.leadAgencyVi}, ${i.computed},
                ${i.supportAgencies ?? []}::text[], ${i.dataSuppliers ?? []}::text[], ${i.note ?? null})
        on conflict (number) do update set
          goal = excluded.goal, name_vi = excluded.name_vi, name_en = excluded.name_en, lead_agency = excluded.lead_agency,
          lead_agency_vi = excluded.lead_agency_vi, computed = excluded.computed, support_agencies = excluded.support_agencies,
          data_suppliers = excluded.data_suppliers, note = excluded.note`;
      for (const [position, t] of i.targets.entries()) {
        await tx`
          insert into indicator_targets (target_key, indicator_number, position, label_vi, label_en, unit, direction, direction_by_year,
                                         target_2025, target_2025_max, target_2030, target_2030_max, note)
          values (${t.key}, ${i.number}, ${position + 1}, ${t.labelVi}, ${t.labelEn}, ${t.unit}, ${t.direction},
                  ${tx.json(t.directionByYear ?? {})}, ${low(t.target2025)}, ${high(t.target2025)}, ${low(t.target2030)},
                  ${high(t.target2030)}, ${t.note ?? null})
          on conflict (target_key) do update set
            indicator_number = excluded.indicator_number, position = excluded.position, label_vi = excluded.label_vi,
            label_en = excluded.label_en, unit = excluded.unit, direction = excluded.direction,
            direction_by_year = excluded.direction_by_year, target_2025 = excluded.target_2025,
            target_2025_max = excluded.target_2025_max, target_2030 = excluded.target_2030,
            target_2030_max = excluded.target_2030_max, note = excluded.note`;
        targets++;
      }
    }
  });
  return { indicators: seed.indicators.length, targets };
}

/** Children under 16 by area and year, the denominators of indicator 9 (estimates: seeds/README.md). */
export async function seedPopulation(sql: Sql): Promise<number> {
  const seed = readSeed<PopulationSeedFile>('population.json');
  await sql.begin(async (tx) => {
    for (let i = 0; i < seed.rows.length; i += 500) {
      const chunk = seed.rows
        .slice(i, i + 500)
        .map((r) => ({ area_code: r.areaCode, year: r.year, children: r.children }));
      await tx`
        insert into population ${tx(chunk, 'area_code', 'year', 'children')}
        on conflict (area_code, year) do update set children = excluded.children`;
    }
  });
  return seed.rows.length;
}
