/**
 * What a person asked, from the words they typed. Matching is by keywords with small typos
 * tolerated, so "how many dayz until renewl" still finds the anniversary.
 */
import type { Catalog } from '../rules/catalog/catalog.js';
import type { CompetencyLevel } from '../rules/organization/organization.js';
import type { Question } from '../rules/questions/questions.js';
import { hasPhrase, hasWord, normalizeText, words } from './text-matching.js';
import { LRUCache } from 'lru-cache';

/** A question as the bot understood it, typed or from a button: the questions are declared in src/rules/questions/questions.ts. */
export type Intent = Question;

/**
 * @example recognizeIntent('<at>Renewal Bot</at> what are the requirements for cloud platfrom gold?', catalog)
 * // { ask: 'requirements', competencyId: 'cloud-platform', level: 'gold' }
 */
export function recognizeIntent(text: string, catalog: Catalog): Intent {
  const normalized = normalizeText(text);
  const typed = words(normalized);
  if (typed.length === 0) return { ask: 'help' };

  const personal = personalRemindersSwitch(typed);
  if (personal) return personal;
  if (hasPhrase(typed, 'reminders here') || hasPhrase(typed, 'post reminders') || hasPhrase(typed, 'remind us here')) {
    return { ask: 'reminders-here' };
  }
  // Before "we renewed": "we did not renew" must not be read as its opposite.
  if (hasPhrase(typed, 'did not renew') || hasPhrase(typed, 'didnt renew') || hasPhrase(typed, 'didn t renew') || hasPhrase(typed, 'not renewed') || hasPhrase(typed, 'we will not renew')) {
    return { ask: 'not-renewed' };
  }
  if (hasPhrase(typed, 'mark renewal done') || hasPhrase(typed, 'we renewed') || hasPhrase(typed, 'renewal done') || hasPhrase(typed, 'mark renewed')) {
    return { ask: 'mark-renewed' };
  }
  if (hasWord(typed, ['admins', 'admin', 'administrators', 'administrator'])) return { ask: 'admins' };
  if (hasWord(typed, ['checklist', 'todo', 'todos', 'tasks']) || hasPhrase(typed, 'to do')) return { ask: 'checklist' };
  // Exact "calls": with typo tolerance "call" would match, and "who do I call for support" is not about the series.
  if (typed.includes('calls') || hasWord(typed, ['events', 'webinar', 'webinars']) || hasPhrase(typed, 'call series') || hasPhrase(typed, 'attainment call')) {
    return { ask: 'calls' };
  }
  if (hasWord(typed, ['calendar', 'ics', 'ical'])) {
    return { ask: 'calendar-link', rotate: hasWord(typed, ['rotate', 'new', 'reset', 'regenerate', 'revoke']) };
  }
  const competencyId = findCompetency(typed, catalog);
  const level = findLevel(typed);
  if (hasWord(typed, ['setup', 'configure', 'profile', 'onboard']) || hasPhrase(typed, 'set up') || hasPhrase(typed, 'edit organization')) {
    return { ask: 'setup' };
  }
  if (hasWord(typed, ['requirement', 'requirements', 'require', 'required', 'blockers', 'blocker', 'need', 'competency', 'competencies']) || competencyId) {
    return { ask: 'requirements', ...(competencyId ? { competencyId } : {}), ...(level ? { level } : {}) };
  }
  if (hasWord(typed, ['contact', 'ppc']) || hasPhrase(typed, 'who can renew') || hasPhrase(typed, 'am i primary')) {
    return { ask: 'contact', aboutAsker: hasPhrase(typed, 'am i') || hasPhrase(typed, 'is it me') };
  }
  if (hasWord(typed, ['anniversary', 'renewal', 'renew', 'days', 'expire', 'expires', 'expiry', 'deadline', 'countdown']) || hasPhrase(typed, 'how long')) {
    return { ask: 'anniversary' };
  }
  if (hasWord(typed, ['support', 'sign', 'signin', 'login', 'trouble', 'problem', 'assistance']) || hasPhrase(typed, 'log in')) {
    return { ask: 'support' };
  }
  if (hasWord(typed, ['help', 'hello', 'hi', 'hey', 'start', 'commands', 'menu']) || hasPhrase(typed, 'what can you do')) {
    return { ask: 'help' };
  }
  return { ask: 'unknown', text: normalized };
}

/** "stop personal reminders", "start my personal reminders", "stop reminding me", with small typos. */
function personalRemindersSwitch(typed: readonly string[]): Intent | undefined {
  const aboutPersonal = hasPhrase(typed, 'personal reminders') || hasPhrase(typed, 'personal reminder') || hasPhrase(typed, 'reminding me') || hasPhrase(typed, 'remind me');
  if (!aboutPersonal) return undefined;
  if (hasWord(typed, ['stop', 'pause', 'disable', 'unsubscribe', 'mute']) || hasPhrase(typed, 'turn off') || hasPhrase(typed, 'no more')) return { ask: 'personal-reminders', on: false };
  if (hasWord(typed, ['start', 'resume', 'enable', 'subscribe', 'restart']) || hasPhrase(typed, 'turn on')) return { ask: 'personal-reminders', on: true };
  return undefined;
}

function findLevel(typed: readonly string[]): CompetencyLevel | undefined {
  if (hasWord(typed, ['gold'])) return 'gold';
  if (hasWord(typed, ['silver'])) return 'silver';
  return undefined;
}

/** Each competency's names, normalized once per catalog rather than once per message. */
const phrasesByCatalog = new WeakMap<Catalog, { id: string; phrase: string; length: number }[]>();

function competencyPhrases(catalog: Catalog) {
  let phrases = phrasesByCatalog.get(catalog);
  if (!phrases) {
    phrases = catalog.data.competencies.flatMap((competency) =>
      [competency.name, competency.id.replaceAll('-', ' '), ...competency.aliases].map(normalizeText).map((phrase) => ({ id: competency.id, phrase, length: phrase.split(' ').length })),
    );
    phrasesByCatalog.set(catalog, phrases);
  }
  return phrases;
}

/** The catalog competency whose name, id or an alias appears in the text; the longest match wins. */
function findCompetency(typed: readonly string[], catalog: Catalog): string | undefined {
  let best: { id: string; length: number } | undefined;
  for (const { id, phrase, length } of competencyPhrases(catalog)) {
    if ((!best || length > best.length) && hasPhrase(typed, phrase)) best = { id, length };
  }
  return best?.id;
}

/** Texts remembered (the least recently asked goes first): far more than the questions people repeat, under 1 MB. */
const TEXTS_REMEMBERED = 1_000;
/** Longer texts are matched every time: typed questions, not the bot's own phrases. */
const LONGEST_REMEMBERED_TEXT = 200;

/**
 * What a typed message asks, remembered per exact text: people repeat the same few questions, and
 * matching with typo tolerance (edit distances against every keyword, 22–45 µs) is the costliest step
 * of our own per turn. Buttons skip it (their `{ ask }` data names the question). recognizeIntent
 * depends only on the text and the catalog.
 */
export function intentMemory(catalog: Catalog): (text: string) => Intent {
  const known = new LRUCache<string, Intent>({ max: TEXTS_REMEMBERED });
  return (text) => {
    if (text.length > LONGEST_REMEMBERED_TEXT) return recognizeIntent(text, catalog);
    let intent = known.get(text);
    if (!intent) {
      intent = Object.freeze(recognizeIntent(text, catalog));
      known.set(text, intent);
    }
    return intent;
  };
}
