// What the patient's insurer said about an appointment: the shared cards (web-common's PayerCards) in the patient's
// words ("What your insurer says"), with the patient app's buttons and keyboard-focus style; nothing when the insurer
// said nothing. Used as <PayerCards news={…} language={…} level={…} />.
import { t } from './i18n.js';
import { secondaryButton } from './ui.jsx';
import { payerCardsFor } from '@mediwox/web-common/PayerCards.jsx';

export default payerCardsFor({
  t,
  className: 'mt-3 space-y-2',
  buttonClass: `${secondaryButton} inline-flex items-center`,
  focusRing: 'focus-visible:ring-2',
});
