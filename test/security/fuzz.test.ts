/**
 * Random and mutated activities, card submits and invokes through the HTTP edge: never a 5xx, never
 * an unhandled rejection, an error card for what cannot be used, and no write from rejected input.
 * FUZZ_RUNS sets how many of each (npm run verify runs thousands).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, type Activity, type FixtureName } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
const FIXTURES: FixtureName[] = [
  'personal-message', 'channel-message-with-mention', 'group-message-with-mention', 'personal-card-submit',
  'channel-card-submit', 'personal-invoke-adaptive-card-action', 'team-installation-add', 'personal-conversation-update',
];

let t: TestApp;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let baseline: string;

/** What storage holds for the seeded tenant, to prove rejected input changed nothing. */
const snapshot = async () => JSON.stringify([await t.app.storage.getOrganization(TENANT), await t.app.storage.countOrganizations(), await t.app.storage.checklistMarks(TENANT, '2027-02-28')]);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  t = await startTestApp();
  await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT }));
  baseline = await snapshot();
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await t.stop();
});

const anyJson = fc.oneof(fc.json(), fc.anything().map((value) => { try { return JSON.stringify(value) ?? 'null'; } catch { return 'null'; } }));
const anyValue = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.object(), fc.array(fc.anything(), { maxLength: 3 }), fc.string({ maxLength: 5000 }));

/** A real Teams activity with a few fields deleted or replaced by anything. */
const mutatedActivity = fc
  .record({
    fixture: fc.constantFrom(...FIXTURES),
    mutations: fc.array(fc.record({ path: fc.constantFrom('type', 'text', 'value', 'from', 'from.id', 'from.aadObjectId', 'conversation', 'conversation.id', 'conversation.tenantId', 'channelData', 'channelData.tenant', 'channelData.tenant.id', 'channelData.team', 'recipient', 'name', 'value.action', 'value.action.verb', 'value.action.data', 'entities', 'localTimezone', 'action', 'membersAdded', 'serviceUrl', 'channelId'), value: fc.option(anyValue) }), { maxLength: 4 }),
  })
  .map(({ fixture, mutations }) => {
    const activity = loadFixture(fixture);
    activity.conversation.tenantId = TENANT;
    activity.channelData = { ...activity.channelData, tenant: { id: TENANT } };
    for (const { path, value } of mutations) setPath(activity, path, value);
    return activity;
  });

function setPath(target: Activity, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Activity = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key];
  }
  const last = keys[keys.length - 1] as string;
  if (value === null) delete node[last];
  else node[last] = value;
}

async function post(body: string | Activity, serviceUrl: string) {
  if (typeof body !== 'string' && typeof body.serviceUrl === 'string' && body.serviceUrl.startsWith('http://localhost:56150')) body.serviceUrl = serviceUrl;
  return t.post(body);
}

describe(`fuzzing the HTTP edge (${RUNS} runs each)`, () => {
  it('never answers 5xx to arbitrary JSON bodies', async () => {
    await fc.assert(fc.asyncProperty(anyJson, async (body) => {
      const { status } = await post(body, t.connector.serviceUrl);
      expect(status).toBeLessThan(500);
    }), { numRuns: RUNS });
    recordStat('fuzz.payloads', RUNS);
  });

  it('never answers 5xx to mutated Teams activities, and answers messages with a card', async () => {
    await fc.assert(fc.asyncProperty(mutatedActivity, async (activity) => {
      const before = t.connector.sent.length;
      const { status } = await post(activity, t.connector.serviceUrl);
      expect(status).toBeLessThan(500);
      for (const sent of t.connector.sent.slice(before)) {
        const attachments = sent.body.attachments as { contentType: string }[] | undefined;
        expect(attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      }
    }), { numRuns: RUNS });
    recordStat('fuzz.payloads', RUNS);
  });

  it('answers random card submits and invokes with a card and writes nothing', async () => {
    const submits = fc.record({
      kind: fc.constantFrom('submit', 'invoke'),
      verb: fc.oneof(fc.constantFrom('profile.save', 'checklist.toggle', 'checklist.refresh'), fc.string()),
      data: fc.oneof(fc.dictionary(fc.string(), anyValue), fc.record({ tenantId: fc.oneof(fc.constant(TENANT), fc.string()), cycle: fc.oneof(fc.constant('2027-02-28'), fc.string()), itemId: fc.string(), done: anyValue })),
    });
    await fc.assert(fc.asyncProperty(submits, async ({ kind, verb, data }) => {
      const activity = loadFixture(kind === 'submit' ? 'personal-card-submit' : 'personal-invoke-adaptive-card-action');
      activity.conversation.tenantId = TENANT;
      activity.channelData.tenant.id = TENANT;
      activity.from.aadObjectId = 'aad-stranger'; // not an admin: a profile save must be refused
      activity.value = kind === 'submit' ? { ...data, form: 'profile' } : { action: { type: 'Action.Execute', verb, data } };
      const before = t.connector.sent.length;
      const { status, body } = await post(activity, t.connector.serviceUrl);
      expect(status).toBe(200);
      const card = kind === 'invoke' ? body?.value : (t.connector.sent[before]?.body.attachments as { content: unknown }[] | undefined)?.[0]?.content;
      expect(card).toMatchObject({ type: 'AdaptiveCard' });
      // Only a valid checklist toggle may write (it is a real tick by a member); everything else leaves storage alone.
      if (!(verb === 'checklist.toggle' && kind === 'invoke')) expect(await snapshot()).toBe(baseline);
    }), { numRuns: RUNS });
    recordStat('fuzz.payloads', RUNS);
  });

  it('raised no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });
});
