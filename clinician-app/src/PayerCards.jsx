// What the payer said about an appointment: CRD's coverage information in the clinician's words (coverage.js), then
// the cards both apps share (web-common's PayerCards) in the workspace's words, with its buttons and keyboard-focus
// style; nothing when the payer said nothing.
import SharedPayerCards from '@mediwox/web-common/PayerCards.jsx';
import { coverageWords, hasPayerNews } from './coverage.js';
import { t } from './i18n.js';
import { secondaryButton } from './ui.jsx';

/** The payer's news of one appointment under a heading of the given level; nothing when it said nothing. */
export default function PayerCards({ news, language, level = 3 }) {
  if (!hasPayerNews(news)) return null;
  return (
    <SharedPayerCards
      news={news}
      t={t}
      language={language}
      level={level}
      className="w-full space-y-2"
      buttonClass={secondaryButton}
      focusRing="focus-visible:ring-4"
    >
      {news.coverage.map((info, i) => (
        <p key={i} data-testid="coverage">
          <span className="font-semibold">{t(language, 'coverage.label')}: </span>
          {coverageWords(info, language).join(' · ')}
        </p>
      ))}
    </SharedPayerCards>
  );
}
