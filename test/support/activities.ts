/**
 * Activities shaped exactly as a Teams client sends them (the captured fixtures), with the ids,
 * service URL and text a test needs put in.
 */
import { readFileSync } from 'node:fs';

export type FixtureName =
  | 'channel-card-submit'
  | 'channel-message-with-mention'
  | 'group-conversation-update'
  | 'group-installation-add'
  | 'group-message-with-mention'
  | 'personal-card-submit'
  | 'personal-conversation-update'
  | 'personal-installation-add'
  | 'personal-invoke-adaptive-card-action'
  | 'personal-message'
  | 'team-conversation-update-bot-added'
  | 'team-installation-add';

export type Activity = Record<string, any>;

const cache = new Map<FixtureName, string>();

export function loadFixture(name: FixtureName): Activity {
  let text = cache.get(name);
  if (!text) {
    text = readFileSync(new URL(`../fixtures/teams-activities/${name}.json`, import.meta.url), 'utf8');
    cache.set(name, text);
  }
  return JSON.parse(text) as Activity;
}

export interface ActivityOptions {
  serviceUrl: string;
  tenantId?: string;
  text?: string;
  aadObjectId?: string;
  /** The Teams user id (from.id), for tests that tell people apart as Teams does (its member lookups). */
  userId?: string;
  userName?: string;
  value?: unknown;
}

/** A fixture with the test's tenant (in both places Teams puts it), user, text and connector. */
export function makeActivity(name: FixtureName, options: ActivityOptions): Activity {
  const activity = loadFixture(name);
  activity.serviceUrl = options.serviceUrl;
  activity.id = `${name}-${Math.random().toString(36).slice(2)}`;
  if (options.tenantId !== undefined) {
    activity.conversation.tenantId = options.tenantId;
    activity.channelData = { ...activity.channelData, tenant: { id: options.tenantId } };
  }
  if (options.aadObjectId !== undefined) activity.from.aadObjectId = options.aadObjectId;
  if (options.userId !== undefined) activity.from.id = options.userId;
  if (options.userName !== undefined) activity.from.name = options.userName;
  if (options.text !== undefined) {
    const mention = (activity.entities as Activity[] | undefined)?.find((entity) => entity.type === 'mention');
    activity.text = mention ? `${mention.text} ${options.text}` : options.text;
  }
  if (options.value !== undefined) activity.value = options.value;
  return activity;
}

/** The three places people talk to the bot, with a message fixture for each. */
export const MESSAGE_SCOPES = [
  { scope: 'personal', fixture: 'personal-message' },
  { scope: 'group chat', fixture: 'group-message-with-mention' },
  { scope: 'channel', fixture: 'channel-message-with-mention' },
] as const satisfies readonly { scope: string; fixture: FixtureName }[];
