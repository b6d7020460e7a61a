/**
 * The per-process memory in front of storage.rememberServiceUrl: storage is asked when a tenant's URL
 * changes, and again after a while even when it has not (another instance may have moved the target).
 */
import { describe, expect, it } from 'vitest';
import { RECHECK_AFTER_MS, serviceUrlMemory } from '../../src/bot/service-url-memory.js';

function recording(failFirst = false) {
  const asked: string[] = [];
  let fail = failFirst;
  const remember = async (tenantId: string, serviceUrl: string) => {
    asked.push(`${tenantId} ${serviceUrl}`);
    if (fail) {
      fail = false;
      throw new Error('storage down');
    }
  };
  return { asked, remember };
}

describe('service URL memory', () => {
  it('asks storage once per tenant and URL, again when the URL changes and when it changes back', async () => {
    const { asked, remember } = recording();
    const rememberServiceUrl = serviceUrlMemory(remember, () => 0);
    for (const url of ['https://a/', 'https://a/', 'https://b/', 'https://b/', 'https://a/']) await rememberServiceUrl('t1', url);
    await rememberServiceUrl('t2', 'https://a/');
    expect(asked).toEqual(['t1 https://a/', 't1 https://b/', 't1 https://a/', 't2 https://a/']);
  });

  it('asks again after a while even when nothing changed here', async () => {
    const { asked, remember } = recording();
    let now = 0;
    const rememberServiceUrl = serviceUrlMemory(remember, () => now);
    await rememberServiceUrl('t1', 'https://a/');
    now = RECHECK_AFTER_MS - 1;
    await rememberServiceUrl('t1', 'https://a/');
    now = RECHECK_AFTER_MS + 1;
    await rememberServiceUrl('t1', 'https://a/');
    expect(asked).toEqual(['t1 https://a/', 't1 https://a/']);
  });

  it('does not count a failed write as done', async () => {
    const { asked, remember } = recording(true);
    const rememberServiceUrl = serviceUrlMemory(remember, () => 0);
    await expect(rememberServiceUrl('t1', 'https://a/')).rejects.toThrow('storage down');
    await rememberServiceUrl('t1', 'https://a/');
    expect(asked).toEqual(['t1 https://a/', 't1 https://a/']);
  });
});
