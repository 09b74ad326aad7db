import { describe, expect, it } from 'vitest';
import { PAYER_TEXTS, payerCards, payerSaid } from '@mediwox/web-common/payer.js';
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

  it("has the insurer's texts the shared cards ask for, in the patient's words in each language", () => {
    for (const key of PAYER_TEXTS) {
      expect(keys('en')).toContain(key);
      expect(t('es', key)).not.toBe(t('en', key));
    }
    expect(t('en', 'payer.source', { source: 'Test Payer' })).toBe('From your insurer: Test Payer');
    expect(t('es', 'payer.source', { source: 'Test Payer' })).toBe('De su aseguradora: Test Payer');
  });

  it("adds the insurer's message or its pending answer to a booking's confirmation", () => {
    const card = {
      url: 'https://mediwox.org/fhir/StructureDefinition/payer-card',
      extension: [
        { url: 'summary', valueString: 'Not covered at this location' },
        { url: 'indicator', valueCode: 'critical' },
        { url: 'source', valueString: 'Test Payer' },
      ],
    };
    expect(payerSaid({ cards: payerCards({ extension: [card] }), pending: false }, 'en', t)).toEqual([
      'Your insurer has a message about this appointment: see below.',
    ]);
    expect(payerSaid({ cards: [], pending: true }, 'es', t)).toEqual([
      'Su aseguradora todavía no ha respondido; guardaremos la respuesta con su cita.',
    ]);
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

describe('names, zones and types in the patient language', () => {
  it('titles a woman "Dra." in Spanish, and nobody else', async () => {
    const { providerTitle } = await import('./i18n.js');
    expect(providerTitle('Dr. Amara Okafor', 'female', 'es')).toBe('Dra. Amara Okafor');
    expect(providerTitle('Dr. Luis Fernández', 'male', 'es')).toBe('Dr. Luis Fernández');
    expect(providerTitle('Dr. Amara Okafor', 'female', 'en')).toBe('Dr. Amara Okafor');
    expect(providerTitle('Dr. Amara Okafor', undefined, 'es')).toBe('Dr. Amara Okafor');
    expect(providerTitle(null, 'female', 'es')).toBeNull();
  });

  it('names the time zone instead of an offset', async () => {
    const { formatDateTime, zoneName } = await import('./i18n.js');
    const start = '2026-12-01T14:00:00Z';
    expect(zoneName(start, 'en', 'America/New_York')).toBe('Eastern Standard Time');
    expect(zoneName(start, 'es', 'America/New_York')).toMatch(/^hora estándar/);
    expect(formatDateTime(start, 'en', 'America/New_York')).toContain('Eastern Standard Time');
    expect(formatDateTime(start, 'en', 'America/New_York')).not.toMatch(/GMT|EST\b/);
  });

  it('says day headings and plain file type names', async () => {
    const { formatDay, typeName } = await import('./i18n.js');
    expect(formatDay('2026-12-01', 'en')).toBe('Tuesday, December 1');
    expect(formatDay('2026-12-01', 'es')).toBe('martes, 1 de diciembre');
    expect(typeName('application/pdf', 'es')).toBe('Documento PDF');
    expect(typeName('image/jpeg', 'en')).toBe('Photo (JPEG)');
    expect(typeName('application/x-unknown', 'es')).toBe('Archivo');
  });
});
