/** Which posted reminder a newer one supersedes, and the one-liners they become. */
import { describe, expect, it } from 'vitest';
import { recordedView, supersededView, supersedes } from '../../src/rules/reminders/message-updates.js';

describe('which reminder a newer one supersedes', () => {
  it('takes the phase reminders as one topic: two weeks supersedes window open, expired supersedes both', () => {
    expect(supersedes({ kind: 'two-weeks', subject: '' }, { kind: 'window-open', subject: '' })).toBe(true);
    expect(supersedes({ kind: 'expired', subject: '' }, { kind: 'two-weeks', subject: '' })).toBe(true);
  });

  it('keeps a reference or a competency its own topic', () => {
    expect(supersedes({ kind: 'two-weeks', subject: '' }, { kind: 'reference-expiring', subject: 'fabrikam|cloud-platform' })).toBe(false);
    expect(supersedes({ kind: 'reference-expiring', subject: 'northwind|cloud-platform' }, { kind: 'reference-expiring', subject: 'fabrikam|cloud-platform' })).toBe(false);
    expect(supersedes({ kind: 'requirements-changed', subject: 'cloud-platform|change-2' }, { kind: 'requirements-changed', subject: 'cloud-platform|change-1' })).toBe(true);
    expect(supersedes({ kind: 'requirements-changed', subject: 'data-analytics|change-1' }, { kind: 'requirements-changed', subject: 'cloud-platform|change-1' })).toBe(false);
  });
});

describe('the one-liners', () => {
  it('names both reminders and their days', () => {
    expect(supersededView({ kind: 'reference-expiring', subject: 'x' }, '2026-11-12', { kind: 'reference-expiring', subject: 'x' }, '2027-01-02').text).toBe(
      'Superseded: the reminder of November 12, 2026 (a customer reference expires) is replaced by the one of January 2, 2027 below (a customer reference expires).',
    );
  });

  it('shows who recorded the renewal as typed, never as Markdown', () => {
    expect(recordedView({ anniversary: '2028-02-29', byName: '**Megan** [x](https://evil.example)', on: '2028-02-01' }).text).toBe(
      'Renewal recorded: \\*\\*Megan\\*\\* \\[x\\](https://evil.example) marked the renewal for the February 29, 2028 anniversary done on February 1, 2028. Reminders now follow the next anniversary.',
    );
  });
});
