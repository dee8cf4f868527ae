import { DEFAULT_PROFILE } from './profiles.js';
import { Fraction } from 'fraction.js';
import type { AstNode } from 'langium';
import {
    isDurationClause, isInject, isMixture, isNeedleSetting, isDepthSetting, isPointsSetting, isSchedule, isSession,
    isTechnique, isSyringeSetting, isVolumePerPointSetting, isPatientsFromClause, isIndicationClause, isSkinTestPlan, isAreaClause,
    type AreaClause, type Component, type Inject, type Mixture, type Protocol, type Session, type Substance, type SyringeSetting, type Technique
} from '../generated/ast.js';
import { protocolCare, type CareFacts } from './care.js';
import { areaFacts, drawOf, type AreaDelivery, type AreaFacts } from './areas.js';
import type { Measure } from '../units/quantity.js';
import { mul, sumKnown, type Span } from '../units/span.js';
import { count, MAX_COUNT } from './counts.js';
import { delivered, type Draw, type PartTerm } from './dose-share.js';
import { mixtureFacts, type ComponentFacts, type MixtureFacts } from './mixture-facts.js';
import { NodeMemo } from './node-memo.js';
import { sumDoses, totalsOver } from './dose-sums.js';
import { mixtureDraws, productDeliveries, type MixtureDraw, type ProductDelivery } from './session-draws.js';
import { substancesOf } from './strengths.js';
import { known, readCount, readSpan, readValue } from './reading.js';
import { countOf, layOutSchedule, type ScheduledSession } from './schedule.js';

export { mixtureFacts, type ComponentFacts, type MixtureFacts } from './mixture-facts.js';
export type { ScheduledSession } from './schedule.js';
export type { MixtureDraw, ProductDelivery } from './session-draws.js';
export { sumDoses } from './dose-sums.js';

/**
 * The one place where doses and schedules are computed. Validation, hover, inlay hints,
 * the compiler and the CLI read these facts; nothing else multiplies volumes by strengths.
 * All arithmetic is exact (fractions), with both ends of every range; rounding happens only
 * when a number is shown.
 */

/** Delivered amount of one substance: by one inject, or summed over a session. */
export interface Dose {
    readonly substance: Substance;
    /** Injected volume of the components carrying it, mL (undefined when unknown). */
    readonly volume?: Span;
    /** Delivered amount (undefined when it cannot be computed, e.g. no concentration). */
    readonly amount?: Measure;
    /** The components that delivered it (for ranges and hovers). */
    readonly components: Component[];
    /** A figure it depends on could not be read (reported there): its caps are not checked, and nothing more is said. */
    readonly unreadable: boolean;
}

export interface TechniqueFacts {
    readonly technique: Technique;
    readonly gauge?: number;
    readonly needleLength?: Span;
    readonly depthLength?: Span;
    readonly volumePerPoint?: Span;
    readonly points?: Span;
    /** points × volume per point, when the technique gives both. */
    readonly injectedVolume?: Span;
    readonly device?: string;
    /** The syringe it names (`syringe 1 mL`) and its capacity, mL (undefined when it cannot be read). */
    readonly syringe?: Syringe;
    /** Its points or volume per point are written but cannot be read: what it injects is unknown. */
    readonly unreadable: boolean;
}

export interface Syringe {
    readonly setting: SyringeSetting;
    readonly capacity?: Fraction;
}

/** The syringe a technique or session names, with its capacity. */
export function syringeOf(settings: readonly AstNode[]): Syringe | undefined {
    const setting = settings.find(isSyringeSetting);
    return setting && { setting, capacity: known(readValue(setting.capacity, 'volume')) };
}

export interface InjectFacts {
    readonly inject: Inject;
    readonly mixture?: MixtureFacts;
    readonly technique?: TechniqueFacts;
    /** What is drawn: points × volume per point, or the whole mixture; undefined when unknown. */
    readonly draw?: Draw;
    /** The volume injected, mL (undefined when unknown). */
    readonly injectedVolume?: Span;
    /** Points given: the technique's, or summed over the areas it goes into. */
    readonly points?: Span;
    /** The syringe its mixture is made up in: its technique's, else its session's. */
    readonly syringe?: Syringe;
    readonly doses: Dose[];
    /** One entry per area named by `into` (resolved ones), in order. */
    readonly areas: AreaDelivery[];
}

export interface SessionFacts {
    readonly session: Session;
    readonly injects: InjectFacts[];
    /** Per mixture the session injects, what it draws in all. */
    readonly draws: MixtureDraw[];
    /** Per product the session injects, its volume. */
    readonly products: ProductDelivery[];
    /** Per substance, summed over the session's injects, in order of first appearance. */
    readonly doses: Dose[];
    readonly injectedVolume?: Span;
    readonly points?: Span;
    readonly durationDays?: Span;
}

export interface SubstanceTotal {
    readonly substance: Substance;
    readonly amount?: Measure;
    readonly volume?: Span;
}

export interface ProtocolSemantics {
    readonly protocol: Protocol;
    /** The rule profile the protocol is judged under (profiles.ts). */
    readonly profile: string;
    readonly indication?: string;
    readonly minWeightKg?: Fraction;
    /** `patients from` is written but cannot be read: its error says the caps per kg are not checked. */
    readonly minWeightUnreadable: boolean;
    readonly skinTestLeadDays?: Span;
    readonly mixtures: MixtureFacts[];
    readonly techniques: TechniqueFacts[];
    /** Every `area` clause, named or for the record only. */
    readonly areas: AreaFacts[];
    /** Pre-treatment, after-care and co-therapies: the protocol's, then each session's. */
    readonly care: CareFacts[];
    readonly sessions: SessionFacts[];
    /** Every session at the top of every count range (see ScheduledSession.optional). */
    readonly schedule: ScheduledSession[];
    /** A phase's count could not be read: counts and totals are unknown (their amounts undefined). */
    readonly countsUnknown: boolean;
    /** A phase's `every` or `after` could not be read or is missing: the days from there on are unknown. */
    readonly daysUnknown: boolean;
    readonly totals: {
        /** Cycle sessions (maintenance excluded): mandatory ones (low) and in all (high); undefined when a count is unknown. */
        readonly cycleSessions?: Span;
        readonly maintenanceSessions?: Span;
        /** Day of the last session; undefined when unknown. */
        readonly durationDays?: Span;
        /** Over every scheduled session, maintenance included. */
        readonly substances: SubstanceTotal[];
        /** Over cycle (non-maintenance) sessions only: what `max … per cycle` caps. */
        readonly cycleSubstances: SubstanceTotal[];
    };
}

export function techniqueFacts(technique: Technique): TechniqueFacts {
    const needle = technique.settings.find(isNeedleSetting);
    const depth = technique.settings.find(isDepthSetting);
    // An explicit length wins; a layer alone stands for its shallowest depth.
    const layerTop = depth?.layer?.ref ? known(readValue(depth.layer.ref.from, 'length')) : undefined;
    const depthLength = depth?.length ? known(readSpan(depth.length, 'length')) : layerTop && { low: layerTop, high: layerTop };
    const vpp = readSpan(technique.settings.find(isVolumePerPointSetting)?.volume, 'volume');
    const pointsSetting = technique.settings.find(isPointsSetting);
    const points = readCount(pointsSetting?.count, pointsSetting?.countHigh, MAX_COUNT.points);
    const volumePerPoint = known(vpp);
    const knownPoints = known(points);
    return {
        technique,
        gauge: count(needle?.gauge, Number.MAX_SAFE_INTEGER),
        needleLength: known(readSpan(needle?.length, 'length')),
        depthLength,
        volumePerPoint,
        points: knownPoints,
        injectedVolume: volumePerPoint && knownPoints ? mul(volumePerPoint, knownPoints) : undefined,
        device: technique.settings.find(s => s.$type === 'DeviceSetting')?.kind,
        syringe: syringeOf(technique.settings),
        unreadable: vpp === 'unreadable' || points === 'unreadable'
    };
}

/** The terms of `substance` in a mixture, or undefined when one component's amount is unknown. */
function partOf(mixture: MixtureFacts, substance: Substance): PartTerm[] | undefined {
    const terms: PartTerm[] = [];
    for (const c of mixture.components) {
        const carried = c.carries.find(x => x.substance === substance);
        if (!carried) continue;
        if (!carried.amount || carried.volumeAtLow === undefined || carried.volumeAtHigh === undefined) return undefined;
        terms.push({ component: c.component, amount: carried.amount.span, volumeAtLow: carried.volumeAtLow, volumeAtHigh: carried.volumeAtHigh });
    }
    return terms;
}

/** The terms of the components carrying `substance`, by their own volume. */
function volumePartOf(mixture: MixtureFacts, substance: Substance): PartTerm[] | undefined {
    const terms: PartTerm[] = [];
    for (const c of mixture.components) {
        if (!c.carries.some(x => x.substance === substance)) continue;
        if (!c.volume) return undefined;
        terms.push({ component: c.component, amount: c.volume, volumeAtLow: c.volume.low, volumeAtHigh: c.volume.high });
    }
    return terms;
}

/** The amount of `substance` delivered by an inject (also what one component alone delivers). */
export function deliveredBy(mixture: MixtureFacts, draw: Draw | undefined, substance: Substance, component?: ComponentFacts): { amount?: Measure; volume?: Span } {
    const only = (terms: PartTerm[] | undefined) => component ? terms?.filter(t => t.component === component.component) : terms;
    const carrying = mixture.components.filter(c => c.carries.some(x => x.substance === substance));
    const dimensions = new Set(carrying.map(c => c.carries.find(x => x.substance === substance)?.amount?.dimension));
    const part = only(partOf(mixture, substance));
    const amountSpan = draw && part && dimensions.size === 1 ? delivered(part, mixture, draw) : undefined;
    const dimension = [...dimensions][0];
    const volumePart = only(volumePartOf(mixture, substance));
    const volume = draw && volumePart ? (draw.kind === 'whole' ? sumKnown(volumePart.map(t => t.amount)) : delivered(volumePart, mixture, draw)) : undefined;
    return { amount: amountSpan && dimension ? { span: amountSpan, dimension } : undefined, volume };
}

function injectFacts(inject: Inject, mixtures: Map<Mixture, MixtureFacts>, techniques: Map<Technique, TechniqueFacts>, areas: Map<AreaClause, AreaFacts>): InjectFacts {
    const mixture = inject.mixture?.ref ? mixtures.get(inject.mixture?.ref) : undefined;
    const technique = inject.technique?.ref ? techniques.get(inject.technique.ref) : undefined;
    const { draw, perArea } = drawOf(inject, technique, areas);
    const points = perArea.length > 0 ? sumKnown(perArea.map(a => a.points)) : technique?.points;
    if (!mixture) return { inject, technique, points, doses: [], areas: perArea.map(a => ({ ...a, upToWhole: false, doses: [] })) };
    const injectedVolume = draw?.kind === 'points' ? draw.volume : draw ? mixture.volume : undefined;
    const unreadable = mixture.unreadable || !draw;
    const doses: Dose[] = [];
    for (const substance of new Set(mixture.components.flatMap(c => c.carries.map(x => x.substance)))) {
        // A product's strength for it that cannot be read leaves its dose unread too.
        const own = unreadable || mixture.components.some(c => c.carries.some(x => x.substance === substance && x.unreadable));
        const { amount, volume } = own ? {} : deliveredBy(mixture, draw, substance);
        const components = mixture.components.filter(c => c.carries.some(x => x.substance === substance)).map(c => c.component);
        doses.push({ substance, amount, volume, components, unreadable: own });
    }
    const areaDeliveries: AreaDelivery[] = perArea.map(a => {
        const own: Draw | undefined = a.volume ? { kind: 'points', volume: a.volume } : draw?.kind === 'whole' ? draw : undefined;
        return {
            ...a, volume: a.volume ?? (own ? mixture.volume : undefined), upToWhole: own?.kind === 'whole',
            doses: doses.map(d => ({ substance: d.substance, amount: unreadable || !own ? undefined : deliveredBy(mixture, own, d.substance).amount }))
        };
    });
    return { inject, mixture, technique, draw, injectedVolume, points, doses, areas: areaDeliveries };
}

function sessionFacts(session: Session, mixtures: Map<Mixture, MixtureFacts>, techniques: Map<Technique, TechniqueFacts>, areas: Map<AreaClause, AreaFacts>): SessionFacts {
    const own = syringeOf(session.items);
    const injects = session.items.filter(isInject).map(i => injectFacts(i, mixtures, techniques, areas))
        .map(i => ({ ...i, syringe: i.technique?.syringe ?? own }));
    return {
        session, injects, draws: mixtureDraws(injects), products: productDeliveries(injects),
        injectedVolume: sumKnown(injects.map(i => i.injectedVolume)),
        points: sumKnown(injects.map(i => i.points)),
        doses: sumDoses(injects.flatMap(i => i.doses)),
        durationDays: known(readSpan(session.items.find(isDurationClause)?.duration, 'time'))
    };
}

// Facts of the blocks a keystroke did not touch are kept (see NodeMemo).
const mixtureMemo = new NodeMemo<Mixture, MixtureFacts>();
const techniqueMemo = new NodeMemo<Technique, TechniqueFacts>();
const sessionMemo = new NodeMemo<Session, SessionFacts>();
const areaMemo = new NodeMemo<AreaClause, AreaFacts>();

/** Computes every derived fact of a protocol. Pure: the same AST gives the same result. */
export function computeProtocolSemantics(protocol: Protocol, profile: string = DEFAULT_PROFILE): ProtocolSemantics {
    const mixtures = new Map(protocol.members.filter(isMixture)
        .map(m => [m, mixtureMemo.get(m, m.components.flatMap(c => [c.substance?.ref, ...substancesOf(c.substance?.ref)]), () => mixtureFacts(m))]));
    const techniques = new Map(protocol.members.filter(isTechnique)
        .map(t => [t, techniqueMemo.get(t, [t.settings.find(isDepthSetting)?.layer?.ref], () => techniqueFacts(t))]));
    const areas = new Map(protocol.members.filter(isAreaClause).map(a => [a, areaMemo.get(a, [a.region?.ref], () => areaFacts(a))]));
    const sessions = new Map(protocol.members.filter(isSession).map(s => [s, sessionMemo.get(s,
        s.items.filter(isInject).flatMap(i => [i.mixture?.ref && mixtures.get(i.mixture.ref), i.technique?.ref && techniques.get(i.technique.ref),
            ...i.areas.map(r => r.ref && areas.get(r.ref))]),
        () => sessionFacts(s, mixtures, techniques, areas))]));
    const weight = readValue(protocol.members.find(isPatientsFromClause)?.weight, 'body-weight');
    const layout = layOutSchedule(protocol, sessions);
    const schedule = layout.sessions;
    const cycle = schedule.filter(s => !s.maintenance);
    const unknown = layout.countsUnknown;
    // With a count unknown, the substances of every phase are still listed (a patient's
    // allergies meet them), without amounts.
    const phased = (maintenance?: boolean) => sumDoses(protocol.members.filter(isSchedule).flatMap(s => s.phases)
        .filter(p => maintenance === undefined || p.maintenance === maintenance)
        .flatMap(p => (p.session?.ref && sessions.get(p.session.ref)?.doses) || [])).map(d => ({ substance: d.substance }));
    const totals = (list: ScheduledSession[], maintenance?: boolean) => unknown ? phased(maintenance) : totalsOver(list);
    return {
        protocol,
        profile,
        indication: protocol.members.find(isIndicationClause)?.indication,
        minWeightKg: known(weight),
        minWeightUnreadable: weight === 'unreadable',
        skinTestLeadDays: known(readSpan(protocol.members.find(isSkinTestPlan)?.lead, 'time')),
        mixtures: [...mixtures.values()],
        techniques: [...techniques.values()],
        areas: [...areas.values()],
        care: protocolCare(protocol),
        sessions: [...sessions.values()],
        schedule,
        countsUnknown: layout.countsUnknown,
        daysUnknown: layout.daysUnknown,
        totals: {
            cycleSessions: unknown ? undefined : countOf(cycle),
            maintenanceSessions: unknown ? undefined : countOf(schedule.filter(s => s.maintenance)),
            durationDays: layout.end,
            substances: totals(schedule),
            cycleSubstances: totals(cycle, false)
        }
    };
}
