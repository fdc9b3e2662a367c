import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, recursively, without whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    // Code-unit order, not locale order: upper case before lower case, '\u20ac' before the astral '\ud83d…'.
    expect(canonicalJson({ a: 1, B: 2, '€': 3, '😀': 4, '': 5 })).toBe('{"":5,"B":2,"a":1,"€":3,"😀":4}');
  });

  it('keeps array order and turns undefined items into null, dropping undefined members', () => {
    expect(canonicalJson([3, 1, undefined, 'x'])).toBe('[3,1,null,"x"]');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('serialises strings and unicode as JSON.stringify does', () => {
    expect(canonicalJson('交通信用 "q" \\ \n \u0001')).toBe('"交通信用 \\"q\\" \\\\ \\n \\u0001"');
    expect(canonicalJson({ 名称: '张三' })).toBe('{"名称":"张三"}');
  });

  it('serialises numbers in the ECMAScript shortest form and refuses non-finite ones', () => {
    expect(canonicalJson([0, -0, 1.5, 1e21, 1e-7, 123456789012345680000, 0.1 + 0.2])).toBe(
      '[0,0,1.5,1e+21,1e-7,123456789012345680000,0.30000000000000004]',
    );
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Infinity])).toThrow(TypeError);
  });

  it('is stable under a JSON round trip and key insertion order', () => {
    const value = { z: [1, { b: true, a: false }], a: 'x', m: { q: null } };
    const shuffled = { m: { q: null }, a: 'x', z: [1, { a: false, b: true }] };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(shuffled));
  });

  it('writes dates as ISO strings', () => {
    expect(canonicalJson({ at: new Date('2026-01-01T00:00:00Z') })).toBe('{"at":"2026-01-01T00:00:00.000Z"}');
  });
});
