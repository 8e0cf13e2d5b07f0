import { batches, parseChildren } from './parse-children';

describe('Children of an incident, pasted one a line', () => {
  it('reads name, sex, age and commune, separated by semicolons or tabs', () => {
    const { children, problems } = parseChildren(
      'Nguyễn Văn An; nam; 7; 29926\nLê Thị Bình\tnữ\t12\t29938\n\n',
      'Lũ tháng 10',
    );
    expect(problems).toEqual([]);
    expect(children).toEqual([
      {
        child: { fullName: 'Nguyễn Văn An', sex: 'male', ageYears: 7 },
        location: { areaCode: '29926' },
        summary: 'Lũ tháng 10',
      },
      {
        child: { fullName: 'Lê Thị Bình', sex: 'female', ageYears: 12 },
        location: { areaCode: '29938' },
        summary: 'Lũ tháng 10',
      },
    ]);
  });

  it('names the lines it cannot read', () => {
    const { children, problems } = parseChildren('An; nam; 16; 29926\nBình; ?; 5; 29926\nChi; nữ; 5; xã?', 'x');
    expect(children).toEqual([]);
    expect(problems.map((p) => [p.line, p.problem.key])).toEqual([
      [1, 'validation.age'],
      [2, 'validation.choose'],
      [3, 'error.code.UNKNOWN_AREA'],
    ]);
  });

  it('cuts a long list into batches of the API’s size', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches(Array.from({ length: 2500 }), 1000).map((b) => b.length)).toEqual([1000, 1000, 500]);
  });
});
