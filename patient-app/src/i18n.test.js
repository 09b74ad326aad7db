import { describe, expect, it } from 'vitest';
import { formatDateTime, keys, LANGUAGES, patientLanguages, pickLanguage, t } from './i18n.js';

describe('texts', () => {
  it('has every text in every language', () => {
    for (const language of LANGUAGES) expect(keys(language).sort()).toEqual(keys('en').sort());
  });

  it('fills placeholders and falls back to English for a language it does not have', () => {
    expect(t('es', 'book.booked', { when: 'el martes', provider: 'Dra. Chen' })).toBe(
      'Reservada: el martes con Dra. Chen',
    );
    expect(t('fr', 'nav.book')).toBe('Book');
    expect(() => t('en', 'no.such.key')).toThrow('no text for no.such.key');
  });
});

describe('language', () => {
  const spanishPatient = {
    communication: [
      { language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'en' }] } },
      { language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es-MX' }] }, preferred: true },
    ],
  };

  it('prefers what the patient chose, then their preferred language, then the browser, then English', () => {
    expect(pickLanguage({ chosen: 'en', patient: spanishPatient })).toBe('en');
    expect(pickLanguage({ patient: spanishPatient, browserLanguages: ['en-US'] })).toBe('es');
    expect(pickLanguage({ browserLanguages: ['de-DE', 'es'] })).toBe('es');
    expect(pickLanguage({ browserLanguages: ['de-DE'] })).toBe('en');
    expect(pickLanguage()).toBe('en');
  });

  it('lists the patient languages preferred first', () => {
    expect(patientLanguages(spanishPatient)).toEqual(['es-MX', 'en']);
  });
});

describe('dates', () => {
  it('formats a time in the patient language and the clinic time zone', () => {
    const start = '2026-12-01T14:00:00Z';
    expect(formatDateTime(start, 'en', 'America/New_York')).toMatch(/Tuesday, December 1, 2026.*9:00/);
    expect(formatDateTime(start, 'es', 'America/New_York')).toMatch(/martes, 1 de diciembre de 2026.*9:00/);
    expect(formatDateTime(start, 'en', 'Europe/Madrid')).toMatch(/3:00/);
  });
});
