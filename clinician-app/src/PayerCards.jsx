// What the payer said about an appointment: CRD's coverage information in the clinician's words (coverage.js), then
// the cards both apps share (web-common's PayerCards) in the workspace's words, with its buttons and keyboard-focus
// style; nothing when the payer said nothing. Used as <PayerCards news={…} language={…} level={…} />.
import { coverageWords } from './coverage.js';
import { t } from './i18n.js';
import { secondaryButton } from './ui.jsx';
import { payerCardsFor } from '@mediwox/web-common/PayerCards.jsx';

/** CRD's coverage information, one line per assessment. */
function Coverage({ news, language }) {
  return news.coverage.map((info, i) => (
    <p key={i} data-testid="coverage">
      <span className="font-semibold">{t(language, 'coverage.label')}: </span>
      {coverageWords(info, language).join(' · ')}
    </p>
  ));
}

export default payerCardsFor({
  t,
  className: 'w-full space-y-2',
  buttonClass: secondaryButton,
  focusRing: 'focus-visible:ring-4',
  Lead: Coverage,
  more: (news) => news?.coverage.length > 0,
});
