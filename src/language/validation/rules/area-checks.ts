import type { ValidationAcceptor, ValidationSeverity } from 'langium';
import type { AreaClause, Protocol } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { evaluateAreas, type AreaFinding } from '../../semantics/area-limits.js';
import type { AreaFacts } from '../../semantics/areas.js';
import { provenanceOf } from '../../semantics/library.js';
import { formatAmount, formatNumber, formatSpan, formatUpTo } from '../../units/quantity.js';
import { readValue } from '../../semantics/reading.js';
import { IssueCodes } from '../issue-codes.js';
import { originOf, relatedTo } from '../related.js';
import { report } from '../report.js';

/** `(std: QWO label …; evidence: design)` */
function noteOf(clause: Parameters<typeof provenanceOf>[0]): string {
    const p = provenanceOf(clause);
    const evidence = p.evidence && p.evidence !== 'regulatory' ? `; evidence: ${p.evidence}` : '';
    return `(${originOf(clause)}${p.source ? `: ${p.source}` : ''}${evidence})`;
}

/** `25 cm² at 1 cm apart` */
function gridText(area: AreaFacts): string {
    return `${formatNumber(area.sizeCm2!)} cm² at ${formatNumber(area.spacingMm!.div(10))} cm apart`;
}

const areaName = (a: AreaFacts) => a.area.name ?? a.area.area ?? 'area';

/** overdose-area, area-restricted, area-points; a size or spacing of 0 (invalid-number). */
export class AreaChecks {
    constructor(private readonly services: MesoServices) {}

    checkAreas(protocol: Protocol, accept: ValidationAcceptor): void {
        const semantics = this.services.semantics.Semantics.protocol(protocol);
        const seen = new Set<string>();
        for (const f of evaluateAreas(semantics)) this.reportFinding(f, accept, seen);
    }

    checkAreaSizeMustBePositive(area: AreaClause, accept: ValidationAcceptor): void {
        for (const [property, dimension, what] of [['size', 'area', 'An area size'], ['spacing', 'length', 'A spacing of points']] as const) {
            const value = readValue(area[property], dimension);
            if (value !== undefined && value !== 'unreadable' && value.equals(0)) {
                report(accept, 'error', IssueCodes.InvalidNumber, `${what} must be more than 0. Until it is fixed, the points of ${area.name ? `area '${area.name}'` : 'this area'} are not derived or checked.`,
                    { node: area, property });
            }
        }
    }

    private reportFinding(f: AreaFinding, accept: ValidationAcceptor, seen: Set<string>): void {
        switch (f.kind) {
            case 'over-area': {
                const where = f.area ? `area '${areaName(f.area)}'` : 'the injects that name no area (counted as one area: name the areas with \'into\')';
                const inherited = f.cap.from.name === f.substance.name ? '' : ` (from class '${f.cap.from.name}')`;
                const message = `'${f.substance.name}' ${formatUpTo(f.amount)} into ${where} in session '${f.session.session.name}' exceeds its maximum of ${formatAmount(f.cap.amount)} per area per session${inherited} ${noteOf(f.cap.clause)}.`;
                for (const place of f.places) {
                    const key = `area|${message}|${place.inject.$cstNode?.offset}|${place.index}`;
                    if (seen.has(key)) continue;
                    seen.add(key);
                    report(accept, (f.cap.clause.severity ?? 'error') as ValidationSeverity, IssueCodes.OverdoseArea, message, {
                        node: place.inject, ...(place.index !== undefined ? { property: 'areas', index: place.index } : { property: 'mixture' }),
                        relatedInformation: relatedTo(f.cap.clause, 'maximum declared here'),
                        data: { substance: f.substance.name, allowed: f.cap.amount.value.valueOf() }
                    });
                }
                break;
            }
            case 'restricted': {
                const key = `restricted|${f.substance.name}|${f.inject.$cstNode?.offset}|${f.index}`;
                if (seen.has(key)) return;
                seen.add(key);
                const regions = f.rule.clause.regions.map(r => `'${r.$refText}'`).join(', ');
                const lies = f.area.region ? `lies in region '${f.area.region.name}'` : `names no region (add 'in <region>' to the area if it lies in one)`;
                const from = f.rule.from.name === f.substance.name ? '' : ` (class '${f.rule.from.name}')`;
                report(accept, (f.rule.clause.severity ?? 'warning') as ValidationSeverity, IssueCodes.AreaRestricted,
                    `'${f.substance.name}'${from} is labelled for ${regions} only, and area '${areaName(f.area)}' ${lies} ${noteOf(f.rule.clause)}.`,
                    { node: f.inject, property: 'areas', index: f.index, relatedInformation: relatedTo(f.rule.clause, 'label areas declared here'), data: { substance: f.substance.name } });
                break;
            }
            case 'grid': {
                const key = `grid|${f.inject.$cstNode?.offset}|${f.index}`;
                if (seen.has(key)) return;
                seen.add(key);
                report(accept, 'warning', IssueCodes.AreaPoints,
                    `${formatSpan(f.points, 0)} points in area '${areaName(f.area)}' are more than its grid holds: ${gridText(f.area)} is ${f.area.gridPoints} points, so they would be closer than the spacing.`,
                    { node: f.inject, property: 'areas', index: f.index, relatedInformation: relatedTo(f.area.area, 'area declared here') });
                break;
            }
        }
    }
}
