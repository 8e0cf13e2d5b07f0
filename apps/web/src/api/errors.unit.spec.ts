import { translate } from '../i18n/catalogue';
import { describeError, fieldErrors } from './errors';
import { ApiError } from './http';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('vi', key, params);

describe('API errors in the web app', () => {
  it('puts a 400 VALIDATION_FAILED on the fields it names', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', 'invalid request', [
      { field: 'child.fullName', problems: ['fullName must be longer than or equal to 1 characters'] },
      { field: 'reporter.phone', problems: ['phone must be a telephone number'] },
    ]);
    expect(fieldErrors(t, e)).toEqual({
      'child.fullName': 'Máy chủ không chấp nhận: fullName must be longer than or equal to 1 characters',
      'reporter.phone': 'Máy chủ không chấp nhận: phone must be a telephone number',
    });
    expect(describeError(t, e)).toBe('Một số thông tin chưa hợp lệ.');
  });

  it('puts a domain error on the field in its details, in the user’s language, through aliases', () => {
    const e = new ApiError(422, 'CHILD_NOT_A_CHILD', 'a child is a person under 16', { field: 'child', ageYears: 17 });
    expect(fieldErrors(t, e, { child: 'child.ageYears' })).toEqual({
      'child.ageYears': 'Trẻ em là người dưới 16 tuổi (Luật Trẻ em 2016, Điều 1).',
    });
  });

  it('says what a conflict, a network failure and an unknown code mean', () => {
    expect(describeError(t, new ApiError(409, 'VERSION_CONFLICT', 'stale', { actualVersion: 3 }))).toContain(
      'tải lại hồ sơ',
    );
    expect(describeError(t, new ApiError(0, 'NETWORK', 'down'))).toContain('Không kết nối được máy chủ');
    expect(describeError(t, new ApiError(418, 'TEAPOT', 'no'))).toBe('Đã có lỗi (TEAPOT). Vui lòng thử lại.');
    expect(fieldErrors(t, new Error('x'))).toEqual({});
  });
});
