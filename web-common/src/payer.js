// What the payer said about a booking (Da Vinci CRD's appointment-book hook, asked by $book), shared by both apps: the
// cards the server keeps on the Appointment (extension payer-card), whether the payer answered (payer-check), and
// $book's outcome warning coded payer-check-status#pending when it did not answer in time. Values only: the card's
// summary and detail are the payer's words, shown as they are (the detail is Markdown, shown as plain text, never as
// HTML). The apps' own words come in as their translate function t(language, key, values), see PAYER_TEXTS.

/** The texts (keys) an app's translations must have for payerSaid and PayerCards; each app says them its own way. */
export const PAYER_TEXTS = [
  'payer.title',
  'payer.source',
  'payer.indicator.info',
  'payer.indicator.warning',
  'payer.indicator.critical',
  'payer.pending',
  'payer.said',
  'payer.newWindow',
];

export const PAYER_CARD = 'https://mediwox.org/fhir/StructureDefinition/payer-card';
export const PAYER_CHECK = 'https://mediwox.org/fhir/StructureDefinition/payer-check';
export const PAYER_CHECK_STATUS = 'https://mediwox.org/fhir/CodeSystem/payer-check-status';

/** CDS Hooks' indicators, the most urgent first. */
export const INDICATORS = ['critical', 'warning', 'info'];

/** The sub-extensions of a complex extension with the given url (the clinician workspace reads CRD's with them too). */
export const parts = (extension, url) => (extension?.extension ?? []).filter((e) => e.url === url);
/** A sub-extension's value, whichever of the primitive types the payer used; null when there is none. */
export const valueOf = (e) => e?.valueString ?? e?.valueCode ?? e?.valueMarkdown ?? e?.valueUrl ?? e?.valueUri ?? null;
/** The value of the first sub-extension with the given url. */
export const part = (extension, url) => valueOf(parts(extension, url)[0]);

/** The address when it is an https URL, else null: a card's link must not run script or leave TLS. */
export function secureUrl(url) {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * A card's Markdown detail as plain paragraphs (each a string whose line breaks are kept): emphasis and code marks,
 * heading marks and HTML tags dropped, a link or image said by its text. Shown as text, so nothing in it can run.
 */
export function plainText(markdown) {
  if (typeof markdown !== 'string') return [];
  return markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
        .replace(/^\s{0,3}#{1,6}\s+/gm, '')
        .replace(/^\s*[-*+]\s+/gm, '• ')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
        .replace(/`([^`]*)`/g, '$1')
        .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
        .trim(),
    )
    .filter(Boolean);
}

/**
 * The payer's cards kept on an Appointment, in the payer's order: summary, indicator, detail (plain paragraphs),
 * the source's label and https address, and the https links. A card without summary, source or a known indicator
 * is left out (the server keeps none such; another server might).
 */
export function payerCards(appointment) {
  return (appointment?.extension ?? [])
    .filter((e) => e.url === PAYER_CARD)
    .map((card, index) => ({
      key: part(card, 'uuid') ?? `card-${index}`,
      summary: part(card, 'summary'),
      indicator: part(card, 'indicator'),
      detail: plainText(part(card, 'detail')),
      source: part(card, 'source'),
      sourceUrl: secureUrl(part(card, 'sourceUrl')),
      links: parts(card, 'link')
        .map((link) => ({ label: part(link, 'label'), url: secureUrl(part(link, 'url')) }))
        .filter((link) => link.label && link.url),
    }))
    .filter((card) => card.summary && card.source && INDICATORS.includes(card.indicator));
}

/** Where the payer's check of an Appointment stands: 'answered', 'pending', or null when none is recorded. */
export function payerCheck(appointment) {
  const check = (appointment?.extension ?? []).find((e) => e.url === PAYER_CHECK);
  return part(check, 'status');
}

/** True when $book's answer says the payer has not answered yet (an outcome issue coded payer-check-status#pending). */
export function payerPending(answer) {
  const resources = answer?.resourceType === 'Bundle' ? (answer.entry ?? []).map((e) => e.resource) : [];
  const outcomes = [
    ...resources.filter((r) => r?.resourceType === 'OperationOutcome'),
    ...(answer?.parameter ?? []).filter((p) => p.name === 'outcome').map((p) => p.resource),
  ];
  return outcomes.some((outcome) => (outcome?.issue ?? []).some(isPendingIssue));
}

/** An outcome issue that is about the payer's check (not about the booking itself). */
export function isPayerIssue(issue) {
  return (issue?.details?.coding ?? []).some((c) => c.system === PAYER_CHECK_STATUS);
}

const isPendingIssue = (issue) =>
  (issue?.details?.coding ?? []).some((c) => c.system === PAYER_CHECK_STATUS && c.code === 'pending');

/** What an app shows of the payer for one Appointment: its cards, and whether an answer is still awaited. */
export function payerNews(appointment, answer = null) {
  const check = payerCheck(appointment);
  return {
    cards: payerCards(appointment),
    // an answer kept since (a retried request answered with the Appointment as it is now) outranks the warning
    pending: check === 'pending' || (check !== 'answered' && answer != null && payerPending(answer)),
  };
}

/**
 * What the live region adds to a booking's confirmation about the payer: that it said something (cards, or what else
 * the app shows of it: {@code more}), or not yet; in the app's words (its {@code t}).
 */
export function payerSaid(news, language, t, more) {
  if (news?.pending) return [t(language, 'payer.pending')];
  return news?.cards?.length || more ? [t(language, 'payer.said')] : [];
}
