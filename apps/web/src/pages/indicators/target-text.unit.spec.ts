import { formatNumber } from '../../i18n/format';
import { targetText } from './target-text';

describe('An indicator target as text', () => {
  const vi = (n: number | null | undefined, digits?: number) => formatNumber('vi', n, digits);
  const en = (n: number | null | undefined, digits?: number) => formatNumber('en', n, digits);

  it('shows a single target in the language of the page', () => {
    expect(targetText(vi, 4.5, null)).toBe('4,5');
    expect(targetText(en, 4.5, undefined)).toBe('4.5');
  });

  it('shows a range target (indicator 13: a reduction of 2 to 3 %) as a range', () => {
    expect(targetText(vi, 2, 3)).toBe('2–3');
  });

  it('shows no target as a dash', () => {
    expect(targetText(vi, null, null)).toBe('—');
  });
});
