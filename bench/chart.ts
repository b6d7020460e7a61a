/** bench/chart.svg with vega-lite: turn latency percentiles (bot vs floor, and the floor sending the bot's cards), scan time vs organizations, fan-out rate. */
import { writeFileSync } from 'node:fs';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { fanOutLabel, type Results } from './report.js';

export async function writeChart(file: string, results: Results): Promise<void> {
  const targets = [
    ['bot', results.turns.bot],
    ['floor', results.turns.floor],
    ["floor, bot's cards", results.turns.floorCards],
  ] as const;
  const latency = targets.flatMap(([target, summary]) => (['p50', 'p95', 'p99'] as const).map((percentile) => ({ target, percentile, ms: summary[percentile] })));
  const scan = results.scan.points.map((point) => ({ backend: point.backend, organizations: point.organizations, ms: point.medianPassMs }));
  const fanOut = [
    ...results.fanOut.map((run) => ({ what: fanOutLabel(run), perSecond: run.sendsPerSecond })),
    ...(results.fanOut[0] ? [{ what: 'bound', perSecond: results.fanOut[0].boundPerSecond }] : []),
  ];
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Renewal Bot benchmark (${results.mode}) — ${results.machine.cores} cores, Node ${results.machine.node}`,
    hconcat: [
      {
        title: `Turn latency, ${results.turns.connections} connections (ms)`,
        data: { values: latency },
        mark: 'bar',
        width: 220,
        height: 240,
        encoding: {
          x: { field: 'percentile', type: 'nominal', title: null },
          xOffset: { field: 'target', type: 'nominal' },
          y: { field: 'ms', type: 'quantitative', title: 'ms' },
          color: { field: 'target', type: 'nominal', title: null },
        },
      },
      {
        title: 'Reminder pass with 100 due (ms)',
        data: { values: scan },
        mark: { type: 'line', point: true },
        width: 260,
        height: 240,
        encoding: {
          x: { field: 'organizations', type: 'quantitative', scale: { type: 'log' }, title: 'organizations (log)' },
          y: { field: 'ms', type: 'quantitative', title: 'ms', scale: { zero: true } },
          color: { field: 'backend', type: 'nominal', title: null },
        },
      },
      {
        title: 'Reminder fan-out (sends/s)',
        data: { values: fanOut },
        mark: 'bar',
        width: 200,
        height: 240,
        encoding: {
          x: { field: 'what', type: 'nominal', title: null, axis: { labelAngle: -30 } },
          y: { field: 'perSecond', type: 'quantitative', title: 'sends/s' },
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  writeFileSync(file, await view.toSVG());
  view.finalize();
}
