import type { Sql } from '@sen/db';
import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { type AreasSeedFile, readSeed } from './seeds';

/** Loads both area trees and the successor links (idempotent: upserts by code). */
export async function seedAreas(sql: Sql): Promise<number> {
  const seed = readSeed<AreasSeedFile>('areas.json');
  let count = 0;
  await sql.begin(async (tx) => {
    for (const tree of seed.trees) {
      const byCode = new Map(tree.areas.map((a) => [a.code, a]));
      const ancestors = (code: string): string[] => {
        const chain: string[] = [];
        for (let c: string | null = code; c !== null; c = byCode.get(c)?.parentCode ?? null) chain.unshift(c);
        return chain;
      };
      // Parents before children, so the foreign key holds row by row.
      const ordered = [...tree.areas].sort((a, b) => ancestors(a.code).length - ancestors(b.code).length);
      for (const a of ordered) {
        await tx`
          insert into areas (code, gso_code, name, name_ascii, level, kind, parent_code, tree_id, valid_from, valid_to, ancestors)
          values (${a.code}, ${a.gsoCode ?? null}, ${a.name}, ${a.nameAscii}, ${a.level}, ${a.kind}, ${a.parentCode},
                  ${tree.id}, ${tree.validFrom}::date, ${tree.validTo}::date, ${ancestors(a.code)}::text[])
          on conflict (code) do update set
            gso_code = excluded.gso_code, name = excluded.name, name_ascii = excluded.name_ascii, level = excluded.level,
            kind = excluded.kind, parent_code = excluded.parent_code, tree_id = excluded.tree_id,
            valid_from = excluded.valid_from, valid_to = excluded.valid_to, ancestors = excluded.ancestors`;
        count++;
      }
    }
    const links = [
      ...seed.successors.map((s) => ({ ...s, partial: false })),
      ...(seed.partialSuccessors ?? []).map((s) => ({ ...s, partial: true })),
    ];
    for (const link of links) {
      await tx`
        insert into area_successors (from_code, to_code, partial) values (${link.from}, ${link.to}, ${link.partial})
        on conflict (from_code, to_code) do update set partial = excluded.partial`;
    }
  });
  return count;
}

interface DemoUsersSeed {
  password: string;
  users: { username: string; displayName: string; role: string; agency?: string; areaCodes: string[] }[];
}

/** Demo users, one per role; their password hash is made once and kept on later starts. */
export async function seedDemoUsers(sql: Sql): Promise<{ username: string; role: string; password: string }[]> {
  const seed = readSeed<DemoUsersSeed>('demo-users.json');
  const passwordHash = await hash(seed.password);
  for (const u of seed.users) {
    await sql`
      insert into users (user_id, username, display_name, password_hash, role, agency, area_codes, demo)
      values (${randomUUID()}::uuid, ${u.username}, ${u.displayName}, ${passwordHash}, ${u.role}, ${u.agency ?? null},
              ${u.areaCodes}::text[], true)
      on conflict (username) do update set
        display_name = excluded.display_name, role = excluded.role, agency = excluded.agency,
        area_codes = excluded.area_codes, demo = true, active = true`;
  }
  return seed.users.map((u) => ({ username: u.username, role: u.role, password: seed.password }));
}

/** Production refuses to start while demo users exist (DESIGN.md section 6). */
export async function countDemoUsers(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::bigint as n from users where demo and active`;
  return row?.n ?? 0;
}
