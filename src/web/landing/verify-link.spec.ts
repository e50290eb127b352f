import { isClaimCodeFormat, linkTokenOf } from './verify-link.js';

const token = 'AbCdEfGhIjKlMnOpQrStUv_-0123456789';

describe('linkTokenOf', () => {
  it.each([
    [`https://reconoce.example/v/${token}`, token],
    [`http://localhost:3000/v/${token}?country=PE&purpose=EMPLOYMENT`, token],
    [`  https://reconoce.example/v/${token}/qr.png `, token],
    [`/v/${token}#top`, token],
    [token, token],
  ])('finds the token in %s', (input, expected) => {
    expect(linkTokenOf(input)).toBe(expected);
  });

  it.each([
    [''],
    ['hello'],
    ['https://reconoce.example/'],
    ['https://reconoce.example/v/short'],
    [`https://reconoce.example/v/${token}<script>`],
    [`javascript:alert(1)//${'a'.repeat(3)}`],
    ['7K2M-9QXH-A4BC-0DEF'],
    ['7K2M9QXHA4BC0DEF'],
    [undefined],
    [['x']],
  ])('refuses %p', (input) => {
    expect(linkTokenOf(input)).toBeNull();
  });
});

describe('isClaimCodeFormat', () => {
  it.each([
    ['7K2M-9QXH-A4BC-0DEF'],
    [' 7k2m 9qxh a4bc 0def '],
    ['7K2M9QXHA4BC0DEF'],
    ['7K2M-9QXH-A4BC-ODEF'],
  ])('knows a claim code as printed or typed: %p', (input) => {
    expect(isClaimCodeFormat(input)).toBe(true);
  });

  it.each([
    [token],
    ['7K2M-9QXH-A4BC'],
    ['7K2M-9QXH-A4BC-0DEU'],
    ['7K2M-9QXH-A4BC-0DEF-1234'],
    [42],
  ])('does not take %p for one', (input) => {
    expect(isClaimCodeFormat(input)).toBe(false);
  });
});
