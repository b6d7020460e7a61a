/**
 * A realistic call series view for card tests: read in Berlin on 2016-02-03 at 19:00 local time,
 * while the third call is on (two past, one happening now, two upcoming).
 */
import { callSeriesView, defaultCallSchedule, type CallSeriesView } from '../../src/rules/calendar/call-series.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';

export const callsView: CallSeriesView = callSeriesView({
  schedule: defaultCallSchedule(),
  now: new Date('2016-02-03T18:00:00Z'),
  readerZone: 'Europe/Berlin',
  organizationZone: 'Asia/Tokyo',
  publicUrl: 'https://renewal-bot.example',
  catalog: defaultCatalog(),
});

/** Every call over, times in UTC because nothing better was known: the other end of the card. */
export const callsAllPastView: CallSeriesView = callSeriesView({
  schedule: defaultCallSchedule(),
  now: new Date('2026-11-25T12:00:00Z'),
  publicUrl: 'https://renewal-bot.example',
});
