import type { AreaClause } from '../generated/ast.js';
import { areaSums } from '../semantics/area-limits.js';
import type { ProtocolSemantics } from '../semantics/protocol-semantics.js';
import { formatMeasure, formatNumber, formatSpan } from '../units/quantity.js';
import { escapeMarkdown } from './hover-cards.js';

/** A treatment area: its region, size, spacing and grid, and what each session gives it (#13 item 3). */
export function areaCard(area: AreaClause, semantics: ProtocolSemantics, doc?: string): string {
    const facts = semantics.areas.find(a => a.area === area);
    const lines = [`**Area ${escapeMarkdown(area.name ?? '')}**${area.area ? ` — ${escapeMarkdown(area.area)}` : ''}`, ''];
    if (facts?.region) lines.push(`Region: ${escapeMarkdown(facts.region.name)}  `);
    if (facts?.sizeCm2) lines.push(`Size: ${formatNumber(facts.sizeCm2)} cm²  `);
    if (facts?.spacingMm) lines.push(`Points ${formatNumber(facts.spacingMm.div(10))} cm apart${facts.gridPoints !== undefined ? `: a grid of ${facts.gridPoints} points` : ''}  `);
    const rows: string[] = [];
    for (const session of semantics.sessions) {
        const sum = areaSums(session).find(s => s.area?.area === area);
        if (!sum) continue;
        for (const [substance, amount] of sum.amounts) {
            rows.push(`| ${escapeMarkdown(session.session.name)} | ${escapeMarkdown(substance.name)} | ${amount === 'unknown' ? 'unknown' : formatMeasure(amount)} |`);
        }
        const deliveries = session.injects.flatMap(i => i.areas.filter(d => d.area.area === area));
        if (deliveries.some(d => d.derived && d.points)) lines.push(`Session ${escapeMarkdown(session.session.name)}: ${deliveries.map(d => d.points ? formatSpan(d.points) : '?').join(' + ')} points (from the grid)  `);
    }
    if (rows.length) lines.push('', '| session | substance | into this area |', '|---|---|---|', ...rows);
    if (doc) lines.push('', '---', '', doc);
    return lines.join('\n');
}
