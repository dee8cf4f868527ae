import type { PreviewModel } from '../language/lsp/meso-protocol.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const PHASE_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948'];
/** The hollow mark of a maintenance session (not a phase colour: maintenance is not among the phases). */
const MAINTENANCE_COLOUR = '#9c755f';

/** The schedule as an SVG timeline: one mark per session at its day, coloured by phase. */
/** `14`, or `14–21` when the low end differs. */
function ends(high: number, low?: number): string {
    return low === undefined || low === high ? String(high) : `${low}–${high}`;
}

function timeline(model: PreviewModel): string {
    const width = 760;
    const duration = model.durationDays ?? 0;
    const scale = (day: number) => 20 + (duration > 0 ? (day / duration) * (width - 40) : 0);
    // Maintenance sessions have their own hollow mark and legend entry, not a phase colour.
    const phases = [...new Set(model.sessions.filter(s => !s.maintenance).map(s => s.phase))];
    // A session whose day is unknown (the schedule could not be read) has no mark; an optional one is faded.
    const marks = model.sessions.filter(s => s.day !== undefined).map(s => {
        const x = scale(s.dayLatest ?? s.day!).toFixed(1);
        const shape = s.maintenance
            ? `<rect x="${(Number(x) - 5).toFixed(1)}" y="25" width="10" height="10" fill="none" stroke="${MAINTENANCE_COLOUR}" stroke-width="2"/>`
            : `<circle cx="${x}" cy="30" r="6" fill="${PHASE_COLOURS[phases.indexOf(s.phase) % PHASE_COLOURS.length]}"/>`;
        const day = s.dayLatest === undefined ? `day ${s.day}` : `day ${s.day}–${s.dayLatest}`;
        return `<g class="session${s.optional ? ' optional' : ''}">${shape}<title>Session ${s.index}, ${day}, ${escapeHtml(s.phase)}${s.maintenance ? ' (maintenance)' : ''}${s.optional ? ' (optional)' : ''}</title></g>`;
    }).join('');
    const legend = phases.map((p, i) => `<span class="phase"><span class="swatch s${i % PHASE_COLOURS.length}"></span>${escapeHtml(p)}</span>`).join(' ');
    return `<svg class="timeline" viewBox="0 0 ${width} 60" role="img" aria-label="Schedule"><line x1="20" y1="30" x2="${width - 20}" y2="30" class="axis"/>${marks}`
        + `<text x="20" y="55" class="tick">day 0</text><text x="${width - 20}" y="55" class="tick" text-anchor="end">day ${model.durationDays === undefined ? '?' : ends(model.durationDays, model.durationDaysLow)}</text></svg>`
        + `<div class="legend">${legend} <span class="phase"><span class="swatch hollow"></span>maintenance</span></div>`;
}

/** Per substance: bars of the dose per session against the session cap, and the cumulative line. */
function doseCharts(model: PreviewModel): string {
    return model.substances.map(s => {
        const width = 760;
        const height = 120;
        const maxValue = Math.max(...s.perSession, s.sessionCap ?? 0, 1);
        const barWidth = Math.max(2, (width - 40) / Math.max(1, s.perSession.length) - 4);
        const y = (v: number) => height - 20 - (v / maxValue) * (height - 40);
        const bars = s.perSession.map((v, i) => {
            const x = 20 + i * (barWidth + 4);
            const over = s.sessionCap !== undefined && v > s.sessionCap;
            return `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(height - 20 - y(v)).toFixed(1)}" class="${over ? 'bar over' : 'bar'}"><title>Session ${i + 1}: ${ends(v, s.perSessionLow?.[i])} ${escapeHtml(s.unit)}</title></rect>`;
        }).join('');
        const cap = s.sessionCap !== undefined
            ? `<line x1="20" x2="${width - 20}" y1="${y(s.sessionCap).toFixed(1)}" y2="${y(s.sessionCap).toFixed(1)}" class="cap"/><text x="${width - 20}" y="${(y(s.sessionCap) - 4).toFixed(1)}" class="tick" text-anchor="end">cap ${s.sessionCap} ${escapeHtml(s.unit)}</text>` : '';
        const last = s.cumulative.length - 1;
        const total = ends(s.cumulative[last] ?? 0, s.cumulativeLow?.[last]);
        const cycleCap = s.cycleCap !== undefined ? `, cycle cap ${s.cycleCap} ${escapeHtml(s.unit)}` : '';
        return `<section class="substance"><h3>${escapeHtml(s.substance)}</h3>`
            + `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="Dose per session">${bars}${cap}</svg>`
            + `<p class="cumulative">Cumulative: ${s.cumulative.map((v, i) => escapeHtml(ends(v, s.cumulativeLow?.[i]))).join(' → ')} ${escapeHtml(s.unit)} (in all ${total} ${escapeHtml(s.unit)}${cycleCap})</p></section>`;
    }).join('');
}

/** Each product: its ingredients and the mL injected per session. */
function productList(model: PreviewModel): string {
    if (!model.products?.length) return '';
    const items = model.products.map(p => `<li><strong>${escapeHtml(p.product)}</strong>${p.title ? ` (${escapeHtml(p.title)})` : ''}: ${escapeHtml(p.ingredients.join(', '))}; per session ${p.perSession.map(v => escapeHtml(String(v))).join(', ')} mL</li>`);
    return `<h2>Products</h2>\n<ul class="products">${items.join('')}</ul>`;
}

/**
 * The whole preview page. Every string from the file is escaped; the Content Security
 * Policy allows no script at all and only the page's own nonce-tagged style.
 */
/** Treatment areas (what each session gives each) and care around the sessions, when the protocol has them. */
function areasAndCare(model: PreviewModel): string {
    const areas = model.areas?.length ? `<h2>Areas</h2>\n<table><tr><th>area</th><th>session</th><th>into it</th></tr>${model.areas.flatMap(a => (a.sessions.length ? a.sessions : [{ session: '—', doses: [] }]).map(s =>
        `<tr><td>${escapeHtml(a.area)}${a.title ? ` (${escapeHtml(a.title)})` : ''}${a.region ? `, ${escapeHtml(a.region)}` : ''}${a.gridPoints !== undefined ? `, ${a.gridPoints} points` : ''}</td><td>${escapeHtml(s.session)}</td><td>${s.doses.map(d => `${escapeHtml(d.substance)} ${d.amount} ${escapeHtml(d.unit)}`).join(', ')}</td></tr>`)).join('')}</table>\n` : '';
    const care = model.care?.length ? `<h2>Care around the sessions</h2>\n<ul>${model.care.map(c => `<li>${escapeHtml(c.timing)}${c.session ? ` (session ${escapeHtml(c.session)})` : ''}: ${escapeHtml(c.what)}${c.detail ? ` — ${escapeHtml(c.detail)}` : ''}</li>`).join('')}</ul>\n` : '';
    return areas + care;
}

export function previewHtml(model: PreviewModel, nonce: string, cspSource: string): string {
    const warnings = model.warnings.length === 0 ? '<p class="ok">No warnings.</p>'
        : `<ul class="warnings">${model.warnings.map(w => `<li class="${w.severity === 'error' ? 'error' : 'warning'}">line ${w.line} <code>${escapeHtml(w.code)}</code> ${escapeHtml(w.message)}</li>`).join('')}</ul>`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Meso preview: ${escapeHtml(model.protocol)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1rem; }
.axis { stroke: var(--vscode-foreground); stroke-opacity: .4; }
.tick { fill: var(--vscode-foreground); font-size: 11px; }
.bar { fill: #4e79a7; } .bar.over { fill: #e15759; } .cap { stroke: #e15759; stroke-dasharray: 4 3; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }
.swatch.hollow { border: 2px solid ${MAINTENANCE_COLOUR}; border-radius: 0; width: 6px; height: 6px; }
${PHASE_COLOURS.map((c, i) => `.swatch.s${i} { background: ${c}; }`).join(' ')}
.warnings li.error { color: var(--vscode-errorForeground); }
.session.optional { opacity: .45; }
svg { width: 100%; max-width: 760px; }
</style>
</head>
<body>
<h1>${escapeHtml(model.protocol)}${model.title ? ` — ${escapeHtml(model.title)}` : ''}</h1>
<p>${ends(model.sessions.filter(s => !s.maintenance).length, model.sessions.filter(s => !s.maintenance && !s.optional).length)} sessions + ${ends(model.sessions.filter(s => s.maintenance).length, model.sessions.filter(s => s.maintenance && !s.optional).length)} maintenance over ${model.durationDays === undefined ? '?' : ends(model.durationDays, model.durationDaysLow)} days</p>
<h2>Schedule</h2>
${timeline(model)}
<h2>Doses</h2>
${doseCharts(model) || '<p>No substance with a known amount.</p>'}
${productList(model)}
${areasAndCare(model)}<h2>Warnings</h2>
${warnings}
</body>
</html>`;
}
