/**
 * The command lists in the template: one per scope, within the limits Teams shows well, and
 * each a question the bot understands.
 */
import { describe, expect, it } from 'vitest';
import { recognizeIntent } from '../../src/bot/intents.js';
import { MANIFEST_SCHEMA_URL, MANIFEST_VERSION } from '../../src/package/validate-manifest.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { readTemplate } from './helpers.js';

const template = readTemplate();
const bot = template.bots[0];
const lists = bot.commandLists as { scopes: string[]; commands: { title: string; description: string }[] }[];
const commands = lists.flatMap((list) => list.commands.map((command) => ({ scope: list.scopes.join(','), ...command })));

describe('manifest template', () => {
  it('declares the schema version it is validated against', () => {
    expect(template.$schema).toBe(MANIFEST_SCHEMA_URL);
    expect(template.manifestVersion).toBe(MANIFEST_VERSION);
  });

  it('offers the bot in personal, team and group chat scopes, with one command list each', () => {
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(lists.map((list) => list.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
  });

  // The schema allows more since v1.24 (12 commands, 128-character titles); the older limits
  // keep the command menu readable in every client.
  it.each(lists.map((list) => [list.scopes[0], list] as const))('keeps the %s list within 10 commands, titles of 32 and descriptions of 128 characters', (_scope, list) => {
    expect(list.commands.length).toBeLessThanOrEqual(10);
    for (const command of list.commands) {
      expect(command.title.length, command.title).toBeLessThanOrEqual(32);
      expect(command.description.length, command.title).toBeLessThanOrEqual(128);
    }
  });

  it('offers "post reminders here" in teams only', () => {
    const scopesOf = (title: string) => commands.filter((command) => command.title === title).map((command) => command.scope);
    expect(scopesOf('post reminders here')).toEqual(['team']);
  });

  it.each(commands.map((command) => [command.scope, command.title]))('%s: the bot understands "%s"', (_scope, title) => {
    expect(recognizeIntent(title, defaultCatalog()).ask).not.toBe('unknown');
  });
});
