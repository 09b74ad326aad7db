import { describe, expect, it } from 'vitest';
import { formatBirthDate, formatDay, formatTime, keys, pickLanguage, t, zoneName } from './i18n.js';

describe('texts and dates', () => {
  it('has every text in both languages', () => {
    expect(keys('es').sort()).toEqual(keys('en').sort());
  });

  it('fills in placeholders', () => {
    expect(t('es', 'book.title', { patient: 'Emily Chen' })).toBe('Reservar para Emily Chen');
  });

  it('chooses the language chosen before, else the browser’s, else English', () => {
    expect(pickLanguage({ chosen: 'es', browserLanguages: ['en-US'] })).toBe('es');
    expect(pickLanguage({ browserLanguages: ['fr-FR', 'es-MX'] })).toBe('es');
    expect(pickLanguage({ browserLanguages: ['fr-FR'] })).toBe('en');
  });

  it('writes times in the clinic zone, named, per language', () => {
    const iso = '2026-12-07T14:30:00Z';
    expect(formatTime(iso, 'en', 'America/New_York')).toBe('9:30 AM');
    expect(formatTime(iso, 'es', 'America/New_York')).toBe('9:30');
    expect(zoneName(iso, 'en', 'America/New_York')).toBe('Eastern Standard Time');
    expect(zoneName(iso, 'es', 'America/New_York')).toMatch(/oriental/i);
    expect(formatDay('2026-12-07', 'en')).toBe('Monday, December 7');
    expect(formatDay('2026-12-07', 'es')).toBe('lunes, 7 de diciembre');
    expect(formatBirthDate('1991-07-13', 'en')).toBe('Jul 13, 1991');
  });
});
