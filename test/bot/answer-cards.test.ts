/**
 * The anniversary and requirements answers are kept between turns (src/bot/answer-cards.ts): these
 * check that nobody ever gets a kept card that no longer holds, or that was made for another tenant.
 * Days and the 90-day window: domain guide, "The renewal window opens **90 days** before the anniversary".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CONTOSO = '00000000-0000-0000-0000-00000000c001';
const FABRIKAM = '00000000-0000-0000-0000-00000000f002';

describe('kept answers', () => {
  let t: TestApp;
  beforeEach(async () => {
    // 2026-11-30 is 90 days before 2027-02-28 and 62 days before 2027-01-31.
    t = await startTestApp({ now: '2026-11-30T10:00:00Z' });
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: CONTOSO, name: 'Contoso Ltd', anniversaryDate: '2027-02-28' }));
    await t.app.storage.saveOrganization(
      makeOrganization({ tenantId: FABRIKAM, name: 'Fabrikam Inc', anniversaryDate: '2027-01-31', competencies: [{ id: 'cloud-productivity', level: 'gold' }], customerReferences: [] }),
    );
  });
  afterEach(() => t.stop());

  const ask = async (tenantId: string, text: string) => {
    const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId, text }));
    expect(cards).toHaveLength(1);
    return cardText({ content: cards[0] });
  };

  it('shows a changed profile at once', async () => {
    expect(await ask(CONTOSO, 'when is our anniversary')).toContain('February 28, 2027');
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: CONTOSO, name: 'Contoso Ltd', anniversaryDate: '2027-03-31' }));
    const text = await ask(CONTOSO, 'when is our anniversary');
    expect(text).toContain('March 31, 2027');
    expect(text).not.toContain('February 28, 2027');

    expect(await ask(CONTOSO, 'what are the requirements')).toContain('Cloud Platform');
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: CONTOSO, name: 'Contoso Ltd', anniversaryDate: '2027-03-31', competencies: [{ id: 'cloud-productivity', level: 'gold' }] }));
    const requirements = await ask(CONTOSO, 'what are the requirements');
    expect(requirements).toContain('Cloud Productivity');
    expect(requirements).not.toContain('Cloud Platform');
  });

  it('counts down again the next day', async () => {
    expect(await ask(CONTOSO, 'how many days until renewal')).toContain('90 days left');
    t.setNow('2026-12-01T10:00:00Z');
    expect(await ask(CONTOSO, 'how many days until renewal')).toContain('89 days left');
  });

  it('never gives one tenant the card of another, asked in turn with the same words', async () => {
    for (let round = 0; round < 3; round++) {
      const contoso = await ask(CONTOSO, 'when is our anniversary');
      const fabrikam = await ask(FABRIKAM, 'when is our anniversary');
      expect(contoso).toContain('Contoso Ltd');
      expect(contoso).toContain('February 28, 2027');
      expect(contoso).not.toContain('Fabrikam Inc');
      expect(fabrikam).toContain('Fabrikam Inc');
      expect(fabrikam).toContain('January 31, 2027');
      expect(fabrikam).not.toContain('Contoso Ltd');

      expect(await ask(CONTOSO, 'what are the requirements')).toContain('Cloud Platform');
      const fabrikamRequirements = await ask(FABRIKAM, 'what are the requirements');
      expect(fabrikamRequirements).toContain('Cloud Productivity');
      expect(fabrikamRequirements).not.toContain('Cloud Platform');
    }
  });

  it('keeps the question apart: a competency asked about gets its own card', async () => {
    const all = await ask(CONTOSO, 'what are the requirements');
    const gold = await ask(CONTOSO, 'requirements for cloud platform gold');
    expect(gold).toContain('Gold');
    expect(all).toContain('Cloud Platform');
  });
});
