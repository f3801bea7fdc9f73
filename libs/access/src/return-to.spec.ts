import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it.each([
    ['/meetings/5b1b3c1e-0000-4000-8000-000000000000', '/meetings/5b1b3c1e-0000-4000-8000-000000000000'],
    ['/series/x/settings?done=1#people', '/series/x/settings?done=1#people'],
    ['/', '/'],
  ])('keeps the same-site path %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'meetings/1',
    '/login',
    '/login/abc',
    '/logout',
    '/api/v1/meetings/1',
    '/a\nb',
    '',
    `/${'a'.repeat(600)}`,
    42,
    null,
  ])('refuses %p', (input) => {
    expect(safeReturnTo(input)).toBeNull();
  });
});
