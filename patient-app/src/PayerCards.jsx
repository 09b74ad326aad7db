// What the patient's insurer said about an appointment (payer.js): each card's summary, its indicator in words (the
// colour only repeats it), the detail as plain text (React writes text, never HTML), who says it, and https links; or
// that the insurer has not answered yet.
import { t } from './i18n.js';
import { secondaryButton } from './ui.jsx';

/** Border and background by indicator; the words before the summary say the same for those who do not see colour. */
const STYLE = {
  critical: 'border-l-4 border-red-700 bg-red-50',
  warning: 'border-l-4 border-amber-600 bg-amber-50',
  info: 'border-l-4 border-slate-500 bg-white',
};

const link =
  'inline-flex min-h-11 min-w-11 items-center underline underline-offset-2 focus:outline-none focus-visible:ring-2';

/** An insurer's address, opened in a new window; said so to screen readers. */
function External({ href, className, children, language }) {
  return (
    <a className={className} href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="sr-only"> {t(language, 'payer.newWindow')}</span>
    </a>
  );
}

function Card({ card, language }) {
  return (
    <li
      className={`rounded-md p-3 text-slate-900 ${STYLE[card.indicator]}`}
      data-testid="payer-card"
      data-indicator={card.indicator}
    >
      <p>
        <span className="font-semibold uppercase tracking-wide text-sm">
          {t(language, `payer.indicator.${card.indicator}`)}:
        </span>{' '}
        <span className="font-semibold">{card.summary}</span>
      </p>
      {card.detail.map((paragraph, i) => (
        <p key={i} className="mt-1 whitespace-pre-line">
          {paragraph}
        </p>
      ))}
      <p className="text-sm text-slate-800">
        {card.sourceUrl ? (
          <>
            {t(language, 'payer.source', { source: '' })}
            <External href={card.sourceUrl} className={link} language={language}>
              {card.source}
            </External>
          </>
        ) : (
          t(language, 'payer.source', { source: card.source })
        )}
      </p>
      {card.links.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2">
          {card.links.map((l) => (
            <li key={l.url}>
              <External
                href={l.url}
                className={`${secondaryButton} inline-flex items-center text-sm`}
                language={language}
              >
                {l.label}
              </External>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The insurer's cards of one appointment under a heading of the given level; nothing when it said nothing. */
export default function PayerCards({ payer, language, level = 3 }) {
  if (!payer || (!payer.cards.length && !payer.pending)) return null;
  const Heading = `h${level}`;
  return (
    <div className="mt-3 space-y-2" data-testid="payer">
      <Heading className="font-semibold">{t(language, 'payer.title')}</Heading>
      {payer.pending && (
        <p className="rounded-md border-l-4 border-slate-500 bg-white p-3" data-testid="payer-pending">
          {t(language, 'payer.pending')}
        </p>
      )}
      {payer.cards.length > 0 && (
        <ul className="space-y-2">
          {payer.cards.map((card) => (
            <Card key={card.key} card={card} language={language} />
          ))}
        </ul>
      )}
    </div>
  );
}
