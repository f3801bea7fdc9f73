import { redactPath } from './logging';

describe('redactPath', () => {
  it.each([
    ['/rsvp/AbC-123_xyz', '/rsvp/[token]'],
    ['/calendar/AbC-123_xyz.ics', '/calendar/[token]'],
    ['/unsubscribe/AbC-123_xyz', '/unsubscribe/[token]'],
    ['/login/AbC-123_xyz', '/login/[token]'],
    ['/p/AbC-123_xyz/minutes/5e0c', '/p/[token]/minutes/[token]'],
    ['/minutes/AbC-123_xyz', '/minutes/[token]'],
    ['/s/AbC-123_xyz/notice', '/s/[token]/notice'],
  ])('hides the token in %s', (path, expected) => {
    expect(redactPath(path)).toBe(expected);
  });

  it('leaves paths without personal tokens as they are', () => {
    expect(redactPath('/api/v1/series/3f1c/meetings')).toBe('/api/v1/series/3f1c/meetings');
    expect(redactPath('/units/3f1c')).toBe('/units/3f1c');
  });
});
