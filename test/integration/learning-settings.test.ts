/**
 * Learning settings through the HTTP API on every database: defaults for a learner who never
 * changed one, partial changes that keep the rest, bad values refused with nothing changed,
 * the public-profile columns of the same row never touched, each learner's settings their
 * own, and tokens held to the progress scopes.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerSettings } from '../../src/db/schema.js';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const PROBLEM = /^application\/problem\+json/;
const URL = '/api/v1/me/learning-settings';
const DEFAULTS = {
  wipLimit: 3,
  weeklyGoal: 3,
  weeklyGoalUnit: 'topics',
  hoursPerWeek: 5,
  timeZone: 'UTC',
};
let ipCounter = 0;
const nextIp = () => `10.6.${Math.floor(++ipCounter / 250) % 250}.${ipCounter % 250}`;

interface Learner {
  id: string;
  session: BrowserSession;
}
interface Problem {
  type: string;
  errors?: { field: string; message: string }[];
}

describe.each(databaseTargets)('learning settings on $name', (target) => {
  let t: TestApp;

  const learner = async (): Promise<Learner> => {
    const user = await createUser(t);
    return { id: user.id, session: await signIn(t, user.email, user.password) };
  };
  const get = (headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: URL, headers, remoteAddress: nextIp() });
  const patch = (headers: Record<string, string>, payload: unknown) =>
    t.app.inject({
      method: 'PATCH',
      url: URL,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(payload),
      remoteAddress: nextIp(),
    });
  const settingsOf = async (l: Learner) => {
    const res = await get({ cookie: l.session.cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Record<string, unknown>>();
  };
  const rowOf = async (l: Learner) =>
    (
      await t.core.database.db
        .select()
        .from(learnerSettings)
        .where(eq(learnerSettings.userId, l.id))
    )[0];

  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(() => t.close());

  it('when a learner never changed a setting, then they get the defaults and no row is written', async () => {
    const l = await learner();
    const res = await get({ cookie: l.session.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual(DEFAULTS);
    expect(await rowOf(l)).toBeUndefined();
  });

  it('when a learner changes some settings, then only those change and the rest keep their value', async () => {
    const l = await learner();
    const first = await patch(asSession(l.session), { weeklyGoal: 6.5, weeklyGoalUnit: 'hours' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ ...DEFAULTS, weeklyGoal: 6.5, weeklyGoalUnit: 'hours' });

    const second = await patch(asSession(l.session), {
      wipLimit: 5,
      hoursPerWeek: 7.5,
      timeZone: 'Europe/Paris',
    });
    expect(second.statusCode, second.body).toBe(200);
    const expected = {
      wipLimit: 5,
      weeklyGoal: 6.5,
      weeklyGoalUnit: 'hours',
      hoursPerWeek: 7.5,
      timeZone: 'Europe/Paris',
    };
    expect(second.json()).toEqual(expected);
    expect(await settingsOf(l)).toEqual(expected);
  });

  it('stores a time zone under its canonical IANA name', async () => {
    const l = await learner();
    const res = await patch(asSession(l.session), { timeZone: 'america/new_york' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await settingsOf(l)).timeZone).toBe('America/New_York');
  });

  it('accepts the ends of every range', async () => {
    const l = await learner();
    for (const body of [
      { wipLimit: 1, weeklyGoal: 0, hoursPerWeek: 0.5 },
      { wipLimit: 100, weeklyGoal: 168, hoursPerWeek: 168 },
    ]) {
      const res = await patch(asSession(l.session), body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject(body);
    }
  });

  it('when a value is invalid, then 400 names the field and nothing changes', async () => {
    const l = await learner();
    const set = await patch(asSession(l.session), { wipLimit: 4, timeZone: 'Asia/Tokyo' });
    expect(set.statusCode).toBe(200);
    const before = await rowOf(l);
    const cases: [unknown, string][] = [
      [{ wipLimit: 0 }, 'body.wipLimit'],
      [{ wipLimit: 101 }, 'body.wipLimit'],
      [{ wipLimit: 2.5 }, 'body.wipLimit'],
      [{ weeklyGoal: -1 }, 'body.weeklyGoal'],
      [{ weeklyGoal: 169 }, 'body.weeklyGoal'],
      [{ weeklyGoalUnit: 'pages' }, 'body.weeklyGoalUnit'],
      [{ hoursPerWeek: 0 }, 'body.hoursPerWeek'],
      [{ hoursPerWeek: 200 }, 'body.hoursPerWeek'],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'body.timeZone'],
      [{ timeZone: '+02:00' }, 'body.timeZone'],
      [{ timeZone: '' }, 'body.timeZone'],
      // A valid change beside an invalid one is not applied either.
      [{ wipLimit: 9, timeZone: 'Nowhere/Else' }, 'body.timeZone'],
      [{ username: 'mallory' }, 'body.username'],
      [{ profilePublic: true }, 'body.profilePublic'],
    ];
    for (const [body, field] of cases) {
      const res = await patch(asSession(l.session), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(
        res.json<Problem>().errors?.map((e) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    for (const body of [{}, [], 'text', null]) {
      const res = await patch(asSession(l.session), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    expect(await rowOf(l)).toEqual(before);
  });

  it('never touches the public profile columns of the same row', async () => {
    const l = await learner();
    const username = `learner-${l.id.slice(0, 8)}`;
    await t.core.database.db
      .insert(learnerSettings)
      .values({ userId: l.id, username, profilePublic: true, wipLimit: 8 });
    const res = await patch(asSession(l.session), { weeklyGoal: 10 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...DEFAULTS, wipLimit: 8, weeklyGoal: 10 });
    expect(await rowOf(l)).toMatchObject({ username, profilePublic: true, wipLimit: 8 });
  });

  it("keeps each learner's settings their own", async () => {
    const a = await learner();
    const b = await learner();
    expect((await patch(asSession(a.session), { wipLimit: 9 })).statusCode).toBe(200);
    expect(await settingsOf(b)).toEqual(DEFAULTS);
    expect((await patch(asSession(b.session), { wipLimit: 2 })).statusCode).toBe(200);
    expect((await settingsOf(a)).wipLimit).toBe(9);
  });

  it('needs credentials, a CSRF token for a session change, and the progress scopes for tokens', async () => {
    const l = await learner();
    const anonymous = await get({});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(PROBLEM);
    expect((await patch({}, { wipLimit: 4 })).statusCode).toBe(401);
    expect((await patch({ cookie: l.session.cookie }, { wipLimit: 4 })).statusCode).toBe(403);

    const token = async (scopes: string[]) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: asSession(l.session),
        payload: { name: 'settings test', scopes, expiresInDays: 1 },
        remoteAddress: nextIp(),
      });
      expect(res.statusCode, res.body).toBe(201);
      return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
    };
    const reader = await token(['progress:read']);
    const writer = await token(['progress:read', 'progress:write']);
    const profileOnly = await token(['profile:read']);
    expect((await get(reader)).statusCode).toBe(200);
    expect((await get(profileOnly)).statusCode).toBe(403);
    expect((await patch(reader, { wipLimit: 4 })).statusCode).toBe(403);
    expect((await patch(writer, { wipLimit: 4 })).statusCode).toBe(200);
    expect((await settingsOf(l)).wipLimit).toBe(4);
  });
});
