import { jsonDeeperThan } from './json-limits';

const deeper = (text: string, max: number) => jsonDeeperThan(Buffer.from(text), max);

describe('jsonDeeperThan', () => {
  it('counts nested arrays and objects', () => {
    expect(deeper('{"a":[1,{"b":[]}]}', 4)).toBe(false);
    expect(deeper('{"a":[1,{"b":[]}]}', 3)).toBe(true);
    expect(deeper('[[[[[]]]]]', 5)).toBe(false);
    expect(deeper('[[[[[[]]]]]]', 5)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(deeper('{"a":"[[[[[[[[","b":"\\"[[[[[[[{{{{"}', 1)).toBe(false);
    expect(deeper('{"a":"\\\\","b":[[]]}', 2)).toBe(true);
  });

  it('scans a megabyte of brackets without recursion', () => {
    expect(deeper('['.repeat(1_000_000), 20)).toBe(true);
    expect(deeper(`${'['.repeat(20)}${']'.repeat(20)}`.repeat(10_000), 20)).toBe(false);
  });
});
