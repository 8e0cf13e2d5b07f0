// Seeded randomness for `sen simulate`: the same seed gives the same province, event for event.

/** A 32-bit hash of a seed and labels (FNV-1a then a murmur finaliser), to derive independent streams. */
export function hashSeed(seed: number, ...labels: (string | number)[]): number {
  return saltedHash(0, seed, labels);
}

function saltedHash(salt: number, seed: number, labels: readonly (string | number)[]): number {
  let h = (0x811c9dc5 ^ seed ^ Math.imul(salt, 0x9e3779b9)) >>> 0;
  for (const label of labels) {
    const s = String(label);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ 0x2f, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(n: number): number;
  /** Uniform in [a, b). */
  between(a: number, b: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  /** One key of a table of weights (the weights need not sum to 1). */
  weighted<K extends string>(table: Readonly<Partial<Record<K, number>>>): K;
  /** A version 4 UUID made of this generator's bits. */
  uuid(): string;
}

/**
 * sfc32 over 128 bits of state, seeded from four hashes of the labels: ids drawn from it (children, cases,
 * events) do not collide in a ten-million-event run, which a 32-bit state would not promise.
 */
export function randomFor(seed: number, ...labels: (string | number)[]): Random {
  // Four hashes from four starting states: were they one hash's state extended by a suffix, two labels whose
  // 32-bit states meet would give the same 128 bits (it happened at 150,000 cases: an event id drawn twice).
  let a = saltedHash(1, seed, labels);
  let b = saltedHash(2, seed, labels);
  let c = saltedHash(3, seed, labels);
  let d = saltedHash(4, seed, labels);
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return fromNext(next);
}

function fromNext(next: () => number): Random {
  const hex8 = () => (Math.floor(next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  return {
    next,
    int: (n) => Math.floor(next() * n),
    between: (x, y) => x + next() * (y - x),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    weighted<K extends string>(table: Readonly<Partial<Record<K, number>>>): K {
      const entries = Object.entries(table) as [K, number][];
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [k, w] of entries) {
        x -= w;
        if (x < 0) return k;
      }
      return entries[entries.length - 1]![0];
    },
    uuid() {
      const h = hex8() + hex8() + hex8() + hex8();
      const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
