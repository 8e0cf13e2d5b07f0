// A commune as a spreadsheet names it, to the code the API takes. Accepted: a commune code (as it is), or a name
// with or without its type ("Xã", "Phường", "Thị trấn", "X.", "P.", "TT"), with or without diacritics (and with the
// tone mark on either vowel: "Hòa" = "Hoà"), of today's tree or of the tree before 1 July 2025. Today's names come
// first (a worker registering a child today means today's commune when the name is today's); an old name that is
// no longer today's, or an old code, is mapped onto the commune it became. A name is refused as ambiguous, with the candidates,
// when it leads to more than one of today's communes (two old communes of that name, an old commune split in
// two, or, folded without diacritics, two different names), unless exactly one of them is within the user's areas.

export interface AreaLike {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  /** For a pre-2025 area, the areas it became (all or part of). */
  successors?: string[];
}

export interface CommuneCandidate {
  /** Today's commune. */
  code: string;
  name: string;
  /** The old commune (with its district) the name or code meant, when it was an old one. */
  formerName?: string;
}

export type CommuneMatch =
  | {
      status: 'found';
      code: string;
      name: string;
      /** the old name it was given by, when it was one */ formerName?: string;
    }
  | { status: 'unknown' }
  | { status: 'ambiguous'; candidates: CommuneCandidate[] };

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const TONE_ID: Record<string, string> = { '\u0300': '1', '\u0301': '2', '\u0303': '3', '\u0309': '4', '\u0323': '5' };

/** Lower case, words single-spaced, each word's tone moved to its end: "Hòa" and "Hoà" give the same key. */
export function tonedKey(s: string): string {
  return s
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((w) => {
      const tone = [...w.matchAll(TONES)].map((m) => TONE_ID[m[0]]).join('');
      return w.replace(TONES, '') + tone;
    })
    .join(' ')
    .normalize('NFC');
}

/** Without any diacritics, đ as d: "Tân Hòa" and "tan hoa" give the same key. */
export function foldedKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// The commune-level types and their short forms, as written before a name (after the keys above have folded it).
const PREFIX = /^(xa|phuong|thi tran|x|p|tt)(?: |(?=\d))/;

function withoutType(folded: string): string {
  return folded.replace(PREFIX, '');
}

interface Entry {
  area: AreaLike;
  toned: string;
  tonedBare: string;
  folded: string;
  foldedBare: string;
}

function entry(a: AreaLike): Entry {
  const toned = tonedKey(a.name);
  const folded = foldedKey(a.name);
  // The type is removed from the toned key by its folded length: "phường 1" → "1" (a type is one or two words).
  const bareWords = withoutType(folded).split(' ').length;
  return {
    area: a,
    toned,
    tonedBare: toned.split(' ').slice(-bareWords).join(' '),
    folded,
    foldedBare: withoutType(folded),
  };
}

/**
 * A matcher over the areas of both trees (GET /areas?all=true). `today` (YYYY-MM-DD) says which tree is in force;
 * `scope`, the codes of the communes the user may register children in, settles a name that is otherwise ambiguous.
 */
export function communeMatcher(areas: AreaLike[], today: string, scope?: ReadonlySet<string>) {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const isCurrent = (a: AreaLike) => a.validFrom <= today && (a.validTo === null || a.validTo >= today);
  const communes = areas.filter((a) => a.level === 'commune');
  const current = communes.filter(isCurrent).map(entry);
  const former = communes.filter((a) => !isCurrent(a)).map(entry);

  /** Today's communes an area stands for: itself, or what it became (following successors, at most a few steps). */
  const todayOf = (a: AreaLike, depth = 0): AreaLike[] => {
    if (isCurrent(a) || depth > 3) return [a];
    const next = (a.successors ?? []).map((c) => byCode.get(c)).filter((x): x is AreaLike => !!x);
    return next.length ? next.flatMap((n) => todayOf(n, depth + 1)) : [a];
  };

  /**
   * The communes a name gives, trying from the strictest reading to the loosest: the name as written (with its type
   * if it has one, then without), today's tree before the old one, and only then without diacritics. The first
   * reading that finds anything decides, so "Bình Thạnh" never becomes today's "Bình Thành" (it is an old name), but
   * "binh thanh", which cannot tell them apart, is today's.
   */
  const find = (input: string): AreaLike[] => {
    const toned = tonedKey(input);
    const folded = foldedKey(input);
    const bare = withoutType(folded);
    const tonedBare = toned.split(' ').slice(-bare.split(' ').length).join(' ');
    const typed = bare !== folded;
    const readings: ((e: Entry) => boolean)[] = typed
      ? [
          (e) => e.toned === toned,
          (e) => e.tonedBare === tonedBare,
          (e) => e.folded === folded,
          (e) => e.foldedBare === bare,
        ]
      : [(e) => e.tonedBare === toned, (e) => e.foldedBare === folded];
    for (const reading of readings) {
      for (const list of [current, former]) {
        const hits = list.filter(reading);
        if (hits.length) return hits.map((h) => h.area);
      }
    }
    return [];
  };

  const withDistrict = (a: AreaLike): string => {
    const parent = a.parentCode ? byCode.get(a.parentCode) : undefined;
    return parent && parent.level !== 'province' ? `${a.name}, ${parent.name}` : a.name;
  };

  /** Settles what some areas of either tree stand for today. */
  const settle = (hits: AreaLike[]): CommuneMatch => {
    const pairs = hits.flatMap((h) => todayOf(h).map((t) => ({ from: h, to: t })));
    let codes = [...new Set(pairs.map((p) => p.to.code))];
    if (codes.length > 1 && scope) {
      const mine = codes.filter((c) => scope.has(c));
      if (mine.length === 1) codes = mine;
    }
    if (codes.length === 1) {
      const a = byCode.get(codes[0]!)!;
      const formerNames = [
        ...new Set(pairs.filter((p) => p.to.code === a.code && p.from !== a).map((p) => withDistrict(p.from))),
      ];
      return {
        status: 'found',
        code: a.code,
        name: a.name,
        ...(formerNames.length ? { formerName: formerNames.join('; ') } : {}),
      };
    }
    const seen = new Set<string>();
    const candidates: CommuneCandidate[] = [];
    for (const p of pairs) {
      const key = `${p.from.code}>${p.to.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({
        code: p.to.code,
        name: p.to.name,
        ...(p.from !== p.to ? { formerName: withDistrict(p.from) } : {}),
      });
    }
    candidates.sort((x, y) => x.name.localeCompare(y.name, 'vi') || x.code.localeCompare(y.code));
    return { status: 'ambiguous', candidates };
  };

  return (raw: string): CommuneMatch => {
    const input = raw.normalize('NFC').trim();
    if (!input) return { status: 'unknown' };
    const byItsCode = byCode.get(input);
    if (byItsCode) return byItsCode.level === 'commune' ? settle([byItsCode]) : { status: 'unknown' };
    const hits = find(input);
    return hits.length ? settle(hits) : { status: 'unknown' };
  };
}
