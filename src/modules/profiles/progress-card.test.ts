import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BAR_WIDTH,
  barFill,
  CARD_CSP,
  CARD_CSS,
  clampPercent,
  countsLine,
  escapeXml,
  renderCard,
  truncate,
  type CardInput,
} from './progress-card.js';

const counts = { not_started: 6, learning: 2, done: 3, skipped: 1, review: 0 };
const card = (overrides: Partial<CardInput> = {}): CardInput => ({
  displayName: 'Ada',
  username: 'ada',
  roadmap: { title: 'Senior backend', topics: 12, complete: 4, percent: 33, counts },
  ...overrides,
});
/** The text of every element named `tag`, entities still escaped. */
const texts = (svg: string, tag: string) =>
  [...svg.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

describe('escapeXml', () => {
  it('escapes the five XML specials, so text never becomes markup', () => {
    expect(escapeXml(`<script>&"'</script>`)).toBe('&lt;script&gt;&amp;&quot;&#39;&lt;/script&gt;');
  });

  it('drops characters XML forbids, keeps tabs, newlines and other scripts', () => {
    expect(escapeXml('a\u0000b\u0007c\u001Fd\uFFFEe\uD800f')).toBe('abcdef');
    expect(escapeXml('tab\there\nÅsa 学習 🚀')).toBe('tab\there\nÅsa 学習 🚀');
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis within the limit', () => {
    expect(truncate('  Senior backend ', 20)).toBe('Senior backend');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect([...truncate('abcdefghij', 5)]).toHaveLength(5);
  });

  it('never splits a character made of several code points', () => {
    const family = '👩‍👩‍👧';
    expect(truncate(`${family}${family}${family}`, 2)).toBe(`${family}…`);
  });
});

describe('numbers', () => {
  it('clamps the percent to a whole number from 0 to 100', () => {
    expect([-5, 0, 33.9, 100, 250, Number.NaN].map(clampPercent)).toEqual([0, 0, 33, 100, 100, 0]);
  });

  it('fills the bar in proportion, to a tenth of a unit', () => {
    expect(barFill(0)).toBe(0);
    expect(barFill(100)).toBe(BAR_WIDTH);
    expect(barFill(50)).toBe(BAR_WIDTH / 2);
    expect(barFill(33)).toBe(Math.round(BAR_WIDTH * 3.3) / 10);
    expect(barFill(400)).toBe(BAR_WIDTH);
  });

  it('lists done always, and the other statuses only when some have them', () => {
    expect(countsLine(counts)).toBe('3 done · 2 learning · 1 skipped');
    expect(countsLine({ ...counts, done: 0, learning: 0, skipped: 0, review: 4 })).toBe(
      '0 done · 4 in review',
    );
  });
});

describe('renderCard', () => {
  it('is a sized SVG with a title and description, and no script or link', () => {
    const svg = renderCard(card());
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="480" height="144" /);
    expect(svg).toContain('viewBox="0 0 480 144"');
    expect(svg).toContain('role="img" aria-labelledby="card-title card-desc"');
    expect(texts(svg, 'title')).toEqual(['Ada’s progress on Senior backend: 33% complete']);
    expect(texts(svg, 'desc')[0]).toBe(
      '4 of 12 topics complete: 3 done, 2 learning, 0 in review, 1 skipped, 6 not started. On Waymark.',
    );
    expect(svg).not.toMatch(/<script|<a[\s>]|href|on\w+=|<image|<foreignObject/i);
  });

  it('shows the title, who, the percent, the counts and a bar of the right width', () => {
    const svg = renderCard(card());
    expect(texts(svg, 'text')).toEqual([
      'Senior backend',
      'Ada · @ada',
      '33% complete',
      '4 of 12 topics',
      '3 done · 2 learning · 1 skipped',
      'Waymark',
    ]);
    expect(svg).toContain(`<rect class="track" x="20" y="72" width="${BAR_WIDTH}"`);
    expect(svg).toContain(`<rect class="fill" x="20" y="72" width="${barFill(33)}"`);
  });

  it('draws no filled part at 0%, and a full one at 100%', () => {
    const none = renderCard(card({ roadmap: { ...card().roadmap!, complete: 0, percent: 0 } }));
    expect(none).not.toContain('class="fill"');
    const all = renderCard(card({ roadmap: { ...card().roadmap!, complete: 12, percent: 100 } }));
    expect(all).toContain(`<rect class="fill" x="20" y="72" width="${BAR_WIDTH}"`);
  });

  it('escapes a display name and a title that look like markup, everywhere they appear', () => {
    const svg = renderCard(
      card({
        displayName: `<b>Ada</b> & "Bob" 'x'`,
        roadmap: { ...card().roadmap!, title: '</text><script>alert(1)</script>' },
      }),
    );
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;b&gt;Ada&lt;/b&gt; &amp; &quot;Bob&quot; &#39;x&#39; · @ada');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // Every < left is one of the card's own elements.
    const tags = [...svg.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(new Set(['svg', 'title', 'desc', 'style', 'rect', 'text']));
  });

  it('cuts long names and titles so they fit', () => {
    const svg = renderCard(
      card({
        displayName: 'N'.repeat(200),
        roadmap: { ...card().roadmap!, title: 'T'.repeat(200) },
      }),
    );
    const [title, who] = texts(svg, 'text');
    expect([...title!]).toHaveLength(44);
    expect(title!.endsWith('…')).toBe(true);
    expect([...who!].length).toBeLessThanOrEqual(60);
  });

  it('says so when the learner has not started a roadmap', () => {
    const svg = renderCard(card({ roadmap: null }));
    expect(texts(svg, 'title')).toEqual(['Ada has not started a roadmap yet']);
    expect(texts(svg, 'text')).toEqual([
      'No roadmap started yet',
      'Ada · @ada',
      '0% complete',
      'Waymark',
    ]);
  });

  it('has light and dark colours, and a policy allowing exactly its stylesheet', () => {
    const svg = renderCard(card());
    expect(svg).toContain(`<style>${CARD_CSS}</style>`);
    expect(CARD_CSS).toContain('@media (prefers-color-scheme:dark)');
    const hash = createHash('sha256').update(CARD_CSS).digest('base64');
    expect(CARD_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(CARD_CSP).toContain("default-src 'none'");
  });
});
