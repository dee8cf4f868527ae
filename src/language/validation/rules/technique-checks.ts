import type { ValidationAcceptor } from 'langium';
import type { Fraction } from 'fraction.js';
import { isDepthSetting, isDeviceSetting, isNeedleSetting, isVolumePerPointSetting, type Layer, type Protocol } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { intendedLayersOf, provenanceOf } from '../../semantics/library.js';
import { evaluateSubstancePoints } from '../../semantics/courses.js';
import type { SessionFacts } from '../../semantics/protocol-semantics.js';
import { violates, violatesSpan, type ResolvedLimit } from '../../semantics/limits.js';
import { toAmount, formatNumber, formatSpan } from '../../units/quantity.js';
import { isPoint, type Span } from '../../units/span.js';
import { IssueCodes } from '../issue-codes.js';
import { originOf, relatedTo, sourceNote } from '../related.js';
import { report } from '../report.js';

function band(layer: Layer): { from?: Fraction; to?: Fraction } {
    const from = toAmount(layer.from);
    const to = toAmount(layer.to);
    return { from: from?.dimension === 'length' ? from.value : undefined, to: to?.dimension === 'length' ? to.value : undefined };
}

/** `4 mm`; for a range, the end that breaks the limit: `up to 6 mm (4–6 mm)` (`Up to` to start a sentence). */
function worst(value: Span, end: 'low' | 'high', unit: string, start = false): string {
    if (isPoint(value)) return `${formatNumber(value.low)} ${unit}`;
    const words = end === 'high' ? 'up to' : 'as little as';
    return `${start ? words.charAt(0).toUpperCase() + words.slice(1) : words} ${formatNumber(value[end])} ${unit} (${formatSpan(value)} ${unit})`;
}

/** Which end of a span breaks a limit: the high end above its maximum, else the low end. */
function breakingEnd(limit: ResolvedLimit, value: Span): 'low' | 'high' {
    return violates({ ...limit, min: undefined }, value.high) ? 'high' : 'low';
}

function limitText(limit: ResolvedLimit, unit: string): string {
    const lo = limit.min && `${limit.min.inclusive ? '≥' : '>'} ${formatNumber(limit.min.value)} ${unit}`;
    const hi = limit.max && `${limit.max.inclusive ? '≤' : '<'} ${formatNumber(limit.max.value)} ${unit}`;
    return [lo, hi].filter(Boolean).join(' and ');
}

/** depth-exceeds-needle, depth-out-of-range, needle-length, volume-per-point, multi-injector, insufficient-mixture, mixture-overdrawn, syringe-overfilled, wrong-layer, points/volume per session. */
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
            // The deepest depth against the shortest needle.
            if (depthTarget && t.depthLength && t.needleLength && t.depthLength.high.compare(t.needleLength.low) > 0) {
                const deepest = formatNumber(t.depthLength.high);
                const shortest = formatNumber(t.needleLength.low);
                const depthText = isPoint(t.depthLength) ? `Depth ${deepest} mm` : `Depth up to ${deepest} mm (${formatSpan(t.depthLength)} mm)`;
                const needleText = isPoint(t.needleLength) ? `the ${shortest} mm needle` : `the shortest needle, ${shortest} mm (${formatSpan(t.needleLength)} mm),`;
                report(accept, 'error', IssueCodes.DepthExceedsNeedle,
                    `${depthText}${depth?.layer && !depth.length ? ` (the top of layer '${depth.layer.$refText}')` : ''} is deeper than ${needleText} of technique '${t.technique.name}'.`,
                    { ...depthTarget, data: { depth: t.depthLength.high.valueOf(), needle: t.needleLength.low.valueOf() } });
            }
            const layer = depth?.layer?.ref;
            if (layer && depth?.length && t.depthLength) {
                const { from, to } = band(layer);
                if ((from && t.depthLength.low.compare(from) < 0) || (to && t.depthLength.high.compare(to) > 0)) {
                    report(accept, 'warning', IssueCodes.DepthOutOfRange,
                        `Depth ${formatSpan(t.depthLength)} mm is outside layer '${layer.name}' (${from ? formatNumber(from) : '?'}–${to ? formatNumber(to) : '?'} mm).`,
                        { node: depth, property: 'length', relatedInformation: relatedTo(layer, 'layer declared here') });
                }
            }
            for (const limit of depthTarget && t.depthLength ? limits('depth') : []) {
                if (!violatesSpan(limit, t.depthLength!)) continue;
                report(accept, limit.severity, IssueCodes.DepthOutOfRange,
                    `Depth ${worst(t.depthLength!, breakingEnd(limit, t.depthLength!), 'mm')} of technique '${t.technique.name}' is outside the depth limit (${limitText(limit, 'mm')}) ${sourceNote(limit.limit)}.`,
                    { ...depthTarget!, relatedInformation: relatedTo(limit.limit, 'limit declared here') });
            }
            for (const limit of needle && t.needleLength ? limits('needle length') : []) {
                if (!violatesSpan(limit, t.needleLength!)) continue;
                report(accept, limit.severity, IssueCodes.NeedleLength,
                    `Needle length ${worst(t.needleLength!, breakingEnd(limit, t.needleLength!), 'mm')} of technique '${t.technique.name}' is outside the limit (${limitText(limit, 'mm')}) ${sourceNote(limit.limit)}.`,
                    { node: needle!, property: 'length', relatedInformation: relatedTo(limit.limit, 'limit declared here') });
            }
            const vpp = t.technique.settings.find(isVolumePerPointSetting);
            for (const limit of vpp && t.volumePerPoint ? limits('volume per point') : []) {
                if (!violatesSpan(limit, t.volumePerPoint!)) continue;
                const end = breakingEnd(limit, t.volumePerPoint!);
                report(accept, limit.severity, IssueCodes.VolumePerPoint,
                    `${worst(t.volumePerPoint!, end, 'mL', true)} per point in technique '${t.technique.name}' is ${end === 'high' ? 'above' : 'below'} the limit (${limitText(limit, 'mL')}) ${sourceNote(limit.limit)}.`,
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
                // The most a technique draws against the least the mixture holds.
                if (i.draw?.kind === 'points' && mixtureVolume && i.draw.volume.high.compare(mixtureVolume.low) > 0) {
                    const t = i.technique!;
                    const drawn = isPoint(i.draw.volume) ? `${formatNumber(i.draw.volume.high)} mL` : `up to ${formatNumber(i.draw.volume.high)} mL`;
                    report(accept, 'error', IssueCodes.InsufficientMixture,
                        `Technique '${t.technique.name}' injects ${drawn} (${i.points ? formatSpan(i.points) : '?'} points × ${formatSpan(t.volumePerPoint!)} mL${i.areas.length > 1 ? ` over ${i.areas.length} areas` : ''}) but mixture '${i.mixture!.mixture.name}' holds ${isPoint(mixtureVolume) ? 'only' : 'as little as'} ${formatNumber(mixtureVolume.low)} mL.`,
                        { node: i.inject, property: 'technique', data: { injected: i.draw.volume.high.valueOf(), available: mixtureVolume.low.valueOf() } });
                }
                for (const dose of i.doses) {
                    const intended = intendedLayersOf(dose.substance, semantics.profile);
                    const depth = i.technique?.depthLength;
                    const layer = i.technique?.technique.settings.find(isDepthSetting)?.layer?.ref;
                    if (intended.length === 0 || !depth || (layer && intended.includes(layer))) continue;
                    // Every depth of the range must lie in an intended layer.
                    const inside = intended.some(l => { const b = band(l); return b.from && b.to && depth.low.compare(b.from) >= 0 && depth.high.compare(b.to) <= 0; });
                    if (inside) continue;
                    report(accept, 'warning', IssueCodes.WrongLayer,
                        `'${dose.substance.name}' is meant for ${intended.map(l => `'${l.name}'`).join(' or ')}, but technique '${i.technique!.technique.name}' injects at ${layer ? `'${layer.name}'` : `${formatSpan(depth)} mm`}.`,
                        { node: i.inject, property: i.inject.technique ? 'technique' : 'mixture', relatedInformation: relatedTo(intended[0], 'intended layer') });
                }
            }
            this.checkDrawsMustFitMixtures(s, accept);
            this.checkMixturesMustFitSyringes(s, accept);
            const name = { node: s.session, property: 'name' as const };
            for (const limit of s.points !== undefined ? limits('points per session') : []) {
                if (!violatesSpan(limit, s.points!)) continue;
                report(accept, limit.severity, IssueCodes.PointsPerSession,
                    `Session '${s.session.name}' has ${worst(s.points!, breakingEnd(limit, s.points!), 'injection points')}; the limit is ${limitText(limit, 'points')} ${sourceNote(limit.limit)}.`,
                    { ...name, relatedInformation: relatedTo(limit.limit, 'limit declared here') });
            }
            for (const limit of s.injectedVolume ? limits('volume per session') : []) {
                if (!violatesSpan(limit, s.injectedVolume!)) continue;
                report(accept, limit.severity, IssueCodes.VolumePerSession,
                    `Session '${s.session.name}' injects ${worst(s.injectedVolume!, breakingEnd(limit, s.injectedVolume!), 'mL')}; the limit is ${limitText(limit, 'mL')} ${sourceNote(limit.limit)}.`,
                    { ...name, relatedInformation: relatedTo(limit.limit, 'limit declared here') });
            }
        }
    }

    /**
     * A mixture is made up in one syringe: its whole volume (its top, or what the inject draws
     * when the volume is unknown) must fit the syringe its inject uses (the technique's, else the
     * session's). Said once per mixture and syringe in a session, on the first such inject.
     */
    private checkMixturesMustFitSyringes(s: SessionFacts, accept: ValidationAcceptor): void {
        const said = new Map<unknown, Set<unknown>>();
        for (const i of s.injects) {
            const capacity = i.syringe?.capacity;
            const needed = i.mixture?.volume ?? i.injectedVolume;
            if (!i.syringe || !capacity || !i.mixture || !needed || needed.high.compare(capacity) <= 0) continue;
            const mixtures = said.get(i.syringe.setting) ?? new Set<unknown>();
            if (mixtures.has(i.mixture)) continue;
            said.set(i.syringe.setting, mixtures.add(i.mixture));
            const whose = i.technique?.syringe === i.syringe ? `technique '${i.technique.technique.name}'` : `session '${s.session.name}'`;
            const what = i.mixture.volume ? `mixture '${i.mixture.mixture.name}' is ${isPoint(needed) ? '' : 'up to '}${formatNumber(needed.high)} mL`
                : `this inject draws ${isPoint(needed) ? '' : 'up to '}${formatNumber(needed.high)} mL of mixture '${i.mixture.mixture.name}'`;
            report(accept, 'error', IssueCodes.SyringeOverfilled,
                `The ${formatNumber(capacity)} mL syringe of ${whose} is too small: ${what}. Name a larger syringe, or split the mixture.`,
                { node: i.inject, property: 'mixture', relatedInformation: relatedTo(i.syringe.setting, 'syringe declared here'),
                    data: { needed: needed.high.valueOf(), capacity: capacity.valueOf() } });
        }
    }

    /**
     * A mixture is prepared once per session: all its injects together draw no more than it
     * holds (the most drawn against the least held), unless it is `prepared per inject`. One
     * inject that alone draws too much is insufficient-mixture, said there and not again.
     */
    private checkDrawsMustFitMixtures(s: SessionFacts, accept: ValidationAcceptor): void {
        for (const d of s.draws) {
            const held = d.mixture.volume;
            if (d.mixture.mixture.perInject || d.injects.length < 2 || !held || !d.volume) continue;
            if (d.injects.some(i => !i.injectedVolume || i.injectedVolume.high.compare(held.low) > 0)) continue;
            if (d.volume.high.compare(held.low) <= 0) continue;
            const each = d.injects.map(i => `${formatSpan(i.injectedVolume!)} mL`).join(' + ');
            const name = d.mixture.mixture.name;
            report(accept, 'error', IssueCodes.MixtureOverdrawn,
                `Session '${s.session.name}' draws ${isPoint(d.volume) ? '' : 'up to '}${formatNumber(d.volume.high)} mL from mixture '${name}' (${each}) but it holds ${isPoint(held) ? 'only' : 'as little as'} ${formatNumber(held.low)} mL: prepare more, or declare it \`mixture ${name} prepared per inject\` if each inject gets a syringe of its own.`,
                { node: d.injects[d.injects.length - 1].inject, property: 'mixture', relatedInformation: relatedTo(d.mixture.mixture, 'mixture declared here'),
                    data: { drawn: d.volume.high.valueOf(), available: held.low.valueOf() } });
        }
    }
}
