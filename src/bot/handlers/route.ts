/**
 * The shape of a handler: what the person asked (an intent, or a card action's data), the turn, and
 * the organization when it has one. Handlers that need an organization are OrganizationRoutes: the
 * dispatcher answers "not set up yet" for them, once, when there is none.
 */
import type { CardAttachment } from '../../cards/render-card.js';
import type { Organization } from '../../rules/organization/organization.js';
import type { Intent } from '../intents.js';
import type { Turn } from '../turn.js';

export type IntentOf<K extends Intent['ask']> = Extract<Intent, { ask: K }>;

export type Route<K extends Intent['ask']> = (intent: IntentOf<K>, turn: Turn, org: Organization | undefined) => Promise<CardAttachment>;
export type OrganizationRoute<K extends Intent['ask']> = (intent: IntentOf<K>, turn: Turn, org: Organization) => Promise<CardAttachment>;

/** A card action (Action.Execute verb, or the same data from Action.Submit). */
export type ActionRoute = (data: Record<string, unknown>, turn: Turn, org: Organization | undefined) => Promise<CardAttachment>;
export type OrganizationActionRoute = (data: Record<string, unknown>, turn: Turn, org: Organization) => Promise<CardAttachment>;
