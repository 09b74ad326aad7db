// What the patient's insurer said about an appointment: the shared cards (web-common's PayerCards) in the patient's
// words ("What your insurer says"), with the patient app's buttons and keyboard-focus style; nothing when the insurer
// said nothing.
import { hasPayerNews } from '@mediwox/web-common/payer.js';
import SharedPayerCards from '@mediwox/web-common/PayerCards.jsx';
import { t } from './i18n.js';
import { secondaryButton } from './ui.jsx';

/** The insurer's cards of one appointment under a heading of the given level; nothing when it said nothing. */
export default function PayerCards({ payer, language, level = 3 }) {
  if (!hasPayerNews(payer)) return null;
  return (
    <SharedPayerCards
      news={payer}
      t={t}
      language={language}
      level={level}
      className="mt-3 space-y-2"
      buttonClass={`${secondaryButton} inline-flex items-center`}
      focusRing="focus-visible:ring-2"
    />
  );
}
