import type { ValidationAcceptor } from 'langium';
import { Fraction } from 'fraction.js';
import { isDepthSetting, isDeviceSetting, isNeedleSetting, isVolumePerPointSetting, type Layer, type Protocol } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { intendedLayersOf, provenanceOf } from '../../semantics/library.js';
import { evaluateSubstancePoints } from '../../semantics/courses.js';
import { violates, type ResolvedLimit } from '../../semantics/limits.js';
import { toAmount, formatNumber } from '../../units/quantity.js';
import { IssueCodes } from '../issue-codes.js';
import { originOf, relatedTo, sourceNote } from '../related.js';
import { report } from '../report.js';

function band(layer: Layer): { from?: Fraction; to?: Fraction } {
    const from = toAmount(layer.from);
    const to = toAmount(layer.to);
    return { from: from?.dimension === 'length' ? from.value : undefined, to: to?.dimension === 'length' ? to.value : undefined };
}

function limitText(limit: ResolvedLimit, unit: string): string {
    const lo = limit.min && `${limit.min.inclusive ? '≥' : '>'} ${formatNumber(limit.min.value)} ${unit}`;
    const hi = limit.max && `${limit.max.inclusive ? '≤' : '<'} ${formatNumber(limit.max.value)} ${unit}`;
    return [lo, hi].filter(Boolean).join(' and ');
}

/** depth-exceeds-needle, depth-out-of-range, needle-length, volume-per-point, multi-injector, insufficient-mixture, wrong-layer, points/volume per session. */
export class TechniqueChecks {
    constructor(private readonly services: MesoServices) {}

    checkTechniques(protocol: Protocol, accept: ValidationAcceptor): void {
        const semantics = this.services.semantics.Semantics.protocol(protocol);
        const rules = this.services.semantics.Rules;
        const limits = (metric: string) => rules.limitsFor(protocol, metric, semantics.indication);
        for (const t of semantics.techniques) {
            const needle = t.technique.settings.find(isNeedleSetting);
            const depth = t.technique.settings.find(isDepthSetting);
            const depthTarget = depth && (depth.length ? { node: depth, property: 'length' as const } : { node: depth, property: 'layer' as const });
            if (depthTarget && t.depthLength && t.needleLength && t.depthLength.compare(t.needleLength) > 0) {
                report(accept, 'error', IssueCodes.DepthExceedsNeedle,
                    `Depth ${formatNumber(t.depthLength)} mm${depth?.layer && !depth.length ? ` (the top of layer '${depth.layer.$refText}')` : ''} is deeper than the ${formatNumber(t.needleLength)} mm needle of technique '${t.technique.name}'.`,
                    { ...depthTarget, data: { depth: t.depthLength.valueOf(), needle: t.needleLength.valueOf() } });
            }
            const layer = depth?.layer?.ref;
            if (layer && depth?.length && t.depthLength) {
                const { from, to } = band(layer);
                if ((from && t.depthLength.compare(from) < 0) || (to && t.depthLength.compare(to) > 0)) {
                    report(accept, 'warning', IssueCodes.DepthOutOfRange,
                        `Depth ${formatNumber(t.depthLength)} mm is outside layer '${layer.name}' (${from ? formatNumber(from) : '?'}–${to ? formatNumber(to) : '?'} mm).`,
                        { node: depth, property: 'length', relatedInformation: relatedTo(layer, 'layer declared here') });
                }
            }
            for (const limit of depthTarget && t.depthLength ? limits('depth') : []) {
                if (!violates(limit, t.depthLength!)) continue;
                report(accept, limit.severity, IssueCodes.DepthOutOfRange,
                    `Depth ${formatNumber(t.depthLength!)} mm of technique '${t.technique.name}' is outside the depth limit (${limitText(limit, 'mm')}) ${sourceNote(limit.limit)}.`,
                    { ...depthTarget!, relatedInformation: relatedTo(limit.limit, 'limit declared here') });
            }
            for (const limit of needle && t.needleLength ? limits('needle length') : []) {
                if (!violates(limit, t.needleLength!)) continue;
                report(accept, limit.severity, IssueCodes.NeedleLength,
                    `Needle length ${formatNumber(t.needleLength!)} mm of technique '${t.technique.name}' is outside the limit (${limitText(limit, 'mm')}) ${sourceNote(limit.limit)}.`,
                    { node: needle!, property: 'length', relatedInformation: relatedTo(limit.limit, 'limit declared here') });
            }
            const vpp = t.technique.settings.find(isVolumePerPointSetting);
            for (const limit of vpp && t.volumePerPoint ? limits('volume per point') : []) {
                if (!violates(limit, t.volumePerPoint!)) continue;
                report(accept, limit.severity, IssueCodes.VolumePerPoint,
                    `${formatNumber(t.volumePerPoint!)} mL per point in technique '${t.technique.name}' is above the limit (${limitText(limit, 'mL')}) ${sourceNote(limit.limit)}.`,
                    { node: vpp!, property: 'volume', relatedInformation: relatedTo(limit.limit, 'limit declared here'), data: { max: limit.max?.value.valueOf() } });
            }
            const device = t.technique.settings.find(isDeviceSetting);
            if (device?.kind === 'multi-injector') {
                report(accept, 'warning', IssueCodes.MultiInjector,
                    `Technique '${t.technique.name}' uses a multi-injector: more bruising and haematomas, and banned by the French Society of Mesotherapy (SFM).`,
                    { node: device, property: 'kind' });
            }
        }
        this.checkSessions(protocol, accept, limits);
    }

    private checkSessions(protocol: Protocol, accept: ValidationAcceptor, limits: (metric: string) => ResolvedLimit[]): void {
        const semantics = this.services.semantics.Semantics.protocol(protocol);
        for (const f of evaluateSubstancePoints(semantics)) {
            const p = provenanceOf(f.clause);
            const from = f.from.name === f.substance.name ? '' : ` (from class '${f.from.name}')`;
            report(accept, (f.clause.severity ?? 'warning') as 'warning', IssueCodes.PointsPerSession,
                `Session '${f.session.session.name}' gives '${f.substance.name}' at ${f.points} injection points; its maximum is ${f.clause.count} points per session${from} (${originOf(f.clause)}${p.source ? `: ${p.source}` : ''}).`,
                { node: f.session.session, property: 'name', relatedInformation: relatedTo(f.clause, 'maximum declared here'), data: { substance: f.substance.name } });
        }
        for (const s of semantics.sessions) {
            for (const i of s.injects) {
                const mixtureVolume = i.mixture?.volume;
                if (i.injectedVolume && mixtureVolume && i.injectedVolume.compare(mixtureVolume) > 0) {
                    report(accept, 'error', IssueCodes.InsufficientMixture,
                        `Technique '${i.technique?.technique.name}' injects ${formatNumber(i.injectedVolume)} mL (${i.technique?.points} points × ${formatNumber(i.technique!.volumePerPoint!)} mL) but mixture '${i.mixture!.mixture.name}' holds only ${formatNumber(mixtureVolume)} mL.`,
                        { node: i.inject, property: 'technique', data: { injected: i.injectedVolume.valueOf(), available: mixtureVolume.valueOf() } });
                }
                for (const dose of i.doses) {
                    const intended = intendedLayersOf(dose.substance);
                    const depth = i.technique?.depthLength;
                    const layer = i.technique?.technique.settings.find(isDepthSetting)?.layer?.ref;
                    if (intended.length === 0 || !depth || (layer && intended.includes(layer))) continue;
                    const inside = intended.some(l => { const b = band(l); return b.from && b.to && depth.compare(b.from) >= 0 && depth.compare(b.to) <= 0; });
                    if (inside) continue;
                    report(accept, 'warning', IssueCodes.WrongLayer,
                        `'${dose.substance.name}' is meant for ${intended.map(l => `'${l.name}'`).join(' or ')}, but technique '${i.technique!.technique.name}' injects at ${layer ? `'${layer.name}'` : `${formatNumber(depth)} mm`}.`,
                        { node: i.inject, property: i.inject.technique ? 'technique' : 'mixture', relatedInformation: relatedTo(intended[0], 'intended layer') });
                }
            }
            const name = { node: s.session, property: 'name' as const };
            for (const limit of s.points !== undefined ? limits('points per session') : []) {
                if (!violates(limit, new Fraction(s.points!))) continue;
                report(accept, limit.severity, IssueCodes.PointsPerSession,
                    `Session '${s.session.name}' has ${s.points} injection points; the limit is ${limitText(limit, 'points')} ${sourceNote(limit.limit)}.`,
                    { ...name, relatedInformation: relatedTo(limit.limit, 'limit declared here') });
            }
            for (const limit of s.injectedVolume ? limits('volume per session') : []) {
                if (!violates(limit, s.injectedVolume!)) continue;
                report(accept, limit.severity, IssueCodes.VolumePerSession,
                    `Session '${s.session.name}' injects ${formatNumber(s.injectedVolume!)} mL; the limit is ${limitText(limit, 'mL')} ${sourceNote(limit.limit)}.`,
                    { ...name, relatedInformation: relatedTo(limit.limit, 'limit declared here') });
            }
        }
    }
}
