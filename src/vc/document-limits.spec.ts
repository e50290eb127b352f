import {
  DEFAULT_DOCUMENT_LIMITS,
  findLimitViolation,
  findPresentedLimitViolation,
} from './document-limits.js';

function nested(levels: number): unknown {
  let inner: unknown = 'leaf';
  for (let i = 0; i < levels; i += 1) inner = { a: inner };
  return inner;
}

describe('findLimitViolation', () => {
  it('accepts an ordinary credential-sized document', () => {
    expect(findLimitViolation({ a: [1, 2, { b: 'c' }], d: null, e: true })).toBeUndefined();
    expect(findLimitViolation(nested(DEFAULT_DOCUMENT_LIMITS.maxDepth - 1))).toBeUndefined();
  });

  it('names the first limit broken and where, without recursing', () => {
    expect(findLimitViolation(nested(100_000))).toMatchObject({
      limit: 'maxDepth',
      path: expect.stringMatching(/^\$\.a\.a/),
    });
    expect(findLimitViolation({ list: new Array(1_001).fill(0) })).toMatchObject({
      limit: 'maxArrayLength',
      path: '$.list',
    });
    expect(
      findLimitViolation(Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`k${i}`, i]))),
    ).toMatchObject({ limit: 'maxKeys', path: '$' });
    expect(findLimitViolation({ s: 'x'.repeat(65_537) })).toMatchObject({
      limit: 'maxStringLength',
      path: '$.s',
    });
    const wide = Array.from({ length: 60 }, () =>
      Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i])),
    );
    expect(findLimitViolation(wide)).toMatchObject({ limit: 'maxTotalKeys' });
    const heavy = Array.from({ length: 20 }, () => 'x'.repeat(60_000));
    expect(findLimitViolation(heavy)).toMatchObject({ limit: 'maxTotalSize' });
  });

  it('reads JSON text and JWT payloads as presented', () => {
    const deep = JSON.stringify(nested(2_000));
    expect(findPresentedLimitViolation(deep)).toMatchObject({ limit: 'maxDepth' });
    const jwt = `eyJhbGciOiJFZERTQSJ9.${Buffer.from(deep).toString('base64url')}.c2ln`;
    expect(findPresentedLimitViolation(jwt)).toMatchObject({ limit: 'maxDepth' });
    expect(findPresentedLimitViolation('not json')).toBeUndefined();
    expect(findPresentedLimitViolation('x'.repeat(600_000))).toMatchObject({
      limit: 'maxTotalSize',
    });
  });
});
