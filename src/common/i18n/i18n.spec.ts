import { countryFromAcceptLanguage, escapeHtml, formatDate, pickLang } from './i18n.js';
import { formatMessage } from './message-format.js';

describe('pickLang', () => {
  it('takes ?lang, then the remembered choice, then Accept-Language, then Spanish', () => {
    expect(pickLang('en', 'pt-BR', 'es')).toBe('en');
    expect(pickLang(undefined, 'pt-BR', 'en')).toBe('en');
    expect(pickLang('fr', 'fr-FR,pt;q=0.8', undefined)).toBe('pt');
    expect(pickLang(undefined, 'de-DE', 'xx')).toBe('es');
    expect(pickLang(['en'], undefined)).toBe('es');
  });
});

describe('dates', () => {
  const day = '2026-03-01T12:30:00Z';

  it('are written in each language', () => {
    expect(formatDate(day, 'es')).toBe('1 de marzo de 2026');
    expect(formatDate(day, 'pt')).toBe('1 de março de 2026');
    expect(formatDate(day, 'en')).toBe('1 March 2026');
    expect(formatDate('not a date', 'es')).toBe('');
  });
});

describe('escapeHtml', () => {
  it('escapes what could open a tag or close an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(3)).toBe('3');
  });
});

describe('countryFromAcceptLanguage', () => {
  const known = (code: string) => ['PE', 'BR', 'CO'].includes(code);

  it('takes the first tag that names a known region', () => {
    expect(countryFromAcceptLanguage('es-PE,es;q=0.9', known)).toBe('PE');
    expect(countryFromAcceptLanguage('en, pt-BR;q=0.8', known)).toBe('BR');
    expect(countryFromAcceptLanguage('es-419,es-CO;q=0.5', known)).toBe('CO');
  });

  it('guesses nothing from a bare language or an unknown region', () => {
    expect(countryFromAcceptLanguage('es', known)).toBeUndefined();
    expect(countryFromAcceptLanguage('fr-FR', known)).toBeUndefined();
    expect(countryFromAcceptLanguage(undefined, known)).toBeUndefined();
  });
});

describe('formatMessage', () => {
  it('follows each language’s plural rules and writes dates in UTC', () => {
    const template = '{n, plural, one {# año} other {# años}} · {d, date, long}';
    expect(formatMessage('es', template, { n: 1, d: new Date('2026-03-01T00:30:00Z') })).toBe(
      '1 año · 1 de marzo de 2026',
    );
    expect(formatMessage('es', template, { n: 6, d: new Date('2026-03-01T23:30:00Z') })).toBe(
      '6 años · 1 de marzo de 2026',
    );
  });
});
