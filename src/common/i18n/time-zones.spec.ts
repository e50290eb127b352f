import {
  canonicalTimeZone,
  countryTimeZone,
  DEFAULT_TIME_ZONE,
  formatDateIn,
  formatDateTimeIn,
  TIME_ZONES,
  timeZoneName,
} from './time-zones.js';

// 03:30 UTC on 1 March: still the last day of February in Bogotá and Caracas, already 1 March in
// Madrid; and in Santiago, summer time (UTC-3).
const instant = '2026-03-01T03:30:00Z';

describe('formatDateTimeIn', () => {
  it('writes the time in the holder’s zone, with the zone’s name, in each language', () => {
    expect(formatDateTimeIn(instant, 'es', 'America/Bogota')).toMatch(
      /^28 feb 2026, 10:30 p\.\s?m\. hora estándar de Colombia$/,
    );
    expect(formatDateTimeIn(instant, 'pt', 'America/Sao_Paulo')).toBe(
      '1 de mar. de 2026, 00:30 Horário Padrão de Brasília',
    );
    expect(formatDateTimeIn(instant, 'en', 'Europe/Madrid')).toBe(
      '1 Mar 2026, 04:30 Central European Standard Time',
    );
  });

  it('follows summer time', () => {
    expect(formatDateTimeIn(instant, 'en', 'America/Santiago')).toBe(
      '1 Mar 2026, 00:30 Chile Summer Time',
    );
    expect(formatDateTimeIn('2026-07-01T03:30:00Z', 'en', 'America/Santiago')).toBe(
      '30 Jun 2026, 23:30 Chile Standard Time',
    );
  });

  it('writes nothing for no date', () => {
    expect(formatDateTimeIn(null, 'es', DEFAULT_TIME_ZONE)).toBe('');
    expect(formatDateTimeIn('not a date', 'es', DEFAULT_TIME_ZONE)).toBe('');
  });
});

describe('formatDateIn', () => {
  it('gives the day it is in the zone', () => {
    expect(formatDateIn(instant, 'es', 'America/Caracas')).toBe('28 de febrero de 2026');
    expect(formatDateIn(instant, 'es', 'Europe/Madrid')).toBe('1 de marzo de 2026');
    expect(formatDateIn(instant, 'pt', 'America/Lima')).toBe('28 de fevereiro de 2026');
  });
});

describe('timeZoneName', () => {
  it('names a zone in the page’s language', () => {
    expect(timeZoneName('America/Caracas', 'es')).toBe('hora de Venezuela');
    expect(timeZoneName('America/Caracas', 'pt')).toBe('Horário da Venezuela');
    expect(timeZoneName('America/Caracas', 'en')).toBe('Venezuela Time');
  });
});

describe('canonicalTimeZone', () => {
  it('takes IANA names in any case, and gives the runtime’s spelling', () => {
    expect(canonicalTimeZone('America/Lima')).toBe('America/Lima');
    expect(canonicalTimeZone('america/bogota')).toBe('America/Bogota');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
  });

  it('refuses what is not a zone, offsets included', () => {
    for (const value of ['', 'Mars/Olympus', '+05:00', '../etc', 'America/Lima\n', 42, null]) {
      expect(canonicalTimeZone(value)).toBeNull();
    }
  });

  it('knows every zone it offers in the select', () => {
    expect(TIME_ZONES.length).toBeGreaterThan(300);
    for (const zone of TIME_ZONES) expect(canonicalTimeZone(zone)).toBe(zone);
  });
});

describe('countryTimeZone', () => {
  it('gives the capital’s zone of the region’s countries, nothing for others', () => {
    expect(countryTimeZone('VE')).toBe('America/Caracas');
    expect(countryTimeZone('pe')).toBe('America/Lima');
    expect(countryTimeZone('BR')).toBe('America/Sao_Paulo');
    expect(countryTimeZone('US')).toBeUndefined();
  });
});
