/**
 * Turns a view model into a Teams attachment by expanding the matching template in `<project>/cards/`.
 * Templates are read and compiled once (expression parsing is the costly part); `loadCardTemplates()`
 * lets the server do that at boot so a broken template fails the start, not a user's first message.
 *
 * @example renderCard('error', { title: 'Something went wrong', message: 'Try again.', code: 'internal' })
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';

// CommonJS package: under NodeNext its default import is `module.exports`; named imports are not typed.
import type ACData from 'adaptivecards-templating';
import { compileTemplate } from './compile-template.js';
import type { AdminsView } from '../rules/people/admins-view.js';
import type { CalendarLinkView } from '../rules/calendar/link-view.js';
import type { CallSeriesView } from '../rules/calendar/call-series.js';
import type { MessageNoteView } from '../rules/reminders/message-updates.js';
import type { WelcomeView } from '../rules/help/welcome.js';
import type { SupportView } from '../rules/help/support.js';
import type { SetupFormView } from '../rules/setup/profile-form.js';
import type { RequirementsView } from '../rules/requirements/requirements.js';
import type { ReminderView } from '../rules/reminders/view.js';
import type { ProfileSavedView } from '../rules/setup/profile-saved.js';
import type { NoticeView } from '../rules/questions/notice-view.js';
import type { EvidenceListView } from '../rules/requirements/evidence-lists.js';
import type { ErrorView } from '../rules/help/error-view.js';
import type { ContactView } from '../rules/people/contact.js';
import type { ChecklistView } from '../rules/checklist/checklist.js';
import type { AnniversaryView } from '../rules/cycle/anniversary-view.js';

type CompiledTemplate = InstanceType<typeof ACData.Template>;

/**
 * adaptivecards-templating (with adaptive-expressions, about 20 MB of heap and code) is loaded only
 * when a template falls outside the compiled subset, or for the reference rendering the tests compare
 * against: with every card compiled, a running bot never loads it.
 */
let libraryTemplate: typeof ACData.Template | undefined;
function parseWithLibrary(json: AdaptiveCardJson): CompiledTemplate {
  libraryTemplate ??= (createRequire(import.meta.url)('adaptivecards-templating') as typeof ACData).Template;
  return new libraryTemplate(json);
}

/** A card, typed by the view model its template binds (the value carries nothing at run time). */
interface Card<View> {
  readonly view?: View;
}
const card = <View>(): Card<View> => ({});

/** Every card, once, with the view model it binds; the card name is also the template's file name without `.json`. */
const CARDS = {
  welcome: card<WelcomeView>(),
  anniversary: card<AnniversaryView>(),
  requirements: card<RequirementsView>(),
  /** A page of one competency's references or certified people. */
  'evidence-list': card<EvidenceListView>(),
  contact: card<ContactView>(),
  support: card<SupportView>(),
  'setup-form': card<SetupFormView>(),
  'profile-saved': card<ProfileSavedView>(),
  error: card<ErrorView>(),
  /** In the team channel, or in the Primary Program Contact's 1:1 chat. */
  reminder: card<ReminderView>(),
  notice: card<NoticeView>(),
  checklist: card<ChecklistView>(),
  calls: card<CallSeriesView>(),
  'calendar-link': card<CalendarLinkView>(),
  /** The one line a superseded or recorded reminder is updated to. */
  'message-note': card<MessageNoteView>(),
  admins: card<AdminsView>(),
};
export type CardName = keyof typeof CARDS;
/** Which view model each card binds. */
export type CardViews = { [K in CardName]: (typeof CARDS)[K] extends Card<infer View> ? View : never };
export const cardNames = Object.keys(CARDS) as readonly CardName[];

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  body?: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCardJson;
}

/** The templates as read; the library's parsed form of one is made when first needed. */
let sources: Map<CardName, AdaptiveCardJson> | undefined;
const compiled = new Map<CardName, CompiledTemplate>();
/** Templates compiled to plain functions (see compile-template.ts); cards outside its subset use the library. */
const fast = new Map<CardName, (root: unknown) => unknown>();

/**
 * Reads and compiles every template; throws an error naming the file when one is missing or broken.
 * A template the compiler takes is checked by it (it parses every `${...}`); any other goes through
 * the library's parser here, so a syntax error fails the start either way.
 */
export function loadCardTemplates(): void {
  if (sources) return;
  const directory = cardsDirectory();
  const read = new Map<CardName, AdaptiveCardJson>();
  for (const name of cardNames) {
    const file = join(directory, `${name}.json`);
    try {
      const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!isAdaptiveCard(json)) throw new Error('not an AdaptiveCard object with a version');
      read.set(name, json);
      const compiledFunction = compileTemplate(json);
      if (compiledFunction) fast.set(name, compiledFunction);
      else compiled.set(name, parseWithLibrary(json));
    } catch (error) {
      throw new Error(`card template ${file} is invalid: ${(error as Error).message}`, { cause: error });
    }
  }
  sources = read;
}

/** The library's parsed template for `name`, made on first use. */
function libraryTemplateOf(name: CardName): CompiledTemplate {
  let template = compiled.get(name);
  if (!template) {
    const json = sources?.get(name);
    if (!json) throw new Error(`no card template named ${name}`);
    template = parseWithLibrary(json);
    compiled.set(name, template);
  }
  return template;
}

/**
 * Teams refuses a message over 28 KB (28,672 B, the activity with its envelope): a card's own JSON
 * stays under this, leaving room for the envelope (ids, service URL, names: under 2 KB).
 */
export const CARD_BYTES_BUDGET = 26 * 1024;

/** The size of a card's JSON as it goes out, in bytes. */
export function cardBytes(card: CardAttachment): number {
  return Buffer.byteLength(JSON.stringify(card.content), 'utf8');
}

export function renderCard<K extends CardName>(name: K, view: CardViews[K]): CardAttachment {
  loadCardTemplates();
  const expand = fast.get(name);
  const content = (expand ? expand(view) : libraryTemplateOf(name).expand({ $root: view })) as AdaptiveCardJson;
  return { contentType: 'application/vnd.microsoft.card.adaptive', content };
}

/** The same card expanded by adaptivecards-templating itself: the reference the compiled form must equal. */
export function renderCardWithLibrary<K extends CardName>(name: K, view: CardViews[K]): CardAttachment {
  loadCardTemplates();
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: libraryTemplateOf(name).expand({ $root: view }) as AdaptiveCardJson };
}

/** Cards that render through the compiled form (all of them, unless a template leaves its subset). */
export function compiledCardNames(): CardName[] {
  loadCardTemplates();
  return [...fast.keys()];
}

/** `<project root>/cards/`: a fixed relative URL would break after tsc (dist/src/cards/../../cards is dist/cards). */
function cardsDirectory(): string {
  const directory = join(PROJECT_ROOT, 'cards');
  if (!existsSync(directory)) throw new Error(`card templates not found: no cards/ in ${PROJECT_ROOT}`);
  return directory;
}

function isAdaptiveCard(json: unknown): json is AdaptiveCardJson {
  if (typeof json !== 'object' || json === null) return false;
  const card = json as Record<string, unknown>;
  return card.type === 'AdaptiveCard' && typeof card.version === 'string';
}
