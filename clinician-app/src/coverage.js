// What the workspace shows of the payer beyond the cards both apps share (web-common's payer.js): CRD's coverage
// information its system actions put on the Appointment (ext-coverage-information), in the clinician's words. Codes
// only; a code the workspace has no words for yet is named, never dropped.
import {
  part,
  parts,
  payerNews as sharedPayerNews,
  payerSaid as sharedPayerSaid,
  valueOf,
} from '@mediwox/web-common/payer.js';
import { t } from './i18n.js';

export const CRD_COVERAGE_INFORMATION =
  'http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information';

/** CRD's codes (coverage-information-codes) the workspace has words for, per sub-extension. */
export const COVERAGE_CODES = {
  covered: ['covered', 'not-covered', 'conditional'],
  'pa-needed': ['no-auth', 'auth-needed', 'satisfied', 'performpa', 'conditional'],
};

/**
 * CRD's coverage information kept on an Appointment, one entry per extension: whether the visit is covered, whether
 * prior authorization is needed, which documentation or information the payer asks for (codes), and the date of the
 * assessment.
 */
export function coverageInformation(appointment) {
  return (appointment?.extension ?? [])
    .filter((e) => e.url === CRD_COVERAGE_INFORMATION)
    .map((info) => ({
      covered: part(info, 'covered'),
      paNeeded: part(info, 'pa-needed'),
      docNeeded: parts(info, 'doc-needed').map(valueOf).filter(Boolean),
      infoNeeded: parts(info, 'info-needed').map(valueOf).filter(Boolean),
      date: parts(info, 'date')[0]?.valueDate ?? null,
    }));
}

/**
 * The coverage information in the clinician's words: the known codes as sentences; a code the workspace has no words
 * for yet (a newer CRD) named as the code, never dropped.
 */
export function coverageWords(info, language) {
  const said = [];
  const coded = (field, code) =>
    COVERAGE_CODES[field].includes(code)
      ? t(language, `coverage.${field}.${code}`)
      : t(language, `coverage.${field}.other`, { code });
  if (info.covered) said.push(coded('covered', info.covered));
  if (info.paNeeded) said.push(coded('pa-needed', info.paNeeded));
  if (info.docNeeded.length) said.push(t(language, 'coverage.docNeeded', { codes: info.docNeeded.join(', ') }));
  if (info.infoNeeded.length) said.push(t(language, 'coverage.infoNeeded', { codes: info.infoNeeded.join(', ') }));
  return said;
}

/** What the workspace shows of the payer for one Appointment: the shared cards and answer awaited, and coverage. */
export function payerNews(appointment, answer = null) {
  return { ...sharedPayerNews(appointment, answer), coverage: coverageInformation(appointment) };
}

/** What the live region adds to a booking's confirmation about the payer: that it said something, or not yet. */
export function payerSaid(news, language) {
  return sharedPayerSaid(news, language, t, news?.coverage?.length);
}
