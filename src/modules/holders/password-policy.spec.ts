import { AppError } from '../../common/errors/app-error.js';
import { assertStrongPassword, passwordWeaknesses } from './password-policy.js';

describe('password policy', () => {
  it.each(['password123', 'qwertyuiop', 'Password2024!', 'aaaaaaaaaaaa', 'reconoce2026'])(
    'refuses the guessable %j',
    (password) => {
      expect(passwordWeaknesses(password)).toContain(
        'is too easy to guess: use several unrelated words or a longer phrase',
      );
    },
  );

  it('refuses a short password, whatever its strength', () => {
    expect(passwordWeaknesses('Zq8#vL2!')).toContain('must be at least 10 characters long');
  });

  it('refuses a password built on the holder’s document number', () => {
    expect(passwordWeaknesses('V00000001x', ['V00000001'])).not.toEqual([]);
  });

  it.each(['mi perro se llama Toby 2019', 'correct horse battery staple', 'Ñandú azul de Caracas'])(
    'accepts the passphrase %j',
    (password) => {
      expect(passwordWeaknesses(password)).toEqual([]);
    },
  );

  it('throws WEAK_PASSWORD with every reason', () => {
    let error: unknown;
    try {
      assertStrongPassword('abc');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'WEAK_PASSWORD', status: 422 });
    expect((error as AppError).errors).toHaveLength(2);
  });
});
