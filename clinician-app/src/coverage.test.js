import { describe, expect, it } from 'vitest';
import { t } from './i18n.js';
import { INDICATORS, PAYER_TEXTS } from '@mediwox/web-common/payer.js';
import { coverageInformation, coverageWords, COVERAGE_CODES, payerNews, payerSaid } from './coverage.js';

// Shaped as the server keeps PayerHookIT's answer (PayerAnswer.Card.toExtension and PayerHook's check), as HAPI writes
// it in JSON: the payer's first card with every field, the second with only the required ones.
const priorAuthCard = {
  url: 'https://mediwox.org/fhir/StructureDefinition/payer-card',
  extension: [
    { url: 'uuid', valueString: 'c-1' },
    { url: 'summary', valueString: 'Prior authorization needed' },
    { url: 'indicator', valueCode: 'warning' },
    { url: 'detail', valueMarkdown: 'Send the **referral** first.' },
    { url: 'source', valueString: 'Test Payer' },
    { url: 'sourceUrl', valueUrl: 'https://payer.example/rules' },
    {
      url: 'topic',
      valueCoding: {
        system: 'http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp',
        code: 'prior-auth',
        display: 'Prior authorization',
      },
    },
    {
      url: 'link',
      extension: [
        { url: 'label', valueString: 'Request authorization' },
        { url: 'url', valueUrl: 'https://payer.example/pa' },
      ],
    },
  ],
};
const notCoveredCard = {
  url: 'https://mediwox.org/fhir/StructureDefinition/payer-card',
  extension: [
    { url: 'summary', valueString: 'Not covered at this location' },
    { url: 'indicator', valueCode: 'critical' },
    { url: 'source', valueString: 'Test Payer' },
  ],
};
const answeredCheck = {
  url: 'https://mediwox.org/fhir/StructureDefinition/payer-check',
  extension: [
    { url: 'status', valueCode: 'answered' },
    { url: 'service', valueUrl: 'http://127.0.0.1:40111/cds-services/crd-appointment-book' },
    { url: 'checked', valueInstant: '2026-12-06T03:00:00.000+00:00' },
    { url: 'coverage', valueReference: { reference: 'Coverage/77' } },
  ],
};
/** CRD's coverage information as the payer's system action put it and the server copied it (PayerHookIT). */
const coverageInfo = {
  url: 'http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information',
  extension: [
    { url: 'covered', valueCode: 'covered' },
    { url: 'pa-needed', valueCode: 'auth-needed' },
    { url: 'date', valueDate: '2026-12-05' },
  ],
};
const booked = {
  resourceType: 'Appointment',
  id: '42',
  status: 'booked',
  extension: [priorAuthCard, notCoveredCard, coverageInfo, answeredCheck],
};
/** $book's answer when the payer did not answer within the timeout (PayerOutcome's warning). */
const pendingAnswer = {
  resourceType: 'Bundle',
  type: 'searchset',
  entry: [
    { resource: { resourceType: 'Appointment', id: '43', status: 'booked' }, search: { mode: 'match' } },
    {
      resource: {
        resourceType: 'OperationOutcome',
        issue: [
          { severity: 'information', code: 'informational', diagnostics: 'Rotation turn 3 …' },
          {
            severity: 'warning',
            code: 'timeout',
            details: {
              coding: [
                {
                  system: 'https://mediwox.org/fhir/CodeSystem/payer-check-status',
                  code: 'pending',
                  display: 'Pending',
                },
              ],
            },
            diagnostics: 'Booked. The insurer did not answer in time; its check is retried in the background',
          },
        ],
      },
      search: { mode: 'outcome' },
    },
  ],
};

describe("the workspace's payer news: the shared cards and answer awaited, and coverage", () => {
  it('shows the cards of the booked Appointment and whether an answer is awaited', () => {
    expect(payerNews(pendingAnswer.entry[0].resource, pendingAnswer)).toEqual({
      cards: [],
      coverage: [],
      pending: true,
    });
    expect(payerNews(booked, pendingAnswer).pending).toBe(false); // answered since: the kept answer counts
    expect(payerNews(booked).cards).toHaveLength(2);
    const waiting = {
      extension: [
        { ...answeredCheck, extension: [{ url: 'status', valueCode: 'pending' }, ...answeredCheck.extension.slice(1)] },
      ],
    };
    expect(payerNews(waiting)).toEqual({ cards: [], coverage: [], pending: true });
  });
});

describe("CRD's coverage information", () => {
  it('reads the codes the payer put on the Appointment', () => {
    expect(coverageInformation(booked)).toEqual([
      { covered: 'covered', paNeeded: 'auth-needed', docNeeded: [], infoNeeded: [], date: '2026-12-05' },
    ]);
    expect(coverageInformation({ extension: [priorAuthCard] })).toEqual([]);
  });

  it('says them in the clinician’s words, from the codes', () => {
    const [info] = coverageInformation(booked);
    expect(coverageWords(info, 'en')).toEqual(['Covered', 'Prior authorization needed']);
    expect(coverageWords(info, 'es')).toEqual(['Cubierta', 'Necesita autorización previa']);
    const notCovered = {
      covered: 'not-covered',
      paNeeded: 'no-auth',
      docNeeded: ['clinical'],
      infoNeeded: ['location'],
    };
    expect(coverageWords(notCovered, 'en')).toEqual([
      'Not covered',
      'No prior authorization needed',
      'Documentation needed: clinical',
      'Information needed: location',
    ]);
  });

  it('has words for every code it knows in both languages, and names a code it does not know', () => {
    for (const [field, codes] of Object.entries(COVERAGE_CODES))
      for (const code of codes) {
        expect(t('en', `coverage.${field}.${code}`)).toBeTruthy();
        expect(t('es', `coverage.${field}.${code}`)).not.toBe(t('en', `coverage.${field}.${code}`));
      }
    const newer = { covered: 'partly', paNeeded: 'later', docNeeded: [], infoNeeded: [] };
    expect(coverageWords(newer, 'en')).toEqual(['Covered: partly', 'Prior authorization: later']);
  });
});

describe("the payer's news in the clinician's words", () => {
  it('adds to the confirmation that the payer said something, or has not answered yet', () => {
    expect(payerSaid(payerNews(booked), 'en')).toEqual(['The payer has something to say about this appointment.']);
    expect(payerSaid(payerNews({ extension: [coverageInfo] }), 'en')).toHaveLength(1);
    expect(payerSaid({ cards: [], coverage: [], pending: true }, 'es')).toEqual([
      'La aseguradora todavía no ha respondido; su respuesta se guardará con la cita.',
    ]);
    expect(payerSaid(payerNews({ extension: [] }), 'en')).toEqual([]);
  });

  it('names every indicator in words in English and Spanish, and has every text the shared cards ask for', () => {
    for (const key of PAYER_TEXTS) expect(t('es', key)).toBeTruthy();
    expect(t('en', 'payer.source', { source: 'Test Payer' })).toBe('Source: Test Payer');
    for (const indicator of INDICATORS) {
      expect(t('en', `payer.indicator.${indicator}`)).toBeTruthy();
      expect(t('es', `payer.indicator.${indicator}`)).not.toBe(t('en', `payer.indicator.${indicator}`));
    }
  });
});
