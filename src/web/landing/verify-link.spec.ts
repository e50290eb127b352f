import { linkTokenOf } from './verify-link.js';

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
    [undefined],
    [['x']],
  ])('refuses %p', (input) => {
    expect(linkTokenOf(input)).toBeNull();
  });
});
