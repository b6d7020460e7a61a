/** The moments of a renewal cycle that matter, as instants in a zone, for several cycles. */
import { TZDate } from '@date-fns/tz';
import { addDays, type PlainDate, sameDayInYear, parts } from '../../src/rules/common/plain-date.js';

export interface Moment {
  label: string;
  at: Date;
  local: string;
}

const at = (day: PlainDate, hour: number, zone: string): Date => {
  const { year, month, day: dayOfMonth } = parts(day);
  return new Date(new TZDate(year, month - 1, dayOfMonth, hour, 0, 0, zone).getTime());
};

export function yearMoments(anniversary: PlainDate, zone: string, cycles: number, graceDays = 30): Moment[] {
  const moments: Moment[] = [];
  for (let cycle = 0; cycle < cycles; cycle++) {
    const date = sameDayInYear(anniversary, parts(anniversary).year + cycle);
    const points: [string, PlainDate, number][] = [
      ['window opens', addDays(date, -90), 9],
      ['two weeks before', addDays(date, -14), 9],
      ['anniversary', date, 9],
      ['the night after', addDays(date, 1), 1],
      ['the day after', addDays(date, 1), 9],
      ['grace day', addDays(date, graceDays), 9],
    ];
    for (const [label, day, hour] of points) moments.push({ label: `${date} ${label}`, at: at(day, hour, zone), local: `${day} ${String(hour).padStart(2, '0')}:00` });
  }
  return moments;
}
