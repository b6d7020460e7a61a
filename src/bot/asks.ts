/**
 * Question buttons submit `{ ask: … }` (src/rules/suggestions.ts). Validated here, each becomes the
 * intent its typed question has, so the same handler answers it; anything else is refused with a card
 * saying so, before any handler runs.
 */
import { z } from 'zod';
import { EVIDENCE_LISTS } from '../rules/evidence-lists.js';
import { CompetencyLevelSchema, PlainDateSchema } from '../rules/organization.js';
import { anchorOf, PageIndexSchema } from '../rules/paging.js';
import { ListStartsSchema } from '../rules/profile-form-lists.js';
import type { Ask } from '../rules/suggestions.js';
import { AppError } from './app-error.js';
import type { Intent } from './intents.js';

const plain = <K extends string>(ask: K) => z.object({ ask: z.literal(ask) });

const AskSchema = z.discriminatedUnion('ask', [
  plain('help'),
  z.object({ ask: z.literal('setup'), field: z.literal('anniversary').optional(), lines: ListStartsSchema.optional() }),
  plain('anniversary'),
  z.object({ ask: z.literal('requirements'), competencyId: z.string().trim().min(1).max(200).optional(), level: CompetencyLevelSchema.optional() }),
  z.object({ ask: z.literal('evidence'), competencyId: z.string().trim().min(1).max(200), list: z.enum(EVIDENCE_LISTS), from: PageIndexSchema.optional(), until: PageIndexSchema.optional() }),
  plain('contact'),
  plain('support'),
  z.object({ ask: z.literal('mark-renewed'), cycle: PlainDateSchema.optional() }),
  z.object({ ask: z.literal('not-renewed'), cycle: PlainDateSchema.optional() }),
  plain('checklist'),
  plain('calls'),
  z.object({ ask: z.literal('calendar-link'), rotate: z.boolean().optional() }),
  z.object({ ask: z.literal('personal-reminders'), on: z.boolean() }),
  plain('admins'),
]) satisfies z.ZodType<Ask>;

/** True when submitted card data is a question button's (it names an `ask`), valid or not. */
export function isAskData(data: Record<string, unknown>): boolean {
  return 'ask' in data;
}

/**
 * @example intentOfAsk({ ask: 'requirements', competencyId: 'cloud-platform', level: 'gold' })
 * // { kind: 'requirements', competencyId: 'cloud-platform', level: 'gold' }
 */
export function intentOfAsk(data: Record<string, unknown>): Intent {
  const parsed = AskSchema.safeParse(data);
  if (!parsed.success) throw new AppError('ask.unknown', { ask: String(data.ask).slice(0, 40) });
  const ask = parsed.data;
  switch (ask.ask) {
    case 'requirements':
      return { kind: 'requirements', ...(ask.competencyId ? { competencyId: ask.competencyId } : {}), ...(ask.level ? { level: ask.level } : {}) };
    case 'evidence':
      return { kind: 'evidence', competencyId: ask.competencyId, list: ask.list, anchor: anchorOf(ask) };
    case 'contact':
      return { kind: 'contact', aboutAsker: false };
    case 'calendar-link':
      return { kind: 'calendar-link', rotate: ask.rotate === true };
    case 'personal-reminders':
      return { kind: 'personal-reminders', on: ask.on };
    case 'setup':
      return { kind: 'setup', ...(ask.field ? { field: ask.field } : {}), ...(ask.lines ? { lines: ask.lines } : {}) };
    case 'mark-renewed':
    case 'not-renewed':
      return ask.cycle ? { kind: ask.ask, cycle: ask.cycle } : { kind: ask.ask };
    default:
      return { kind: ask.ask };
  }
}
