import { findUnsafeText } from './safe-text.js';

describe('findUnsafeText', () => {
  it('names every string with a NUL or a lone surrogate, keys included', () => {
    expect(
      findUnsafeText(
        { a: 'ok', b: ['x', 'y\u0000'], c: { d: '\uD800' }, 'e\u0000': 1, f: '\uDC00z' },
        'body',
      ),
    ).toEqual([
      { path: 'body.b.1', message: 'must not contain NUL characters' },
      { path: 'body.c.d', message: 'must not contain unpaired UTF-16 surrogates' },
      { path: 'body.e\u0000', message: 'key must not contain NUL characters' },
      { path: 'body.f', message: 'must not contain unpaired UTF-16 surrogates' },
    ]);
  });

  it('accepts surrogate pairs and non-strings', () => {
    expect(findUnsafeText({ a: 'María 😀', b: 1, c: null, d: true })).toEqual([]);
  });
});
