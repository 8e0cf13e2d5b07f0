import { CATALOGUES, LANGUAGES, format, translate } from './catalogue';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('Message catalogues', () => {
  const vi = CATALOGUES.vi;
  const en = CATALOGUES.en;

  it('have the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('use the same placeholders in both languages, and no message is empty', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect({ key, en: placeholders(en[key]) }).toEqual({ key, en: placeholders(vi[key]) });
      for (const lang of LANGUAGES)
        expect({ key, lang, empty: CATALOGUES[lang][key].trim() === '' }).toEqual({ key, lang, empty: false });
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('còn {time}', { time: '2 giờ' })).toBe('còn 2 giờ');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translate('vi', 'cases.count', { count: 3 })).toBe('3 hồ sơ');
    expect(translate('en', 'cases.count', { count: 3 })).toBe('3 cases');
  });
});
