import { Fraction } from 'fraction.js';
import type { AreaClause, Inject, Region, Substance } from '../generated/ast.js';
import type { Measure } from '../units/quantity.js';
import { mul, point, sumKnown, type Span } from '../units/span.js';
import type { Draw } from './dose-share.js';
import type { TechniqueFacts } from './protocol-semantics.js';
import { known, readValue } from './reading.js';

/**
 * Treatment areas (#13 item 3): what a protocol's `area` declares, and how many points a grid at
 * its spacing holds on its size. An inject `into a, b` gives each area one use of its technique.
 */
export interface AreaFacts {
    readonly area: AreaClause;
    readonly region?: Region;
    /** Size in cm². */
    readonly sizeCm2?: Fraction;
    /** Spacing of the points in mm. */
    readonly spacingMm?: Fraction;
    /**
     * The points a square grid at the spacing holds on the size: ⌊size ÷ spacing²⌋ (Kybella's
     * "0.2 mL injections spaced 1 cm apart" on 25 cm² is 25 injections); undefined without both.
     */
    readonly gridPoints?: number;
    /** The size or the spacing is written but cannot be read (or is 0): nothing is derived from it. */
    readonly unreadable: boolean;
}

export function areaFacts(area: AreaClause): AreaFacts {
    const size = readValue(area.size, 'area');
    const spacing = readValue(area.spacing, 'length');
    const sizeCm2 = known(size);
    const spacingMm = known(spacing);
    const zero = (v: Fraction | undefined) => v !== undefined && v.equals(0);
    const unreadable = size === 'unreadable' || spacing === 'unreadable' || zero(sizeCm2) || zero(spacingMm);
    // 1 cm² = 100 mm².
    const gridPoints = !unreadable && sizeCm2 && spacingMm ? sizeCm2.mul(100).div(spacingMm.mul(spacingMm)).floor().valueOf() : undefined;
    return { area, region: area.region?.ref, sizeCm2, spacingMm, gridPoints, unreadable };
}

/** What one area receives from one inject: one use of the technique. */
export interface AreaDelivery {
    readonly area: AreaFacts;
    /** Points given in the area: the technique's, else the area's grid points (`derived`). */
    readonly points?: Span;
    readonly derived: boolean;
    /** Volume injected into the area, mL; without points, up to the whole mixture. */
    readonly volume?: Span;
    /** Without points the whole mixture goes in over all the areas named: each gets up to all of it. */
    readonly upToWhole: boolean;
    readonly doses: ReadonlyArray<{ readonly substance: Substance; readonly amount?: Measure }>;
}

/** Points and volume of one area, from the technique's points and volume per point (or the area's grid). */
export function areaDraw(area: AreaFacts, techniquePoints: Span | undefined, volumePerPoint: Span | undefined): { points?: Span; volume?: Span; derived: boolean } {
    if (techniquePoints) return { points: techniquePoints, volume: volumePerPoint && mul(techniquePoints, volumePerPoint), derived: false };
    if (area.gridPoints !== undefined && area.gridPoints > 0 && volumePerPoint) {
        const points = point(area.gridPoints);
        return { points, volume: mul(points, volumePerPoint), derived: true };
    }
    return { derived: false };
}

/**
 * What an inject draws and each of its areas receives. Into areas, each area gets one use of the
 * technique (its points, or the area's grid points at its spacing when the technique gives a
 * volume per point but no points); without points the whole mixture goes in once, over all of them.
 */
export function drawOf(inject: Inject, technique: TechniqueFacts | undefined, areas: Map<AreaClause, AreaFacts>): { draw?: Draw; perArea: Array<{ area: AreaFacts; points?: Span; volume?: Span; derived: boolean }> } {
    const named = inject.areas.map(r => r.ref && areas.get(r.ref)).filter((a): a is AreaFacts => !!a);
    // Points that cannot be read leave what is drawn unknown (never the whole mixture by default).
    if (technique?.unreadable) return { perArea: named.map(area => ({ area, derived: false })) };
    const perArea = named.map(area => ({ area, ...areaDraw(area, technique?.points, technique?.volumePerPoint) }));
    if (named.length > 0 && perArea.every(a => a.volume)) {
        return { draw: { kind: 'points', volume: sumKnown(perArea.map(a => a.volume))! }, perArea };
    }
    // An area whose grid cannot be read leaves its points unknown: not the whole mixture by default.
    if (named.some(a => a.unreadable) && technique?.volumePerPoint && !technique.points) return { perArea };
    return { draw: technique?.injectedVolume ? { kind: 'points', volume: technique.injectedVolume } : { kind: 'whole' }, perArea };
}
