// What the payer said about an appointment (payer.js), shared by both apps: each card's summary, its indicator in
// words (the colour only repeats it), the detail as plain text (React writes text, never HTML), who says it, and https
// links; or that the payer has not answered yet. What differs between the apps is set once per app (payerCardsFor):
// their words (their translate function t(language, key, values), the keys of PAYER_TEXTS), their button and
// keyboard-focus classes, the block's spacing, and what an app shows first under the heading (the clinician
// workspace's coverage information).

/** Border and background by indicator; the words before the summary say the same for those who do not see colour. */
const STYLE = {
  critical: 'border-l-4 border-red-700 bg-red-50',
  warning: 'border-l-4 border-amber-600 bg-amber-50',
  info: 'border-l-4 border-slate-500 bg-white',
};

const link = 'inline-flex min-h-11 min-w-11 items-center underline underline-offset-2 focus:outline-none';

/**
 * The component an app shows the payer's news of one appointment with: {@code <PayerCards news language level />},
 * the cards under a heading of the given level, nothing when there is nothing to show. Set once per app:
 * {@code t} its translate function, {@code className} the block's spacing, {@code buttonClass} its secondary button
 * (the cards' links), {@code focusRing} its keyboard-focus style (the source's link), and optionally {@code Lead}, a
 * component shown first under the heading ({ news, language }), with {@code more(news)} saying whether it has
 * anything to show.
 */
export function payerCardsFor({ t, className, buttonClass, focusRing, Lead, more }) {
  /** A payer's address, opened in a new window; said so to screen readers. */
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
          <span className="text-sm font-semibold uppercase tracking-wide">
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
              <External href={card.sourceUrl} className={`${link} ${focusRing}`} language={language}>
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
                <External href={l.url} className={`${buttonClass} text-sm`} language={language}>
                  {l.label}
                </External>
              </li>
            ))}
          </ul>
        )}
      </li>
    );
  }

  return function PayerCards({ news, language, level = 3 }) {
    if (!news || !(news.cards.length || news.pending || more?.(news))) return null;
    const Heading = `h${level}`;
    return (
      <div className={className} data-testid="payer">
        <Heading className="font-semibold">{t(language, 'payer.title')}</Heading>
        {Lead && <Lead news={news} language={language} />}
        {news.pending && (
          <p className="rounded-md border-l-4 border-slate-500 bg-white p-3" data-testid="payer-pending">
            {t(language, 'payer.pending')}
          </p>
        )}
        {news.cards.length > 0 && (
          <ul className="space-y-2">
            {news.cards.map((card) => (
              <Card key={card.key} card={card} language={language} />
            ))}
          </ul>
        )}
      </div>
    );
  };
}
