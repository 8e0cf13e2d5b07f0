// Commune names in a CSV file (issue 19, point 7), against the real area seeds (both trees and their successors).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { communeMatcher, foldedKey, tonedKey, type AreaLike } from './commune-match';

type SeedArea = Omit<AreaLike, 'validFrom' | 'validTo'>;
const seed = JSON.parse(readFileSync(join(__dirname, '../../../../../seeds/areas.json'), 'utf8')) as {
  trees: { validFrom: string; validTo: string | null; areas: SeedArea[] }[];
  successors: { from: string; to: string }[];
  partialSuccessors: { from: string; to: string }[];
};
const succ = new Map<string, string[]>();
for (const s of [...seed.successors, ...seed.partialSuccessors]) succ.set(s.from, [...(succ.get(s.from) ?? []), s.to]);
const AREAS: AreaLike[] = seed.trees.flatMap((t) =>
  t.areas.map((a) => ({ ...a, validFrom: t.validFrom, validTo: t.validTo, successors: succ.get(a.code) ?? [] })),
);
const match = communeMatcher(AREAS, '2026-12-04');

describe('commune names', () => {
  it('keys names with the tone on either vowel, and without diacritics', () => {
    expect(tonedKey('Tân Hòa')).toBe(tonedKey('tân hoà'));
    expect(tonedKey('Bình Thạnh')).not.toBe(tonedKey('Bình Thành'));
    expect(foldedKey('Xã Đốc Binh Kiều')).toBe('xa doc binh kieu');
  });

  it("finds today's commune by code, by name with or without its type and diacritics", () => {
    const tanHong = { status: 'found', code: '29926', name: 'Xã Tân Hồng' };
    for (const q of ['29926', 'Xã Tân Hồng', 'Tân Hồng', 'tan hong', 'XA TAN HONG', 'x. Tân Hồng'])
      expect(match(q)).toEqual(tanHong);
    expect(match('Tân Hoà')).toEqual({ status: 'found', code: '28702', name: 'Xã Tân Hòa' });
  });

  it('maps an old name or an old code onto the commune it became', () => {
    const saRai = {
      status: 'found',
      code: '29926',
      name: 'Xã Tân Hồng',
      formerName: 'Thị trấn Sa Rài, Huyện Tân Hồng',
    };
    expect(match('Thị trấn Sa Rài')).toEqual(saRai);
    expect(match('sa rai')).toEqual(saRai);
    expect(match('29926-2021')).toEqual(saRai);
    expect(match('Xã Mỹ Tân')).toMatchObject({ status: 'found', code: '29884', name: 'Phường Mỹ Ngãi' });
  });

  it("does not turn an old name written with diacritics into today's look-alike", () => {
    // Two old communes were called Bình Thạnh (and became two different ones); today's Bình Thành is another name.
    expect(match('Bình Thạnh')).toEqual({
      status: 'ambiguous',
      candidates: [
        { code: '29955', name: 'Phường Hồng Ngự', formerName: 'Xã Bình Thạnh, Thành phố Hồng Ngự' },
        { code: '30112', name: 'Xã Mỹ Hiệp', formerName: 'Xã Bình Thạnh, Huyện Cao Lãnh' },
      ],
    });
  });

  it('refuses an ambiguous name with its candidates, unless only one is within the user’s areas', () => {
    const r = match('Phường 1');
    expect(r).toEqual({
      status: 'ambiguous',
      candidates: [
        { code: '29869', name: 'Phường Cao Lãnh', formerName: 'Phường 1, Thành phố Cao Lãnh' },
        { code: '29905', name: 'Phường Sa Đéc', formerName: 'Phường 1, Thành phố Sa Đéc' },
      ],
    });
    expect(communeMatcher(AREAS, '2026-12-04', new Set(['29905']))('Phường 1')).toMatchObject({
      status: 'found',
      code: '29905',
    });
    // An old commune split between two: its code is ambiguous too.
    expect(match('29995')).toMatchObject({ status: 'ambiguous', candidates: [{ code: '29992' }, { code: '30154' }] });
  });

  it('knows nothing of names that are not communes', () => {
    expect(match('Nowhere')).toEqual({ status: 'unknown' });
    expect(match('87')).toEqual({ status: 'unknown' });
    expect(match('')).toEqual({ status: 'unknown' });
  });
});
