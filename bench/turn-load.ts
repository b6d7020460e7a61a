/**
 * The turn load: organizations to seed, and Teams personal-chat messages built from the captured
 * fixture, rotating over conversations, tenants and the two questions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchOrganization, openBenchStorage } from './seed.js';
import { ROOT } from './processes.js';

export const QUESTIONS = ['when is our anniversary', 'what are the requirements'] as const;

export const turnTenantOf = (index: number) => `0000be0c-0000-4000-8000-${String(index).padStart(12, '0')}`;

/** Seeds `count` organizations through Storage (the same path as the CLI import), anniversaries spread over the year. */
export async function seedTurnOrganizations(dataDir: string, count: number): Promise<void> {
  const { storage } = await openBenchStorage({ dataDir });
  try {
    const today = new Date();
    const organizations = Array.from({ length: count }, (_, index) => {
      const anniversary = new Date(today.getTime() + (20 + index * 7) * 86_400_000).toISOString().slice(0, 10);
      return benchOrganization(turnTenantOf(index), `Partner ${index} Ltd`, { anniversaryDate: anniversary, timeZone: index % 2 ? 'Europe/Berlin' : 'America/New_York' });
    });
    await storage.upsertOrganizations(organizations);
  } finally {
    await storage.close();
  }
}

type Activity = Record<string, any>;

function fixture(): Activity {
  return JSON.parse(readFileSync(join(ROOT, 'test/fixtures/teams-activities/personal-message.json'), 'utf8')) as Activity;
}

/** One personal-chat message as Teams sends it, for user/conversation `conversation` in `tenantId`. */
export function messageBody(options: { serviceUrl: string; tenantId: string; conversation: number; text: string; id: string }): string {
  const activity = fixture();
  activity.id = options.id;
  activity.text = options.text;
  activity.serviceUrl = options.serviceUrl;
  activity.timestamp = new Date().toISOString();
  activity.from = { ...activity.from, id: `29:bench-user-${options.conversation}`, aadObjectId: `0000a11d-0000-4000-8000-${String(options.conversation).padStart(12, '0')}` };
  activity.conversation = { ...activity.conversation, id: `a:bench-${options.conversation}-${options.tenantId}`, tenantId: options.tenantId };
  activity.channelData = { ...activity.channelData, tenant: { id: options.tenantId } };
  return JSON.stringify(activity);
}

/**
 * Per connection (a closed loop each): its requests, cycling over every organization and both
 * questions, starting at a different organization per connection.
 */
export function requestsPerConnection(serviceUrl: string, connections: number, organizations: number): string[][] {
  return Array.from({ length: connections }, (_, connection) =>
    Array.from({ length: organizations * QUESTIONS.length }, (_, step) => {
      const tenantId = turnTenantOf((connection + Math.floor(step / QUESTIONS.length)) % organizations);
      const text = QUESTIONS[(step + connection) % QUESTIONS.length] as string;
      return messageBody({ serviceUrl, tenantId, conversation: connection, text, id: `bench-${connection}-${step}` });
    }),
  );
}
