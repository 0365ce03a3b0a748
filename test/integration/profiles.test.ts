/**
 * Public profiles through the HTTP API on every database: off by default, on and off at the
 * learner's word, the same 404 for a private profile as for a username nobody has, usernames
 * validated and unique (the unique index decides between two learners asking at once), only
 * the profile's own settings columns written, and the profile and its SVG card cacheable with
 * strong ETags and 304s.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerSettings, topicProgress, users } from '../../src/db/schema.js';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { PUBLIC_PROFILE_LIMIT } from '../../src/modules/profiles/profiles.policy.js';

const PROBLEM = /^application\/problem\+json/;
const SLUG = 'senior-backend';
const CACHE = 'public, max-age=60';
let ipCounter = 0;
/** A client address per request, so per-address rate limits do not interfere. */
const nextIp = () => `10.6.${Math.floor(++ipCounter / 250) % 250}.${ipCounter % 250}`;
let names = 0;
/** A username no other test uses. */
const freshName = (label = 'learner') => `${label}-${Date.now().toString(36)}-${++names}`;

interface Settings {
  username: string | null;
  public: boolean;
}
interface PublicProfile {
  username: string;
  displayName: string;
  lastActivityOn: string | null;
  roadmaps: {
    slug: string;
    title: string;
    topics: number;
    complete: number;
    percent: number;
    counts: Record<string, number>;
    lastActivityOn: string;
  }[];
}
interface Problem {
  type: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}
interface Learner {
  id: string;
  email: string;
  session: BrowserSession;
}

describe.each(databaseTargets)('public profiles on $name', (target) => {
  let t: TestApp;
  let topicIds: string[];
  let roadmapTitle: string;

  const learner = async (): Promise<Learner> => {
    const user = await createUser(t);
    return {
      id: user.id,
      email: user.email,
      session: await signIn(t, user.email, user.password),
    };
  };

  beforeAll(async () => {
    t = await createTestApp(target);
    const roadmap = await t.app.inject({ method: 'GET', url: `/api/v1/roadmaps/${SLUG}` });
    const view = roadmap.json<{ title: string; topics: { id: string }[] }>();
    topicIds = view.topics.map((x) => x.id);
    roadmapTitle = view.title;
    expect(topicIds.length).toBeGreaterThan(10);
  });
  afterAll(() => t.close());

  const readSettings = (who: Learner) =>
    t.app.inject({
      method: 'GET',
      url: '/api/v1/me/profile',
      headers: { cookie: who.session.cookie },
      remoteAddress: nextIp(),
    });
  const saveSettings = (who: Learner, body: object) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/profile',
      headers: asSession(who.session),
      payload: body,
      remoteAddress: nextIp(),
    });
  const publish = async (who: Learner, username = freshName()) => {
    const res = await saveSettings(who, { username, public: true });
    expect(res.statusCode, res.body).toBe(200);
    return username;
  };
  const publicGet = (path: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1/users/${path}`, headers, remoteAddress: nextIp() });
  const mark = async (who: Learner, topicId: string, status: string) => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/roadmaps/${SLUG}/topics/${topicId}/status`,
      headers: asSession(who.session),
      payload: { status },
      remoteAddress: nextIp(),
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const storedRow = async (userId: string) =>
    (
      await t.core.database.db
        .select()
        .from(learnerSettings)
        .where(eq(learnerSettings.userId, userId))
    )[0];
  /** The parts of a 404 that must not tell a private profile from a missing one. */
  const shapeOf404 = (res: Awaited<ReturnType<typeof publicGet>>, username: string) => ({
    status: res.statusCode,
    contentType: res.headers['content-type'],
    cacheControl: res.headers['cache-control'],
    etag: res.headers.etag,
    body: res.body.replaceAll(username, '{username}'),
  });

  it('when nothing was chosen, then the profile is off, without a username, and not found', async () => {
    const ada = await learner();
    const res = await readSettings(ada);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Settings>()).toEqual({ username: null, public: false });
    expect(res.headers['cache-control']).toBe('no-store');

    // A username alone publishes nothing.
    const username = freshName('ada');
    const saved = await saveSettings(ada, { username, public: false });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Settings>()).toEqual({ username, public: false });
    expect((await readSettings(ada)).json<Settings>()).toEqual({ username, public: false });
    for (const path of [`${username}/profile`, `${username}/card.svg`]) {
      const hidden = await publicGet(path);
      expect(hidden.statusCode, path).toBe(404);
      expect(hidden.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('when turned on, then anyone reads the progress per roadmap, and nothing personal', async () => {
    const ada = await learner();
    const username = freshName('ada');
    await publish(ada, username);
    const empty = await publicGet(`${username}/profile`);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json<PublicProfile>()).toEqual({
      username,
      displayName: ada.email.split('@')[0],
      lastActivityOn: null,
      roadmaps: [],
    });

    const [a, b, c, d, e] = topicIds.slice(0, 5) as [string, string, string, string, string];
    await mark(ada, a, 'done');
    await mark(ada, b, 'done');
    await mark(ada, c, 'learning');
    await mark(ada, d, 'review');
    await mark(ada, e, 'skipped');
    await mark(ada, e, 'not_started'); // back to where it was: counted as not started
    // A state on a roadmap no longer in the content is left out, not shown as an error.
    await t.core.database.db.insert(topicProgress).values({
      userId: ada.id,
      roadmapSlug: 'retired-roadmap',
      topicId: 'gone',
      status: 'done',
      updatedAt: new Date(),
    });

    const res = await publicGet(`${username}/profile`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const profile = res.json<PublicProfile>();
    const today = new Date().toISOString().slice(0, 10);
    const total = topicIds.length;
    expect(profile).toEqual({
      username,
      displayName: ada.email.split('@')[0],
      lastActivityOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string,
      roadmaps: [
        {
          slug: SLUG,
          title: roadmapTitle,
          topics: total,
          complete: 3,
          percent: Math.floor(300 / total),
          counts: { not_started: total - 4, learning: 1, done: 2, skipped: 0, review: 1 },
          lastActivityOn: profile.lastActivityOn,
        },
      ],
    });
    // A UTC day, around now (the run may straddle midnight).
    expect(Math.abs(Date.parse(profile.lastActivityOn!) - Date.parse(today))).toBeLessThanOrEqual(
      86_400_000,
    );
    expect(res.body).not.toContain(ada.email);
    expect(res.body).not.toContain(ada.id);
    expect(res.body).not.toMatch(/T\d{2}:\d{2}/); // no time of day
  });

  it('when turned off, then it is gone at once, with the 404 of a username nobody has', async () => {
    const ada = await learner();
    const username = freshName('ada');
    await publish(ada, username);
    expect((await publicGet(`${username}/profile`)).statusCode).toBe(200);
    expect((await publicGet(`${username}/card.svg`)).statusCode).toBe(200);

    const off = await saveSettings(ada, { username, public: false });
    expect(off.statusCode, off.body).toBe(200);
    const unknown = freshName('nobody');
    for (const suffix of [
      'profile',
      'card.svg',
      `card.svg?roadmap=${SLUG}`,
      'card.svg?roadmap=no-such',
    ]) {
      const privateOne = await publicGet(`${username}/${suffix}`);
      const missing = await publicGet(`${unknown}/${suffix}`);
      expect(privateOne.statusCode, suffix).toBe(404);
      expect(shapeOf404(privateOne, username)).toEqual(shapeOf404(missing, unknown));
      expect(privateOne.headers['cache-control']).toBe('no-store');
      expect(privateOne.json<Problem>().detail).toBe('There is no public profile with this name.');
    }
    // The username stays the learner's while off.
    expect((await readSettings(ada)).json<Settings>()).toEqual({ username, public: false });
  });

  it('is public: no cookie is read and no sign-in is needed, a stale one changes nothing', async () => {
    const ada = await learner();
    const username = await publish(ada);
    const res = await publicGet(`${username}/profile`, {
      cookie: 'waymark_session=not-a-session',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('needs a sign-in for the settings; a token may read them but never change them', async () => {
    const anonymous = [
      await t.app.inject({ method: 'GET', url: '/api/v1/me/profile', remoteAddress: nextIp() }),
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/me/profile',
        payload: { username: 'someone', public: true },
        remoteAddress: nextIp(),
      }),
    ];
    for (const res of anonymous) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }

    const ada = await learner();
    const pat = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: asSession(ada.session),
      payload: { name: 'profile reader', scopes: ['profile:read'], expiresInDays: 7 },
      remoteAddress: nextIp(),
    });
    expect(pat.statusCode, pat.body).toBe(201);
    const bearer = { authorization: `Bearer ${pat.json<{ token: string }>().token}` };
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/me/profile', headers: bearer });
    expect(read.statusCode, read.body).toBe(200);
    const write = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/profile',
      headers: bearer,
      payload: { username: freshName(), public: true },
    });
    expect(write.statusCode, write.body).toBe(403);
    expect(await storedRow(ada.id)).toBeUndefined();

    // And a session without its CSRF token changes nothing either.
    const forged = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/profile',
      headers: { cookie: ada.session.cookie },
      payload: { username: freshName(), public: true },
      remoteAddress: nextIp(),
    });
    expect(forged.statusCode, forged.body).toBe(403);
    expect(await storedRow(ada.id)).toBeUndefined();
  });

  it('refuses malformed and reserved usernames, and a public profile without one, changing nothing', async () => {
    const ada = await learner();
    const username = freshName('ada');
    expect((await saveSettings(ada, { username, public: false })).statusCode).toBe(200);
    const before = await storedRow(ada.id);

    const refused: [object, string | RegExp][] = [
      [{ username: 'Ada', public: true }, /pattern/],
      [{ username: 'ab', public: true }, /fewer than 3/],
      [{ username: 'x'.repeat(33), public: true }, /more than 32/],
      [{ username: '-ada', public: true }, /pattern/],
      [{ username: 'ada-', public: true }, /pattern/],
      [{ username: 'a_b', public: true }, /pattern/],
      [{ username: "x'); drop table users; --", public: true }, /pattern/],
      [{ username: 'admin', public: true }, '"admin" is reserved; choose another username.'],
      [{ username: 'settings', public: false }, '"settings" is reserved; choose another username.'],
      [{ username: null, public: true }, 'A public profile needs a username.'],
      [{ username: 'fine-name', public: 'yes' }, /boolean/],
      [{ username: 'fine-name' }, /public/],
      [{ username: 'fine-name', public: true, email: 'x@example.test' }, /additional/],
    ];
    for (const [body, message] of refused) {
      const res = await saveSettings(ada, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      const problem = res.json<Problem>();
      expect(problem.type).toBe('tag:waymark.dev,2026:problems/validation-failed');
      const messages = problem.errors!.map((e) => `${e.field}: ${e.message}`).join('\n');
      expect(messages, JSON.stringify(body)).toMatch(message);
    }
    expect(await storedRow(ada.id)).toEqual(before);
    expect((await readSettings(ada)).json<Settings>()).toEqual({ username, public: false });
    expect((await publicGet(`${username}/profile`)).statusCode).toBe(404);
  });

  it('refuses a username another learner has (409), changing nothing; a released one is free', async () => {
    const [ada, bob] = [await learner(), await learner()];
    const username = await publish(ada);
    const bobsName = freshName('bob');
    expect((await saveSettings(bob, { username: bobsName, public: false })).statusCode).toBe(200);
    const before = await storedRow(bob.id);

    const taken = await saveSettings(bob, { username, public: true });
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.headers['content-type']).toMatch(PROBLEM);
    expect(taken.json<Problem>()).toMatchObject({
      type: 'tag:waymark.dev,2026:problems/conflict',
      detail: `The username "${username}" is taken; choose another.`,
      errors: [{ field: 'body.username', message: 'This username is taken.' }],
    });
    expect(await storedRow(bob.id)).toEqual(before);
    // Each learner reads and writes their own settings only.
    expect((await readSettings(bob)).json<Settings>()).toEqual({
      username: bobsName,
      public: false,
    });
    expect((await publicGet(`${username}/profile`)).json<PublicProfile>().displayName).toBe(
      ada.email.split('@')[0],
    );

    // Saving one's own username again is no conflict.
    expect((await saveSettings(ada, { username, public: true })).statusCode).toBe(200);
    // Once Ada takes another name, hers is free.
    expect((await saveSettings(ada, { username: freshName('ada'), public: true })).statusCode).toBe(
      200,
    );
    expect((await saveSettings(bob, { username, public: false })).statusCode).toBe(200);
  });

  it('when two learners ask for one username at once, then exactly one gets it', async () => {
    const contenders = await Promise.all([learner(), learner(), learner(), learner()]);
    const username = freshName('race');
    const answers = await Promise.all(
      contenders.map((who) => saveSettings(who, { username, public: true })),
    );
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses, answers.map((r) => r.body).join('\n')).toEqual([200, 409, 409, 409]);
    const holders = await t.core.database.db
      .select({ userId: learnerSettings.userId })
      .from(learnerSettings)
      .where(eq(learnerSettings.username, username));
    const winner = contenders[answers.findIndex((r) => r.statusCode === 200)]!;
    expect(holders).toEqual([{ userId: winner.id }]);
    for (const who of contenders.filter((c) => c !== winner)) {
      expect(await storedRow(who.id)).toBeUndefined();
    }
  });

  it('writes only the username, the switch and updated_at of a shared settings row', async () => {
    const ada = await learner();
    await t.core.database.db.insert(learnerSettings).values({
      userId: ada.id,
      wipLimit: 7,
      weeklyGoalUnit: 'hours',
      weeklyGoal: 10,
      hoursPerWeek: 12,
      timeZone: 'Europe/Oslo',
      updatedAt: new Date('2026-01-01T00:00:00Z'),
    });
    const username = await publish(ada);
    const row = await storedRow(ada.id);
    expect(row).toMatchObject({
      wipLimit: 7,
      weeklyGoalUnit: 'hours',
      weeklyGoal: 10,
      hoursPerWeek: 12,
      timeZone: 'Europe/Oslo',
      username,
      profilePublic: true,
    });
    expect(row!.updatedAt.getTime()).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));

    // Without a row, one is made with every other setting at its default.
    const bob = await learner();
    const bobsName = await publish(bob);
    expect(await storedRow(bob.id)).toMatchObject({
      wipLimit: 3,
      weeklyGoalUnit: 'topics',
      weeklyGoal: 3,
      hoursPerWeek: 5,
      timeZone: 'UTC',
      username: bobsName,
      profilePublic: true,
    });
  });

  it('serves the profile with a strong ETag, 304 when current, a new ETag when progress moves', async () => {
    const ada = await learner();
    const username = await publish(ada);
    await mark(ada, topicIds[0]!, 'done');
    const first = await publicGet(`${username}/profile`);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers['cache-control']).toBe(CACHE);
    expect(first.headers['last-modified']).toBeUndefined();

    const again = await publicGet(`${username}/profile`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe(CACHE);

    await mark(ada, topicIds[1]!, 'learning');
    const moved = await publicGet(`${username}/profile`, { 'if-none-match': etag });
    expect(moved.statusCode).toBe(200);
    expect(moved.headers.etag).not.toBe(etag);
    expect(moved.json<PublicProfile>().roadmaps[0]!.counts.learning).toBe(1);
  });

  it('serves the card as a cacheable SVG image any site may show, 304 when current', async () => {
    const ada = await learner();
    const username = await publish(ada);
    await mark(ada, topicIds[0]!, 'done');
    const res = await publicGet(`${username}/card.svg`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers['cache-control']).toBe(CACHE);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("'unsafe-inline'");
    expect(res.body).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="480" height="144"/,
    );
    expect(res.body).toContain(`>${roadmapTitle}</text>`);
    expect(res.body).toContain(`>${Math.floor(100 / topicIds.length)}% complete</text>`);
    expect(res.body).toContain(`>1 of ${topicIds.length} topics</text>`);
    expect(res.body).not.toMatch(/<script|href=/);

    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await publicGet(`${username}/card.svg`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // A cache refreshes its stored headers from a 304: they must still let any site show it.
    expect(again.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(again.headers['content-security-policy']).toBe(csp);

    await mark(ada, topicIds[1]!, 'done');
    const moved = await publicGet(`${username}/card.svg`, { 'if-none-match': etag });
    expect(moved.statusCode).toBe(200);
    expect(moved.body).toContain('>2 done</text>');
  });

  it('escapes a display name that looks like markup in the card, and in the profile JSON keeps it verbatim', async () => {
    const ada = await learner();
    const name = `<script>alert("x")</script> & "Ada" <b>`;
    await t.core.database.db.update(users).set({ displayName: name }).where(eq(users.id, ada.id));
    const username = await publish(ada);
    const card = await publicGet(`${username}/card.svg`);
    expect(card.statusCode, card.body).toBe(200);
    expect(card.body).not.toContain('<script');
    expect(card.body).not.toContain('<b>');
    expect(card.body).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Ada&quot; &lt;b&gt;',
    );
    const profile = await publicGet(`${username}/profile`);
    expect(profile.json<PublicProfile>().displayName).toBe(name);
  });

  it('shows the roadmap asked for on the card, 0% when not started, 404 when unknown', async () => {
    const ada = await learner();
    const username = await publish(ada);
    const none = await publicGet(`${username}/card.svg`);
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('>No roadmap started yet</text>');

    const asked = await publicGet(`${username}/card.svg?roadmap=${SLUG}`);
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.body).toContain(`>${roadmapTitle}</text>`);
    expect(asked.body).toContain('>0% complete</text>');

    const unknown = await publicGet(`${username}/card.svg?roadmap=no-such-roadmap`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<Problem>().detail).toBe('Roadmap "no-such-roadmap" was not found.');
    const malformed = await publicGet(`${username}/card.svg?roadmap=Not_A_Slug`);
    expect(malformed.statusCode).toBe(400);
    const extra = await publicGet(`${username}/card.svg?theme=dark`);
    expect(extra.statusCode).toBe(400);
  });

  it('limits each client address on the public routes, with 429 and Retry-After', async () => {
    const username = await publish(await learner());
    const from = (path: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/users/${path}`, remoteAddress: '10.9.9.9' });
    for (let i = 0; i < PUBLIC_PROFILE_LIMIT; i++) {
      expect((await from(`${username}/profile`)).statusCode).toBe(200);
    }
    const limited = await from(`${username}/profile`);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(PROBLEM);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from(`${username}/card.svg`)).statusCode).toBe(200); // counted per route
    expect((await publicGet(`${username}/profile`)).statusCode).toBe(200); // another address
  });

  it('answers a malformed username with 400, whatever anyone chose', async () => {
    for (const path of ['Ada/profile', 'a_b/card.svg', `${'x'.repeat(40)}/profile`]) {
      const res = await publicGet(path);
      expect(res.statusCode, path).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
  });
});
