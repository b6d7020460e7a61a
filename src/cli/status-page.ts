/**
 * The operator's status page (`reminders status --html FILE`): one self-contained HTML file, inline
 * CSS and SVG, no script and nothing fetched (its Content-Security-Policy forbids both), so opening
 * it adds no attack surface. Organization names and every other value come from tenants and are
 * escaped wherever they go.
 */
import type { OrganizationStatusView, TimelineMarker } from '../rules/reminders/status-view.js';

/** Text made inert in HTML content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
section { border: 1px solid #ccc; border-radius: 6px; padding: 1rem; margin: 1rem 0; max-width: 56rem; }
.meta { color: #555; } dt { font-weight: 600; margin-top: .5rem; } dd { margin: 0 0 0 1rem; }
svg text { font-size: 11px; } .empty { color: #777; font-style: italic; }
`;

const WIDTH = 640;
const AXIS_Y = 48;
const x = (position: number) => 20 + position * (WIDTH - 40);
/** Labels near an end grow inwards, so none is cut off. */
const anchor = (position: number) => (position < 0.2 ? 'start' : position > 0.8 ? 'end' : 'middle');

export function statusPageHtml(views: readonly OrganizationStatusView[], generatedAt: Date): string {
  const sections = views.length > 0 ? views.map(organizationSection).join('\n') : '<p class="empty">No organizations are stored.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Renewal Bot: reminder status</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Renewal Bot: reminder status</h1>
<p class="meta">Generated ${escapeHtml(generatedAt.toISOString())} for ${views.length} organization${views.length === 1 ? '' : 's'}.</p>
${sections}
</body>
</html>
`;
}

function organizationSection(view: OrganizationStatusView): string {
  return `<section>
<h2>${escapeHtml(view.name)}</h2>
<p class="meta">Tenant ${escapeHtml(view.tenantId)} · ${escapeHtml(view.phase)} · ${escapeHtml(view.headline)}</p>
${timeline(view)}
<dl>
<dt>Reminder channel</dt><dd>${escapeHtml(view.channel)}</dd>
<dt>Next reminder</dt><dd>${escapeHtml(view.nextReminder)}</dd>
<dt>Sent</dt>${list(view.sent.map(escapeHtml), 'Nothing sent yet')}
<dt>Pending</dt>${list(view.pending.map((entry) => `${escapeHtml(entry.what)}: ${escapeHtml(entry.why)}`), 'Nothing pending')}
</dl>
</section>`;
}

function list(items: string[], empty: string): string {
  if (items.length === 0) return `<dd class="empty">${escapeHtml(empty)}</dd>`;
  return `<dd><ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul></dd>`;
}

/** The cycle on one axis: the renewal window shaded, a tick per date, today in red. */
function timeline(view: OrganizationStatusView): string {
  const label = `Timeline: ${[...view.markers, view.today].map((marker) => `${marker.label} ${marker.dateLabel}`).join(', ')}`;
  const tick = (marker: TimelineMarker, index: number) => {
    const above = index % 2 === 0;
    return `<line x1="${x(marker.position)}" y1="${AXIS_Y - 8}" x2="${x(marker.position)}" y2="${AXIS_Y + 8}" stroke="#333"/>` +
      `<text x="${x(marker.position)}" y="${above ? AXIS_Y - 14 : AXIS_Y + 22}" text-anchor="${anchor(marker.position)}">${escapeHtml(marker.label)}: ${escapeHtml(marker.dateLabel)}</text>`;
  };
  return `<svg role="img" aria-label="${escapeHtml(label)}" width="${WIDTH}" height="100" viewBox="0 0 ${WIDTH} 100">
<rect x="${x(view.window.from)}" y="${AXIS_Y - 6}" width="${Math.max(0, x(view.window.to) - x(view.window.from))}" height="12" fill="#dbeafe"/>
<line x1="${x(0)}" y1="${AXIS_Y}" x2="${x(1)}" y2="${AXIS_Y}" stroke="#333"/>
${view.markers.map(tick).join('\n')}
<line x1="${x(view.today.position)}" y1="16" x2="${x(view.today.position)}" y2="${AXIS_Y + 12}" stroke="#c00" stroke-width="2"/>
<text x="${x(view.today.position)}" y="12" text-anchor="${anchor(view.today.position)}" fill="#c00">${escapeHtml(view.today.label)}: ${escapeHtml(view.today.dateLabel)}</text>
<text x="${x(0)}" y="95" text-anchor="start" fill="#777">${escapeHtml(view.axis.fromLabel)}</text>
<text x="${x(1)}" y="95" text-anchor="end" fill="#777">${escapeHtml(view.axis.toLabel)}</text>
</svg>`;
}
