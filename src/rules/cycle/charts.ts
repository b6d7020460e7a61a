/**
 * Teams chart elements (Chart.Gauge, Chart.Donut, Chart.HorizontalBar) as view models. Each chart
 * carries `summary`: the same facts in words, which the card shows as the chart's `fallback`, so a
 * client without charts loses nothing.
 */
import { FINISH_BY_DAYS, plural, RENEWAL_WINDOW_DAYS, type AnniversaryStatus } from './anniversary.js';
import { longDate } from '../common/plain-date.js';

/** Chart colour names of the Adaptive Cards chart colour set. */
export type ChartColor = 'good' | 'warning' | 'attention' | 'neutral' | 'categoricalBlue';

export interface GaugeSegment {
  size: number;
  legend: string;
  color: ChartColor;
}

export interface GaugeView {
  title: string;
  min: number;
  max: number;
  value: number;
  subLabel: string;
  segments: GaugeSegment[];
  summary: string;
}

export interface ChartPoint {
  legend: string;
  value: number;
  color: ChartColor;
}

export interface DonutView {
  title: string;
  data: ChartPoint[];
  summary: string;
}

export interface BarPoint {
  x: string;
  y: number;
  color: ChartColor;
}

export interface BarChartView {
  title: string;
  data: BarPoint[];
  /** The fallback's facts: one a bar pair, e.g. "Customer references" → "2 of 5 needed". */
  facts: { title: string; value: string }[];
}

/**
 * The renewal window as a gauge of the days left in it: the last 14 days (past the recommended finish) and the rest of
 * the 90 (guide lines 5-6). Before the window opens it is full; after the anniversary, empty.
 * @example cycleGauge(cycleOn(org, '2026-12-30')).value // 60
 */
export function cycleGauge(status: Pick<AnniversaryStatus, 'anniversary' | 'phase' | 'daysLeft' | 'daysOverdue' | 'windowOpens' | 'finishBy'>): GaugeView {
  const value = Math.min(RENEWAL_WINDOW_DAYS, Math.max(0, status.daysLeft));
  const windowDays = `${RENEWAL_WINDOW_DAYS} days`;
  // Two weeks before is the guide's recommendation to finish early (line 41), not a deadline.
  const finish = `finishing by ${longDate(status.finishBy)}, two weeks before the anniversary, is recommended`;
  let subLabel: string;
  let summary: string;
  if (status.phase === 'planning') {
    const opensIn = status.daysLeft - RENEWAL_WINDOW_DAYS;
    subLabel = `opens in ${opensIn} ${plural(opensIn, 'day')}`;
    summary = `Renewal window: opens on ${longDate(status.windowOpens)}, in ${opensIn} ${plural(opensIn, 'day')}, for ${windowDays}; ${finish}.`;
  } else if (status.phase === 'expired') {
    subLabel = `expired ${status.daysOverdue} ${plural(status.daysOverdue, 'day')} ago`;
    summary = `Renewal window: closed; the membership expired on ${longDate(status.anniversary)}, the anniversary date, ${status.daysOverdue} ${plural(status.daysOverdue, 'day')} ago.`;
  } else {
    subLabel = `${plural(value, 'day')} of the window left`;
    summary = `Renewal window: ${value} of its ${windowDays} left; ${finish}.`;
  }
  return {
    title: 'Renewal window',
    min: 0,
    max: RENEWAL_WINDOW_DAYS,
    value,
    subLabel,
    segments: [
      { size: FINISH_BY_DAYS, legend: `Last ${FINISH_BY_DAYS} days: complete it now`, color: 'attention' },
      { size: RENEWAL_WINDOW_DAYS - FINISH_BY_DAYS, legend: 'Window open: start the renewal', color: 'warning' },
    ],
    summary,
  };
}

/**
 * @example progressDonut(3, 10).summary // '3 of 10 done'
 */
export function progressDonut(done: number, total: number): DonutView {
  const summary = `${done} of ${total} done`;
  return {
    title: summary,
    // The counts are in the legends: not every client draws a chart's title.
    data: [
      { legend: `Done: ${done}`, value: done, color: 'good' },
      { legend: `To do: ${total - done}`, value: total - done, color: 'neutral' },
    ],
    summary,
  };
}
