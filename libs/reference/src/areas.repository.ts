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
  private readonly paths = new Map<string, string[]>();

  private constructor(
    private readonly byCode: Map<string, Area>,
    private readonly successors: Map<string, string[]>,
  ) {}

  static async load(sql: Sql): Promise<AreaDirectory> {
    const rows = await sql<AreaRow[]>`
      select code, name, level, kind, parent_code, tree_id, valid_from::text, valid_to::text, ancestors
        from areas order by tree_id, array_length(ancestors, 1), code`;
    const links = await sql<
      { from_code: string; to_code: string }[]
    >`select from_code, to_code from area_successors order by 1, 2`;
    return AreaDirectory.fromAreas(
      rows.map(toArea),
      links.map((l) => ({ from: l.from_code, to: l.to_code })),
    );
  }

  static fromAreas(areas: Area[], successors: { from: string; to: string }[] = []): AreaDirectory {
    const next = new Map<string, string[]>();
    for (const s of successors) next.set(s.from, [...(next.get(s.from) ?? []), s.to]);
    return new AreaDirectory(new Map(areas.map((a) => [a.code, a])), next);
  }

  /**
   * Every area a record in `code` belongs to: its ancestors and itself, and, for an area of the tree before
   * July 2025, the post-2025 areas it became part of (so that today's supervisors see older cases). Unknown
   * codes belong only to themselves.
   */
  scopePath(code: string): string[] {
    const cached = this.paths.get(code);
    if (cached) return cached;
    const out = new Set<string>(this.byCode.get(code)?.ancestors ?? [code]);
    for (const to of this.successors.get(code) ?? []) for (const c of this.scopePath(to)) out.add(c);
    const path = [...out].sort();
    this.paths.set(code, path);
    return path;
  }

  get(code: string): Area | undefined {
    return this.byCode.get(code);
  }

  /** The post-2025 areas a pre-2025 area became (all or part of); none for today's areas. */
  successorsOf(code: string): string[] {
    return [...(this.successors.get(code) ?? [])];
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
