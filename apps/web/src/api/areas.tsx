import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { areas as fetchAreas } from './sen';
import type { Area, User } from './types';

interface Areas {
  all: Area[];
  byCode: Map<string, Area>;
  nameOf(code: string): string;
  /** The communes in force today within the user's areas (an area includes everything under it). */
  communesOf(user: User): Area[];
  /** The user's areas and every area under them in today's tree, for filters. */
  scopeOf(user: User): Area[];
}

const AreasContext = createContext<Areas | null>(null);

function isCurrent(a: Area, today: string): boolean {
  return a.validFrom <= today && (a.validTo === null || a.validTo >= today);
}

export function AreasProvider({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const [all, setAll] = useState<Area[]>([]);
  useEffect(() => {
    if (!enabled || all.length) return;
    let cancelled = false;
    fetchAreas()
      .then((r) => {
        if (!cancelled) setAll(r.areas);
      })
      .catch(() => undefined); // names fall back to codes
    return () => {
      cancelled = true;
    };
  }, [enabled, all.length]);

  const value = useMemo<Areas>(() => {
    const byCode = new Map(all.map((a) => [a.code, a]));
    const today = new Date().toISOString().slice(0, 10);
    const within = (a: Area, roots: Set<string>): boolean => {
      for (let cur: Area | undefined = a; cur; cur = cur.parentCode ? byCode.get(cur.parentCode) : undefined) {
        if (roots.has(cur.code)) return true;
      }
      return false;
    };
    const sortByName = (list: Area[]) => [...list].sort((x, y) => x.name.localeCompare(y.name, 'vi'));
    return {
      all,
      byCode,
      nameOf: (code) => byCode.get(code)?.name ?? code,
      communesOf: (user) => {
        const roots = new Set(user.areaCodes);
        return sortByName(all.filter((a) => a.level === 'commune' && isCurrent(a, today) && within(a, roots)));
      },
      scopeOf: (user) => {
        const roots = new Set(user.areaCodes);
        return all.filter((a) => isCurrent(a, today) && within(a, roots));
      },
    };
  }, [all]);
  return <AreasContext.Provider value={value}>{children}</AreasContext.Provider>;
}

export function useAreas(): Areas {
  const ctx = useContext(AreasContext);
  if (!ctx) throw new Error('useAreas outside AreasProvider');
  return ctx;
}
