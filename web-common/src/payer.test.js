import { describe, expect, it } from 'vitest';
import {
  INDICATORS,
  isPayerIssue,
  PAYER_TEXTS,
  payerCards,
  payerCheck,
  payerNews,
  payerPending,
  payerSaid,
  plainText,
  secureUrl,
} from './payer.js';

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
const booked = {
  resourceType: 'Appointment',
  id: '42',
  status: 'booked',
  extension: [priorAuthCard, notCoveredCard, answeredCheck],
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

describe("the payer's cards kept on the Appointment", () => {
  it('reads every field of the cards, in the order the payer gave them', () => {
    expect(payerCards(booked)).toEqual([
      {
        key: 'c-1',
        summary: 'Prior authorization needed',
        indicator: 'warning',
        detail: ['Send the referral first.'],
        source: 'Test Payer',
        sourceUrl: 'https://payer.example/rules',
        links: [{ label: 'Request authorization', url: 'https://payer.example/pa' }],
      },
      {
        key: 'card-1',
        summary: 'Not covered at this location',
        indicator: 'critical',
        detail: [],
        source: 'Test Payer',
        sourceUrl: null,
        links: [],
      },
    ]);
  });

  it('has no cards for an Appointment the payer was not asked about', () => {
    expect(payerCards({ resourceType: 'Appointment', status: 'booked' })).toEqual([]);
    expect(payerCards(null)).toEqual([]);
  });

  it('leaves out a card without summary, source or a known indicator', () => {
    const without = (url) => ({ ...notCoveredCard, extension: notCoveredCard.extension.filter((e) => e.url !== url) });
    const odd = {
      ...notCoveredCard,
      extension: notCoveredCard.extension.map((e) => (e.url === 'indicator' ? { ...e, valueCode: 'hard-stop' } : e)),
    };
    expect(payerCards({ extension: [without('summary'), without('source'), without('indicator'), odd] })).toEqual([]);
  });

  it('keeps only https links and source addresses', () => {
    const card = {
      ...priorAuthCard,
      extension: [
        ...priorAuthCard.extension.filter((e) => e.url !== 'link' && e.url !== 'sourceUrl'),
        { url: 'sourceUrl', valueUrl: 'http://payer.example/rules' },
        {
          url: 'link',
          extension: [
            { url: 'label', valueString: 'Run me' },
            { url: 'url', valueUrl: 'javascript:alert(1)' },
          ],
        },
        {
          url: 'link',
          extension: [
            { url: 'label', valueString: 'Plain' },
            { url: 'url', valueUrl: 'http://payer.example/pa' },
          ],
        },
        {
          url: 'link',
          extension: [
            { url: 'label', valueString: 'Form' },
            { url: 'url', valueUrl: 'https://payer.example/form?x=1' },
          ],
        },
      ],
    };
    const [read] = payerCards({ extension: [card] });
    expect(read.sourceUrl).toBeNull();
    expect(read.links).toEqual([{ label: 'Form', url: 'https://payer.example/form?x=1' }]);
    expect(secureUrl('data:text/html,<script>')).toBeNull();
    expect(secureUrl('not a url')).toBeNull();
    expect(secureUrl(undefined)).toBeNull();
  });
});

describe("the detail's Markdown as plain text", () => {
  it('drops the marks, keeps the words and the paragraphs', () => {
    expect(plainText('Send the **referral** first.')).toEqual(['Send the referral first.']);
    expect(
      plainText(
        '# Why\r\n\r\nYour plan needs _prior_ approval.\n\n- a referral\n- the `form` [here](https://x.example)',
      ),
    ).toEqual(['Why', 'Your plan needs prior approval.', '• a referral\n• the form here']);
  });

  it('leaves HTML as words, never as markup', () => {
    expect(plainText('<img src=x onerror=alert(1)>Call <b>us</b>')).toEqual(['Call us']);
    expect(plainText('a < b and c > d')).toEqual(['a < b and c > d']);
  });

  it('keeps words with underscores and asterisks inside them', () => {
    expect(plainText('plan_code A_1 and 2*3*4')).toEqual(['plan_code A_1 and 2*3*4']);
  });

  it('is empty without a detail', () => {
    expect(plainText(undefined)).toEqual([]);
    expect(plainText('  \n\n ')).toEqual([]);
  });
});

describe("the payer's check", () => {
  it('reads the check kept on the Appointment', () => {
    expect(payerCheck(booked)).toBe('answered');
    expect(payerCheck({ extension: [] })).toBeNull();
  });

  it("says pending from $book's outcome warning, by its code", () => {
    expect(payerPending(pendingAnswer)).toBe(true);
    const answered = { ...pendingAnswer, entry: [pendingAnswer.entry[0]] };
    expect(payerPending(answered)).toBe(false);
    // the same sentence without the code is not taken for it
    const uncoded = structuredClone(pendingAnswer);
    delete uncoded.entry[1].resource.issue[1].details;
    expect(payerPending(uncoded)).toBe(false);
  });

  it('shows the cards of the booked Appointment and whether an answer is awaited', () => {
    expect(payerNews(pendingAnswer.entry[0].resource, pendingAnswer)).toEqual({ cards: [], pending: true });
    expect(payerNews(booked, pendingAnswer).pending).toBe(false); // answered since: the kept answer counts
    expect(payerNews(booked).cards).toHaveLength(2);
    const waiting = {
      extension: [
        { ...answeredCheck, extension: [{ url: 'status', valueCode: 'pending' }, ...answeredCheck.extension.slice(1)] },
      ],
    };
    expect(payerNews(waiting)).toEqual({ cards: [], pending: true });
  });
});

/** An app's translate function as the tests see it: the language and the key. */
const t = (language, key) => `${language}:${key}`;

describe("the payer's news in the app's words", () => {
  it('adds to the confirmation that the payer said something, or has not answered yet', () => {
    expect(payerSaid({ cards: payerCards(booked), pending: false }, 'es', t)).toEqual(['es:payer.said']);
    expect(payerSaid({ cards: [], pending: true }, 'es', t)).toEqual(['es:payer.pending']);
    expect(payerSaid({ cards: [], pending: false }, 'es', t)).toEqual([]);
    expect(payerSaid(undefined, 'es', t)).toEqual([]);
  });

  it('lets the app count more than the cards as something said', () => {
    expect(payerSaid({ cards: [], pending: false }, 'en', t, true)).toEqual(['en:payer.said']);
    expect(payerSaid({ cards: [], pending: true }, 'en', t, true)).toEqual(['en:payer.pending']);
  });

  it('names the texts an app must have, one per indicator among them', () => {
    for (const indicator of INDICATORS) expect(PAYER_TEXTS).toContain(`payer.indicator.${indicator}`);
    expect(PAYER_TEXTS).toEqual(expect.arrayContaining(['payer.title', 'payer.pending', 'payer.said']));
  });
});

describe("the payer's issues in $book's outcome", () => {
  it('tells an issue about the payer check from one about the booking, by its code system', () => {
    const [rotation, pending] = pendingAnswer.entry[1].resource.issue;
    expect(isPayerIssue(pending)).toBe(true);
    expect(isPayerIssue(rotation)).toBe(false);
    expect(isPayerIssue(undefined)).toBe(false);
  });
});
