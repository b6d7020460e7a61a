/** Understanding what people type, including case, punctuation, mentions and small typos. */
import { describe, expect, it } from 'vitest';
import { recognizeIntent } from '../../src/bot/intents.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';

const catalog = defaultCatalog();
const kind = (text: string) => recognizeIntent(text, catalog).ask;

describe('recognizeIntent', () => {
  it.each([
    ['when is our anniversary', 'anniversary'],
    ['When is our ANNIVERSARY???', 'anniversary'],
    ['how many days until renewal', 'anniversary'],
    ['how many dayz untill renewl', 'anniversary'],
    ['<at>Renewal Bot</at> aniversary', 'anniversary'],
    ['requirements', 'requirements'],
    ['requirments', 'requirements'],
    ['what are the requirements for cloud platform gold', 'requirements'],
    ['who is our program contact', 'contact'],
    ['am I the primary contact', 'contact'],
    ['who is our PPC?', 'contact'],
    ['how do I get support', 'support'],
    ['I cannot sign in', 'support'],
    ['help', 'help'],
    ['', 'help'],
    ['hi', 'help'],
    ['setup', 'setup'],
    ['set up', 'setup'],
    ['edit profile', 'setup'],
    ['what is the weather', 'unknown'],
    ['mark renewal done', 'mark-renewed'],
    ['we renewed', 'mark-renewed'],
    ['we did not renew', 'not-renewed'],
    ["We didn't renew this year", 'not-renewed'],
    ['our membership was not renewed', 'not-renewed'],
    ['admins', 'admins'],
    ['<at>Renewal Bot</at> manage admins', 'admins'],
    ['who are our admins?', 'admins'],
    ['add an admin', 'admins'],
    ['admnis', 'admins'],
  ])('reads "%s" as %s', (text, expected) => {
    expect(kind(text)).toBe(expected);
  });

  it.each([
    ['requirements for cloud platform gold', 'cloud-platform', 'gold'],
    ['what does Cloud Platfrom GOLD need?', 'cloud-platform', 'gold'],
    ['requirements azure silver', 'cloud-platform', 'silver'],
    ['requirements for cloud crm', 'cloud-crm', undefined],
    ['enterprise mobilty management requirements', 'enterprise-mobility-management', undefined],
    ['requirements small and midmarket cloud solutions', 'small-midmarket-cloud-solutions', undefined],
    ['cloud productivity', 'cloud-productivity', undefined],
  ])('finds the competency and level in "%s"', (text, competencyId, level) => {
    expect(recognizeIntent(text, catalog)).toEqual({ ask: 'requirements', competencyId, ...(level ? { level } : {}) });
  });

  it.each([
    ['stop personal reminders', false],
    ['Stop my personal reminders please', false],
    ['stop personl remiders', false],
    ['stop reminding me', false],
    ['turn off personal reminders', false],
    ['start personal reminders', true],
    ['resume personal reminders', true],
    ['<at>Renewal Bot</at> start personal reminders', true],
  ])('reads "%s" as switching personal reminders (on: %s)', (text, on) => {
    expect(recognizeIntent(text, catalog)).toEqual({ ask: 'personal-reminders', on });
  });

  it('leaves other reminder phrases to their own intents', () => {
    expect(kind('post reminders here')).toBe('reminders-here');
    expect(kind('personal reminders')).toBe('unknown');
    expect(kind('remind me when is our anniversary')).toBe('anniversary');
  });

  it('keeps what was not understood, without the mention, for the help card', () => {
    expect(recognizeIntent('<at>Renewal Bot</at> Order pizza!', catalog)).toEqual({ ask: 'unknown', text: 'order pizza' });
  });
});
