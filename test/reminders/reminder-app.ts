/** A test app tuned for reminder tests: fast retries, short timeouts, the org installed in a team. */
import { elements } from '../cards/card-inspection.js';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import type { SentActivity } from '../support/fake-connector.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { Organization } from '../../src/rules/organization/organization.js';

export const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';

export const FAST_REMINDERS = {
  REMINDER_RETRY_BASE_MS: '10',
  REMINDER_RETRY_CAP_MS: '40',
  REMINDER_SEND_TIMEOUT_MS: '300',
  REMINDER_MAX_RETRY_AFTER_SECONDS: '5',
};

export async function startReminderApp(options: { now: string; org?: Partial<Organization>; env?: Record<string, string> }): Promise<TestApp> {
  const t = await startTestApp({ now: options.now, env: { ...FAST_REMINDERS, ...options.env } });
  await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, anniversaryDate: '2027-02-28', timeZone: 'Europe/Berlin', customerReferences: [], ...options.org }));
  await installInTeam(t);
  return t;
}

export async function installInTeam(t: TestApp, action: 'add' | 'remove' = 'add'): Promise<void> {
  const activity = makeActivity('team-installation-add', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT });
  activity.action = action;
  const { status } = await t.post(activity);
  if (status !== 200) throw new Error(`install answered ${status}`);
  t.connector.reset();
}

/** The channel the install puts reminders in (the team's General channel, whose id is the team id). */
export const CHANNEL = 'team-id';

/** What the connector received in the reminder channel (not the contact's 1:1 chat or lookups). */
export function channelPosts(t: TestApp): SentActivity[] {
  return t.connector.sent.filter((sent) => sent.method === 'POST' && sent.conversationId === CHANNEL && sent.path.includes('/activities'));
}

/** The reminder cards posted in the channel, as their titles. */
export function postedTitles(t: TestApp): string[] {
  return channelPosts(t).map(titleOf);
}

/** A card's title: the card's one large text (in the coloured band at its top). */
export function titleOf(sent: SentActivity): string {
  const card = (sent.body.attachments as { content: unknown }[] | undefined)?.[0]?.content;
  const title = card ? elements(card).find((element) => element.type === 'TextBlock' && element.size === 'Large') : undefined;
  return typeof title?.text === 'string' ? title.text : '(no card)';
}
