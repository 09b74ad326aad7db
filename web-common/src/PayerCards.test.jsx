import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { payerCardsFor } from './PayerCards.jsx';

/** An app's translate function as the tests see it: the language and the key, the values filled in. */
const t = (language, key, values = {}) =>
  `${language}:${key}${Object.entries(values)
    .map(([k, v]) => ` ${k}=${v}`)
    .join('')}`;

const card = {
  key: 'c-1',
  summary: 'Prior authorization needed',
  indicator: 'warning',
  detail: ['Send the <b>referral</b> first.'],
  source: 'Test Payer',
  sourceUrl: 'https://payer.example/rules',
  links: [{ label: 'Request authorization', url: 'https://payer.example/pa' }],
};

const PatientLike = payerCardsFor({
  t,
  className: 'mt-3 space-y-2',
  buttonClass: 'btn-2',
  focusRing: 'focus-visible:ring-2',
});

function Coverage({ news, language }) {
  return news.coverage.map((c, i) => <p key={i}>{`${language}:coverage ${c}`}</p>);
}
const ClinicianLike = payerCardsFor({
  t,
  className: 'w-full space-y-2',
  buttonClass: 'btn-4',
  focusRing: 'focus-visible:ring-4',
  Lead: Coverage,
  more: (news) => news?.coverage.length > 0,
});

const html = (element) => renderToStaticMarkup(element);

describe('the payer cards an app makes with payerCardsFor', () => {
  it("shows the cards in the app's words and classes, the detail as text, links in a new window", () => {
    const out = html(<PatientLike news={{ cards: [card], pending: false }} language="es" level={4} />);
    expect(out).toContain(
      '<div class="mt-3 space-y-2" data-testid="payer"><h4 class="font-semibold">es:payer.title</h4>',
    );
    expect(out).toContain('es:payer.indicator.warning:');
    expect(out).toContain('Send the &lt;b&gt;referral&lt;/b&gt; first.');
    expect(out).toContain(
      'class="btn-2 text-sm" href="https://payer.example/pa" target="_blank" rel="noopener noreferrer"',
    );
    expect(out).toContain('focus-visible:ring-2" href="https://payer.example/rules"');
    expect(out).toContain('es:payer.newWindow');
    expect(out).not.toContain('payer-pending');
  });

  it('says an answer is awaited, and shows nothing when the payer said nothing', () => {
    expect(html(<PatientLike news={{ cards: [], pending: true }} language="en" />)).toContain(
      'data-testid="payer-pending">en:payer.pending</p>',
    );
    expect(html(<PatientLike news={{ cards: [], pending: false }} language="en" />)).toBe('');
    expect(html(<PatientLike news={null} language="en" />)).toBe('');
  });

  it('shows what else the app has first under the heading, and that alone is enough to show the block', () => {
    const out = html(<ClinicianLike news={{ cards: [card], pending: false, coverage: ['covered'] }} language="en" />);
    expect(out.indexOf('en:coverage covered')).toBeGreaterThan(out.indexOf('en:payer.title'));
    expect(out.indexOf('en:coverage covered')).toBeLessThan(out.indexOf('payer-card'));
    expect(out).toContain('class="btn-4 text-sm"');
    expect(html(<ClinicianLike news={{ cards: [], pending: false, coverage: ['covered'] }} language="en" />)).toContain(
      'en:coverage covered',
    );
    expect(html(<ClinicianLike news={{ cards: [], pending: false, coverage: [] }} language="en" />)).toBe('');
  });
});
