import type { Sql } from '@sen/db';
import type { Level } from '@sen/case-domain';

export interface Area {
  code: string;
  name: string;
  level: Level;
  kind: string;
  parentCode: string | null;
  treeId: string;
  validFrom: string;
  validTo: string | null;
  ancestors: string[];
}

interface AreaRow {
  code: string;
  name: string;
  level: Level;
  kind: string;
  parent_code: string | null;
  tree_id: string;
  valid_from: string;
  valid_to: string | null;
  ancestors: string[];
}

const toArea = (r: AreaRow): Area => ({
  code: r.code,
  name: r.name,
  level: r.level,
  kind: r.kind,
  parentCode: r.parent_code,
  treeId: r.tree_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  ancestors: r.ancestors,
});

/** The area trees, read once and kept in memory: they change only when seeds change. */
export class AreaDirectory {
  private constructor(private readonly byCode: Map<string, Area>) {}

  static async load(sql: Sql): Promise<AreaDirectory> {
    const rows = await sql<AreaRow[]>`
      select code, name, level, kind, parent_code, tree_id, valid_from::text, valid_to::text, ancestors
        from areas order by tree_id, array_length(ancestors, 1), code`;
    return new AreaDirectory(new Map(rows.map((r) => [r.code, toArea(r)])));
  }

  static fromAreas(areas: Area[]): AreaDirectory {
    return new AreaDirectory(new Map(areas.map((a) => [a.code, a])));
  }

  get(code: string): Area | undefined {
    return this.byCode.get(code);
  }

  all(): Area[] {
    return [...this.byCode.values()];
  }

  /** The tree in force on a local date (YYYY-MM-DD). */
  treeOn(date: string): Area[] {
    return this.all().filter((a) => a.validFrom <= date && (a.validTo === null || a.validTo >= date));
  }

  /** Is `code` the area `scope` or under it? */
  isWithin(code: string, scope: string): boolean {
    return this.byCode.get(code)?.ancestors.includes(scope) ?? false;
  }

  /** The level above `code`'s level in its own tree: commune → district → province, or commune → province after 2025. */
  nextLevelAbove(code: string, level: Level): Level | null {
    const area = this.byCode.get(code);
    if (!area) return null;
    const chain = area.ancestors.map((c) => this.byCode.get(c)!.level); // province first
    const levelsAbove = chain.slice(0, chain.indexOf(level) === -1 ? chain.length : chain.indexOf(level));
    return levelsAbove.length > 0 ? levelsAbove[levelsAbove.length - 1]! : null;
  }

  /** Levels that exist above the area (for validating a manual escalation). */
  levelsAbove(code: string): Level[] {
    const area = this.byCode.get(code);
    if (!area) return [];
    return area.ancestors.slice(0, -1).map((c) => this.byCode.get(c)!.level);
  }
}
