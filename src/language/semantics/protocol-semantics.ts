import { Fraction } from 'fraction.js';
import {
    isDurationClause, isInject, isMixture, isNeedleSetting, isDepthSetting, isPointsSetting, isSchedule, isSession,
    isTechnique, isVolumePerPointSetting, isPatientsFromClause, isIndicationClause, isSkinTestPlan,
    type Component, type Inject, type Mixture, type Phase, type Protocol, type Session, type Substance, type Technique
} from '../generated/ast.js';
import { toAmount, type Amount } from '../units/quantity.js';
import { concentrationOf } from './library.js';
import { count, MAX_COUNT } from './counts.js';
import { NodeMemo } from './node-memo.js';

/**
 * The one place where doses and schedules are computed. Validation, hover, inlay hints,
 * the compiler and the CLI read these facts; nothing else multiplies volumes by strengths.
 * All arithmetic is exact (fractions); rounding happens only when a number is shown.
 */

/** What one mixture component contributes to the whole mixture. */
export interface ComponentFacts {
    readonly component: Component;
    readonly substance?: Substance;
    /** Volume of the component in the mixture, mL (undefined: given by amount without a concentration). */
    readonly volume?: Fraction;
    /** Amount of substance in the whole mixture (undefined: given by volume without a concentration). */
    readonly amount?: Amount;
}

export interface MixtureFacts {
    readonly mixture: Mixture;
    readonly components: ComponentFacts[];
    /** Sum of the component volumes, mL; undefined when a component's volume is unknown. */
    readonly volume?: Fraction;
}

/** Delivered amount of one substance: by one inject, or summed over a session. */
export interface Dose {
    readonly substance: Substance;
    /** Injected volume of the component, mL (undefined when the mixture's volume is unknown). */
    readonly volume?: Fraction;
    /** Delivered amount (undefined when it cannot be computed, e.g. no concentration). */
    readonly amount?: Amount;
    /** The components that delivered it (for ranges and hovers). */
    readonly components: Component[];
}

export interface TechniqueFacts {
    readonly technique: Technique;
    readonly gauge?: number;
    readonly needleLength?: Fraction;
    readonly depthLength?: Fraction;
    readonly volumePerPoint?: Fraction;
    readonly points?: number;
    /** points × volume per point, when the technique gives both. */
    readonly injectedVolume?: Fraction;
    readonly device?: string;
}

export interface InjectFacts {
    readonly inject: Inject;
    readonly mixture?: MixtureFacts;
    readonly technique?: TechniqueFacts;
    /** points × volume per point, or the whole mixture when the technique gives no points. */
    readonly injectedVolume?: Fraction;
    /** Injected share of the mixture (1 when all of it is injected); undefined when unknown. */
    readonly share?: Fraction;
    readonly doses: Dose[];
}

export interface SessionFacts {
    readonly session: Session;
    readonly injects: InjectFacts[];
    /** Per substance, summed over the session's injects, in order of first appearance. */
    readonly doses: Dose[];
    readonly injectedVolume?: Fraction;
    readonly points?: number;
    readonly durationDays?: Fraction;
}

export interface ScheduledSession {
    /** 1-based position in the whole schedule. */
    readonly index: number;
    /** Days after session 1. */
    readonly day: Fraction;
    readonly phase: Phase;
    readonly maintenance: boolean;
    readonly facts?: SessionFacts;
}

export interface SubstanceTotal {
    readonly substance: Substance;
    readonly amount?: Amount;
    readonly volume?: Fraction;
}

export interface ProtocolSemantics {
    readonly protocol: Protocol;
    readonly indication?: string;
    readonly minWeightKg?: Fraction;
    readonly skinTestLeadDays?: Fraction;
    readonly mixtures: MixtureFacts[];
    readonly techniques: TechniqueFacts[];
    readonly sessions: SessionFacts[];
    readonly schedule: ScheduledSession[];
    readonly totals: {
        readonly cycleSessions: number;
        readonly maintenanceSessions: number;
        readonly durationDays: Fraction;
        /** Over every scheduled session, maintenance included. */
        readonly substances: SubstanceTotal[];
        /** Over cycle (non-maintenance) sessions only: what `max … per cycle` caps. */
        readonly cycleSubstances: SubstanceTotal[];
    };
}

function amountOf(q: Parameters<typeof toAmount>[0] | undefined, dimension: string): Fraction | undefined {
    const a = q ? toAmount(q) : undefined;
    return a && a.dimension === dimension ? a.value : undefined;
}

export function mixtureFacts(mixture: Mixture): MixtureFacts {
    const components = mixture.components.map(componentFacts);
    const volume = components.every(c => c.volume !== undefined)
        ? components.reduce((sum, c) => sum.add(c.volume!), new Fraction(0))
        : undefined;
    return { mixture, components, volume };
}

function componentFacts(component: Component): ComponentFacts {
    const substance = component.substance?.ref;
    const given = toAmount(component.quantity);
    const strength = substance ? concentrationOf(substance) : undefined;
    if (!given) return { component, substance };
    if (given.dimension === 'volume') {
        const amount = strength ? { value: given.value.mul(strength.perMl), dimension: strength.dimension } : undefined;
        return { component, substance, volume: given.value, amount };
    }
    if (given.dimension === 'mass' || given.dimension === 'activity') {
        const volume = strength && strength.dimension === given.dimension && !strength.perMl.equals(0)
            ? given.value.div(strength.perMl) : undefined;
        return { component, substance, volume, amount: given };
    }
    return { component, substance };
}

export function techniqueFacts(technique: Technique): TechniqueFacts {
    const needle = technique.settings.find(isNeedleSetting);
    const depth = technique.settings.find(isDepthSetting);
    // An explicit length wins; a layer alone stands for its shallowest depth.
    const depthLength = depth?.length ? amountOf(depth.length, 'length') : amountOf(depth?.layer?.ref?.from, 'length');
    const volumePerPoint = amountOf(technique.settings.find(isVolumePerPointSetting)?.volume, 'volume');
    const points = count(technique.settings.find(isPointsSetting)?.count, MAX_COUNT.points);
    return {
        technique,
        gauge: count(needle?.gauge, Number.MAX_SAFE_INTEGER),
        needleLength: amountOf(needle?.length, 'length'),
        depthLength,
        volumePerPoint,
        points,
        injectedVolume: volumePerPoint && points !== undefined ? volumePerPoint.mul(points) : undefined,
        device: technique.settings.find(s => s.$type === 'DeviceSetting')?.kind
    };
}

function injectFacts(inject: Inject, mixtures: Map<Mixture, MixtureFacts>, techniques: Map<Technique, TechniqueFacts>): InjectFacts {
    const mixture = inject.mixture?.ref ? mixtures.get(inject.mixture?.ref) : undefined;
    const technique = inject.technique?.ref ? techniques.get(inject.technique.ref) : undefined;
    if (!mixture) return { inject, technique, doses: [] };
    // Without points the whole mixture goes in (share 1, even when its volume is unknown).
    const byPoints = technique?.injectedVolume;
    const injectedVolume = byPoints ?? mixture.volume;
    const share = !byPoints ? new Fraction(1)
        : mixture.volume !== undefined && !mixture.volume.equals(0) ? byPoints.div(mixture.volume) : undefined;
    const doses: Dose[] = [];
    for (const c of mixture.components) {
        if (!c.substance) continue;
        const amount = c.amount && share ? { value: c.amount.value.mul(share), dimension: c.amount.dimension } : undefined;
        const volume = c.volume && share ? c.volume.mul(share) : undefined;
        doses.push({ substance: c.substance, amount, volume, components: [c.component] });
    }
    return { inject, mixture, technique, injectedVolume, share, doses: sumDoses(doses) };
}

/** Sums doses of the same substance; an unknown part makes the sum unknown. */
export function sumDoses(doses: Dose[]): Dose[] {
    const bySubstance = new Map<Substance, Dose>();
    // Sums made here are extended in place: copying the component list at every addition
    // made the totals over a long schedule quadratic in the number of sessions.
    const sums = new Set<Dose>();
    for (const d of doses) {
        const prev = bySubstance.get(d.substance);
        if (!prev) { bySubstance.set(d.substance, d); continue; }
        const amount = prev.amount && d.amount && prev.amount.dimension === d.amount.dimension
            ? { value: prev.amount.value.add(d.amount.value), dimension: d.amount.dimension } : undefined;
        const volume = prev.volume && d.volume ? prev.volume.add(d.volume) : undefined;
        if (sums.has(prev)) {
            const sum = prev as { -readonly [K in keyof Dose]: Dose[K] };
            sum.amount = amount;
            sum.volume = volume;
            sum.components.push(...d.components);
        } else {
            const sum: Dose = { substance: d.substance, amount, volume, components: [...prev.components, ...d.components] };
            sums.add(sum);
            bySubstance.set(d.substance, sum);
        }
    }
    return [...bySubstance.values()];
}

function sessionFacts(session: Session, mixtures: Map<Mixture, MixtureFacts>, techniques: Map<Technique, TechniqueFacts>): SessionFacts {
    const injects = session.items.filter(isInject).map(i => injectFacts(i, mixtures, techniques));
    const injectedVolume = injects.every(i => i.injectedVolume !== undefined)
        ? injects.reduce((sum, i) => sum.add(i.injectedVolume!), new Fraction(0)) : undefined;
    const points = injects.every(i => i.technique?.points !== undefined)
        ? injects.reduce((sum, i) => sum + i.technique!.points!, 0) : undefined;
    return {
        session, injects, injectedVolume, points,
        doses: sumDoses(injects.flatMap(i => i.doses)),
        durationDays: amountOf(session.items.find(isDurationClause)?.duration, 'time')
    };
}

function scheduleOf(protocol: Protocol, sessions: Map<Session, SessionFacts>): ScheduledSession[] {
    const result: ScheduledSession[] = [];
    let last: Fraction | undefined;
    for (const phase of protocol.members.filter(isSchedule).flatMap(s => s.phases)) {
        // Past the total bound the rest of the schedule is left out (validation reports it).
        const n = Math.min(count(phase.count, MAX_COUNT.sessionsPerPhase) ?? 0, MAX_COUNT.scheduledSessions - result.length);
        const every = amountOf(phase.interval, 'time') ?? new Fraction(0);
        const gap = amountOf(phase.gap, 'time') ?? every;
        const facts = phase.session?.ref ? sessions.get(phase.session?.ref) : undefined;
        for (let i = 0; i < n; i++) {
            const day: Fraction = last === undefined ? new Fraction(0) : last.add(i === 0 ? gap : every);
            result.push({ index: result.length + 1, day, phase, maintenance: phase.maintenance, facts });
            last = day;
        }
    }
    return result;
}

function totalsOver(schedule: ScheduledSession[]): SubstanceTotal[] {
    // Each session's doses once, times the number of times it is scheduled: exact, and
    // linear in the sessions declared rather than in the sessions scheduled.
    const times = new Map<SessionFacts, number>();
    for (const s of schedule) if (s.facts) times.set(s.facts, (times.get(s.facts) ?? 0) + 1);
    const doses = [...times].flatMap(([facts, n]) => n === 1 ? facts.doses : facts.doses.map(d => ({
        ...d,
        amount: d.amount && { value: d.amount.value.mul(n), dimension: d.amount.dimension },
        volume: d.volume?.mul(n)
    })));
    return sumDoses(doses).map(d => ({ substance: d.substance, amount: d.amount, volume: d.volume }));
}

// Facts of the blocks a keystroke did not touch are kept (see NodeMemo).
const mixtureMemo = new NodeMemo<Mixture, MixtureFacts>();
const techniqueMemo = new NodeMemo<Technique, TechniqueFacts>();
const sessionMemo = new NodeMemo<Session, SessionFacts>();

/** Computes every derived fact of a protocol. Pure: the same AST gives the same result. */
export function computeProtocolSemantics(protocol: Protocol): ProtocolSemantics {
    const mixtures = new Map(protocol.members.filter(isMixture)
        .map(m => [m, mixtureMemo.get(m, m.components.map(c => c.substance?.ref), () => mixtureFacts(m))]));
    const techniques = new Map(protocol.members.filter(isTechnique)
        .map(t => [t, techniqueMemo.get(t, [t.settings.find(isDepthSetting)?.layer?.ref], () => techniqueFacts(t))]));
    const sessions = new Map(protocol.members.filter(isSession).map(s => [s, sessionMemo.get(s,
        s.items.filter(isInject).flatMap(i => [i.mixture?.ref && mixtures.get(i.mixture.ref), i.technique?.ref && techniques.get(i.technique.ref)]),
        () => sessionFacts(s, mixtures, techniques))]));
    const schedule = scheduleOf(protocol, sessions);
    const cycle = schedule.filter(s => !s.maintenance);
    return {
        protocol,
        indication: protocol.members.find(isIndicationClause)?.indication,
        minWeightKg: amountOf(protocol.members.find(isPatientsFromClause)?.weight, 'body-weight'),
        skinTestLeadDays: amountOf(protocol.members.find(isSkinTestPlan)?.lead, 'time'),
        mixtures: [...mixtures.values()],
        techniques: [...techniques.values()],
        sessions: [...sessions.values()],
        schedule,
        totals: {
            cycleSessions: cycle.length,
            maintenanceSessions: schedule.length - cycle.length,
            durationDays: schedule.length > 0 ? schedule[schedule.length - 1].day : new Fraction(0),
            substances: totalsOver(schedule),
            cycleSubstances: totalsOver(cycle)
        }
    };
}
