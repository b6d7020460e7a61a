// @vitest-environment happy-dom
/**
 * The requirements card is short: rendered by the official `adaptivecards` package in a DOM, two
 * competencies collapsed fit about one screen, and the details are there, one press away.
 * A screen: the Agents Playground's chat pane at 1280×800 shows about 36 chat lines of a card (its
 * screenshot of the two-competency card before this change measured about 2,000 px, and this count
 * gives that card, the template before issue 15, 115 lines: about 17 px a line; the card now: 27).
 */
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cards/render-card.js';
import { anniversaryView } from '../../src/rules/cycle/anniversary-view.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { requirementsView } from '../../src/rules/requirements/requirements.js';
import { makeOrganization } from '../support/organizations.js';
import { renderedLines } from './rendered-lines.js';

const ONE_SCREEN_LINES = 36;

const twoCompetencies = makeOrganization({
  competencies: [
    { id: 'cloud-platform', level: 'gold' },
    { id: 'cloud-productivity', level: 'silver' },
  ],
  customerReferences: [
    { customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-06-01' },
    { customer: 'Northwind', competency: 'cloud-platform', approvedOn: '2025-01-10' },
    { customer: 'Tailspin', competency: 'cloud-productivity', approvedOn: '2026-03-01' },
  ],
});
const card = renderCard('requirements', requirementsView(twoCompetencies, '2027-02-28', '2026-11-25', defaultCatalog())).content;

describe('the requirements card for two competencies, rendered by the adaptivecards package', () => {
  it('fits about one screen as sent, details collapsed', () => {
    expect(renderedLines(card)).toBeLessThanOrEqual(ONE_SCREEN_LINES);
  });

  it('holds its details behind the toggles: shown, the card is more than three times as tall', () => {
    expect(renderedLines(card, { expanded: true })).toBeGreaterThan(3 * renderedLines(card));
  });
});

it('the measure counts what a person sees: a card that shows everything is as tall expanded as collapsed', () => {
  const anniversary = renderCard('anniversary', anniversaryView(twoCompetencies, '2026-12-30')).content;
  expect(renderedLines(anniversary)).toBe(renderedLines(anniversary, { expanded: true }));
  expect(renderedLines(anniversary)).toBeGreaterThan(15);
});
