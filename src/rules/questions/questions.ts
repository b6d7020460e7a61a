/**
 * The questions the bot answers, declared once: each with its parameters. A typed question is read
 * into one of these (src/bot/intents.ts), and a question button submits one as its data, `{ ask: … }`
 * (questions/suggestions.ts), so both reach the same handler. A new question is an entry here, its words in
 * src/bot/intents.ts, its handler in the route table (src/bot/routes.ts), its view and its template.
 */
import { z } from 'zod';
import { EVIDENCE_LISTS, ListStartsSchema } from './parameters.js';
import { CompetencyLevelSchema, PlainDateSchema } from '../organization/organization.js';
import { PageIndexSchema } from '../common/paging.js';

const plain = <K extends string>(ask: K) => z.object({ ask: z.literal(ask) });

/**
 * The questions a button may ask; what else a button sends is refused (it may come from an older card).
 * `contact` differs: a button asks who the contact is, only a typed question whether it is the asker.
 */
const askable = <Contact extends z.ZodObject<{ ask: z.ZodLiteral<'contact'> }>>(contact: Contact) => [
  plain('help'),
  /**
   * `field: 'anniversary'`: the form opens saying to correct the anniversary date ("The date changed");
   * `lines`: a long profile's lists shown from these lines on (its buttons to other lines).
   */
  z.object({ ask: z.literal('setup'), field: z.literal('anniversary').optional(), lines: ListStartsSchema.optional() }),
  plain('anniversary'),
  z.object({ ask: z.literal('requirements'), competencyId: z.string().trim().min(1).max(200).optional(), level: CompetencyLevelSchema.optional() }),
  /** One list of a competency's evidence in full, a page at a time: from item `from`, or going back until item `until` (common/paging.ts anchorOf). */
  z.object({ ask: z.literal('evidence'), competencyId: z.string().trim().min(1).max(200), list: z.enum(EVIDENCE_LISTS), from: PageIndexSchema.optional(), until: PageIndexSchema.optional() }),
  contact,
  plain('support'),
  /** The renewal of the cycle of `cycle` (its anniversary) happened ("We renewed"); without one, the cycle the card shows now. */
  z.object({ ask: z.literal('mark-renewed'), cycle: PlainDateSchema.optional() }),
  /** The renewal of the cycle of `cycle` did not happen ("We did not renew"): its reminders stop until a new anniversary. */
  z.object({ ask: z.literal('not-renewed'), cycle: PlainDateSchema.optional() }),
  plain('checklist'),
  plain('calls'),
  z.object({ ask: z.literal('calendar-link'), rotate: z.boolean().optional() }),
  /** "stop personal reminders" (on: false) / "start personal reminders" (on: true). */
  z.object({ ask: z.literal('personal-reminders'), on: z.boolean() }),
  /** "admins", "manage admins", "who are the admins". */
  plain('admins'),
] as const;

/** `aboutAsker`: "am I the primary contact?", typed only (a button's `aboutAsker` is dropped, as any unknown field). */
const TYPED_CONTACT = z.object({ ask: z.literal('contact'), aboutAsker: z.boolean().optional() });

/** Only ever typed: no card offers them as buttons. */
const TYPED_ONLY = [
  plain('reminders-here'),
  /** Not understood: the text, normalized, for the help card. */
  z.object({ ask: z.literal('unknown'), text: z.string() }),
] as const;

/** What a question button may submit; validated when one is pressed. */
export const AskSchema = z.discriminatedUnion('ask', askable(plain('contact')));
export type Ask = z.infer<typeof AskSchema>;

/** Every question, typed or asked by a button. */
const QuestionSchema = z.discriminatedUnion('ask', [...askable(TYPED_CONTACT), ...TYPED_ONLY]);
export type Question = z.infer<typeof QuestionSchema>;
