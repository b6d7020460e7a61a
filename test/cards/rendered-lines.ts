/**
 * How tall a card renders, measured in a DOM through the official `adaptivecards` renderer (the one
 * the web clients use). A DOM without layout has no pixel heights, so height is counted in text lines
 * of a Teams chat column: a text's lines at CHARS_PER_LINE, a fact one line or more, a row of up to
 * three buttons two lines (a button is about one and a half lines tall, plus its gap). Elements the
 * card hides (`isVisible: false`, shown on demand) count only when `expanded`.
 *
 * Teams charts are not in the SDK: they are registered here as stand-ins the height Teams draws them
 * (a gauge about 7 lines, a donut 6, a bar chart a line a bar plus its title), so the budget holds in
 * Teams, where they are drawn, not only where their fallback is.
 */
import { AC, CHART_TYPES } from './card-inspection.js';

export const CHARS_PER_LINE = 90;
const BUTTONS_PER_ROW = 3;
const CHART_LINES: Record<(typeof CHART_TYPES)[number], (points: number) => number> = {
  'Chart.Gauge': () => 7,
  'Chart.Donut': () => 6,
  'Chart.HorizontalBar': (bars) => bars + 1,
};

let registered = false;
function registerChartStandIns(): void {
  if (registered) return;
  registered = true;
  // Text as written (Teams renders its own markdown subset); counting needs no HTML from it.
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text;
    result.didProcess = true;
  };
  for (const type of CHART_TYPES) {
    class ChartStandIn extends AC.CardElement {
      private points = 0;
      getJsonTypeName(): string {
        return type;
      }
      protected override internalParse(source: Record<string, unknown>, context: InstanceType<typeof AC.SerializationContext>): void {
        super.internalParse(source, context);
        this.points = Array.isArray(source.data) ? source.data.length : 0;
      }
      protected internalRender(): HTMLElement {
        const element = document.createElement('div');
        element.dataset.chartLines = String(CHART_LINES[type](this.points));
        return element;
      }
    }
    AC.GlobalRegistry.elements.register(type, ChartStandIn);
  }
}

function isShown(element: Element | null, root: Element): boolean {
  for (let node = element; node && node !== root.parentElement; node = node.parentElement) {
    if ((node as HTMLElement).style?.display === 'none') return false;
  }
  return true;
}

const textLines = (text: string) => Math.max(1, Math.ceil(text.trim().length / CHARS_PER_LINE));

/** The card's height in chat lines, collapsed as sent or with everything it hides shown. */
export function renderedLines(content: unknown, options: { expanded?: boolean } = {}): number {
  registerChartStandIns();
  const card = new AC.AdaptiveCard();
  card.parse(options.expanded ? showEverything(content) : content);
  const root = card.render();
  if (!root) throw new Error('the card did not render');
  document.body.replaceChildren(root);
  let lines = 0;
  for (const element of root.querySelectorAll('.ac-textBlock, .ac-richTextBlock')) {
    if (isShown(element, root) && element.textContent?.trim()) lines += textLines(element.textContent);
  }
  for (const row of root.querySelectorAll('.ac-factset tr')) {
    if (isShown(row, root)) lines += textLines(row.textContent ?? '');
  }
  for (const set of root.querySelectorAll('.ac-actionSet')) {
    const buttons = [...set.querySelectorAll('button')].filter((button) => isShown(button, root)).length;
    if (isShown(set, root)) lines += 2 * Math.ceil(buttons / BUTTONS_PER_ROW);
  }
  for (const chart of root.querySelectorAll<HTMLElement>('[data-chart-lines]')) {
    if (isShown(chart, root)) lines += Number(chart.dataset.chartLines);
  }
  return lines;
}

function showEverything(content: unknown): unknown {
  return JSON.parse(JSON.stringify(content), (key, value: unknown) => (key === 'isVisible' ? true : value));
}
