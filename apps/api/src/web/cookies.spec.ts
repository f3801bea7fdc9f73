import { parseCookies } from './cookies';

describe('parseCookies', () => {
  it.each([
    [undefined, {}],
    ['', {}],
    ['a=1', { a: '1' }],
    ['a=1; b=two%20words', { a: '1', b: 'two words' }],
    ['a=1; a=2', { a: '1' }],
    ['a="quoted"', { a: 'quoted' }],
    ['=x; b=2; broken; c=%E0%A4%A', { b: '2' }],
  ])('%p', (header, expected) => {
    expect(parseCookies(header)).toEqual(expected);
  });
});
