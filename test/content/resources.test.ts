/**
 * Quality rules for every topic of the built-in roadmap that the schema alone does not enforce:
 * clean, safe links and enough material (resources, questions, an exercise, a body of a useful
 * length, a short summary). Each test lists every offending topic at once.
 */
import { describe, expect, it } from 'vitest';
import type { TopicContent } from '../../src/content/content.schemas.js';
import { loadRoadmap, topicsOf } from './built-in-roadmap.js';
import { proseWordCount, sentenceCount } from './content-text.js';

const topics = topicsOf(await loadRoadmap('senior-backend'));

// Query parameters that only identify a campaign, a click or a referrer; a link never needs them.
const trackingParameter = /^(utm_.+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|__hstc|__hssc|__hsfp|mkt_tok|oly_anon_id|oly_enc_id|vero_id|trk|trkcampaign|ref|ref_src|ref_url|referrer|si|spm)$/i;

// Names reserved for examples and local use (RFC 2606, RFC 6761) never point at a real page.
const reservedHost = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost|local)$/i;

/** Every violation of one rule, as "topic-id: detail" lines. */
function violations(check: (topic: TopicContent) => string[]): string[] {
  return topics.flatMap((topic) => check(topic).map((detail) => `${topic.id}: ${detail}`));
}

function urlProblems(raw: string): string[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [`${raw} is not a valid URL`];
  }
  const problems: string[] = [];
  if (url.protocol !== 'https:') problems.push(`${raw} is not https`);
  if (url.username || url.password) problems.push(`${raw} carries credentials`);
  const host = url.hostname;
  const isIpLiteral = /^[\d.]+$/.test(host) || host.startsWith('[');
  if (isIpLiteral || !/^([a-z0-9-]+\.)+([a-z]{2,}|xn--[a-z0-9-]+)$/i.test(host) || reservedHost.test(host)) {
    problems.push(`${raw} has no real public host name`);
  }
  for (const key of url.searchParams.keys()) {
    if (trackingParameter.test(key)) problems.push(`${raw} has the tracking parameter "${key}"`);
  }
  return problems;
}

/** The same page written two ways (host case, default port, trailing slash) is one URL. */
function canonicalUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.pathname = url.pathname.replace(/\/+$/, '') || '/';
    return url.href;
  } catch {
    return raw;
  }
}

describe('resources of every topic', () => {
  it('are https URLs with a real host and no tracking parameters', () => {
    expect(violations((topic) => topic.resources.flatMap((r) => urlProblems(r.url)))).toEqual([]);
  });

  it('never list the same URL twice in one topic', () => {
    expect(
      violations((topic) => {
        const seen = new Set<string>();
        return topic.resources.flatMap((r) => {
          const url = canonicalUrl(r.url);
          if (seen.has(url)) return [`${r.url} is listed twice`];
          seen.add(url);
          return [];
        });
      }),
    ).toEqual([]);
  });

  it('number at least three per topic', () => {
    expect(violations((t) => (t.resources.length < 3 ? [`only ${t.resources.length} resources`] : []))).toEqual([]);
  });
});

describe('every topic', () => {
  it('asks at least three interview questions, each with an answer', () => {
    expect(
      violations((t) => [
        ...(t.questions.length < 3 ? [`only ${t.questions.length} questions`] : []),
        ...t.questions.filter((q) => !q.question.trim() || !q.answer.trim()).map((q) => `empty question or answer: "${q.question}"`),
      ]),
    ).toEqual([]);
  });

  it('has an exercise with a task and a definition of done, and an estimate of hours', () => {
    expect(
      violations((t) => [
        ...(!t.exercise.task.trim() ? ['exercise has no task'] : []),
        ...(!t.exercise.done.trim() ? ['exercise has no definition of done'] : []),
        ...(!(Number.isFinite(t.hours) && t.hours > 0) ? [`hours is ${t.hours}`] : []),
      ]),
    ).toEqual([]);
  });

  it('has a body of 300 to 900 words of prose, not counting fenced code', () => {
    expect(
      violations((t) => {
        const words = proseWordCount(t.bodyMarkdown);
        return words < 300 || words > 900 ? [`body has ${words} words of prose`] : [];
      }),
    ).toEqual([]);
  });

  it('has a summary of at most two sentences', () => {
    expect(
      violations((t) => {
        const sentences = sentenceCount(t.summary);
        return sentences < 1 || sentences > 2 ? [`summary has ${sentences} sentences`] : [];
      }),
    ).toEqual([]);
  });
});

describe('the link rules', () => {
  it('reject plain http, hosts that are not public names, credentials and tracking parameters', () => {
    expect(urlProblems('https://www.rfc-editor.org/rfc/rfc9110#section-12')).toEqual([]);
    expect(urlProblems('http://www.rfc-editor.org/rfc/rfc9110')).toHaveLength(1);
    expect(urlProblems('https://localhost:8080/docs')).toHaveLength(1);
    expect(urlProblems('https://192.0.2.7/docs')).toHaveLength(1);
    expect(urlProblems('https://docs.example.com/guide')).toHaveLength(1);
    expect(urlProblems('https://user:pw@developer.mozilla.org/')).toHaveLength(1);
    expect(urlProblems('https://martinfowler.com/articles/microservices.html?utm_source=x&ref=news')).toHaveLength(2);
    expect(urlProblems('not a url')).toHaveLength(1);
  });

  it('treat a trailing slash or an upper-case host as the same URL', () => {
    expect(canonicalUrl('https://HPBN.co/')).toBe(canonicalUrl('https://hpbn.co'));
    expect(canonicalUrl('https://www.rfc-editor.org/rfc/rfc9110/')).toBe(
      canonicalUrl('https://www.rfc-editor.org/rfc/rfc9110'),
    );
    expect(canonicalUrl('https://www.rfc-editor.org/rfc/rfc9110#section-9')).not.toBe(
      canonicalUrl('https://www.rfc-editor.org/rfc/rfc9110#section-15'),
    );
  });
});
