import { Fraction } from 'fraction.js';
import {
    isAliasesClause, isAreasClause, isClassClause, isMinAgeClause, isTherapyClause, isWashoutClause, isConcentrationClause, isContraindicatedClause, isEvidenceClause,
    isIntendedLayerClause, isMaxAmountClause, isMaxConsecutiveClause, isMaxCourseClause, isMaxPointsClause,
    isMaxSessionsClause, isMinIntervalClause, isMixingClause, isSkinTestClause, isSourceClause, isSubstanceClass,
    isWithdrawnClause,
    type Condition, type ContraindicatedClause, type Layer, type MaxAmountClause, type MaxConsecutiveClause,
    type MaxCourseClause, type MaxPointsClause, type MaxSessionsClause, type MinIntervalClause, type MixingClause,
    type AreasClause, type SkinTestClause, type Substance, type SubstanceClass, type SubstanceClause, type WithdrawnClause
} from '../generated/ast.js';
import { toAmount, type Amount } from '../units/quantity.js';
import { DEFAULT_PROFILE, selectForProfile, type ProfileTagged } from './profiles.js';

/**
 * Reading library facts off the AST: aliases, classes, concentration, caps. No arithmetic
 * beyond unit normalisation lives here; doses are computed in protocol-semantics.ts.
 */

/** Class names with a meaning in the language: diluents and vehicles are not active substances. */
export const INACTIVE_CLASS_NAMES: ReadonlySet<string> = new Set(['diluent', 'vehicle']);

/** Local anaesthetics are summed as fractions of their caps (domain brief D5). */
export const ANESTHETIC_CLASS_NAME = 'anesthetic';

export function aliasesOf(node: Substance | Condition): string[] {
    if (node.$type === 'Condition') return node.aliases;
    return node.clauses.filter(isAliasesClause).flatMap(c => c.names);
}

/** The classes a substance (or class) names itself, in order. */
export function directClassesOf(owner: RuleOwner): SubstanceClass[] {
    // A plain loop: called per substance and pair in the interaction and dose checks.
    const classes: SubstanceClass[] = [];
    for (const clause of owner.clauses) {
        if (!isClassClause(clause)) continue;
        for (const r of clause.classes) if (r.ref && !classes.includes(r.ref)) classes.push(r.ref);
    }
    return classes;
}

/**
 * The classes of a substance (or the parents of a class), its own first, then their parent classes
 * (`class amide_anesthetic { class anesthetic }`) level by level, each once; a cycle of parents
 * stops where it closes (a class is never its own parent).
 */
export function classLevelsOf(owner: RuleOwner): SubstanceClass[][] {
    const levels: SubstanceClass[][] = [];
    const seen = new Set<SubstanceClass>(isSubstanceClass(owner) ? [owner] : []);
    let level = directClassesOf(owner);
    while (level.length > 0) {
        const fresh = level.filter(c => !seen.has(c));
        if (fresh.length === 0) break;
        fresh.forEach(c => seen.add(c));
        levels.push(fresh);
        level = fresh.flatMap(directClassesOf);
    }
    return levels;
}

export function classesOf(substance: Substance): SubstanceClass[] {
    return classLevelsOf(substance).flat();
}

export function isActive(substance: Substance): boolean {
    return !classesOf(substance).some(c => INACTIVE_CLASS_NAMES.has(c.name));
}

export function hasClassNamed(substance: Substance, name: string): boolean {
    return classesOf(substance).some(c => c.name === name);
}

/** Amount per mL: mass (mg/mL) or activity (IU/mL). */
export interface Concentration {
    readonly perMl: Fraction;
    readonly dimension: 'mass' | 'activity';
}

/** The substance's concentration normalised per mL, or undefined when absent or ill-formed. */
export function concentrationOf(substance: Substance): Concentration | undefined {
    const clause = substance.clauses.find(isConcentrationClause);
    if (!clause) return undefined;
    const value = toAmount(clause.value);
    if (!value) return undefined;
    if (!clause.per) {
        if (value.dimension === 'concentration') return { perMl: value.value, dimension: 'mass' };
        if (value.dimension === 'activity-concentration') return { perMl: value.value, dimension: 'activity' };
        return undefined;
    }
    const per = toAmount(clause.per);
    if (!per || per.dimension !== 'volume' || per.value.equals(0)) return undefined;
    if (value.dimension === 'mass' || value.dimension === 'activity') {
        return { perMl: value.value.div(per.value), dimension: value.dimension };
    }
    return undefined;
}

// ---------------------------------------------------------------- rules and where they come from

/** A substance or a class: both carry rules. */
export type RuleOwner = Substance | SubstanceClass;

/** A rule clause in force for a substance, and the substance or class that declares it. */
export interface RuleInForce<C extends SubstanceClause = SubstanceClause> {
    readonly clause: C;
    readonly from: RuleOwner;
}

/** Days of a `per day` (any 24 h) or `per week` (any 7 days) cap; undefined for other scopes. */
export function windowDaysOf(clause: MaxAmountClause): Fraction | undefined {
    if (clause.scope === 'day') return new Fraction(1);
    if (clause.scope === 'week') return new Fraction(7);
    return undefined;
}

/**
 * What kind of rule a clause is, so that a nearer declaration of the same kind hides a farther
 * one (a member's own cap per session hides its class's cap per session, its own
 * contraindication in a condition hides the class's for that condition). Clauses that are not
 * rules (aliases, class, concentration, source, evidence) have no key and are never inherited.
 */
export function ruleKeys(clause: SubstanceClause): string[] {
    if (isMaxAmountClause(clause)) {
        const perKg = toAmount(clause.amount)?.dimension === 'dose-per-weight' ? 'kg' : 'abs';
        return [`max|${clause.scope}|${perKg}`];
    }
    if (isMaxSessionsClause(clause)) return ['max-sessions'];
    if (isMaxPointsClause(clause)) return ['max-points'];
    if (isMaxConsecutiveClause(clause)) return [`max-consecutive|${clause.period}`];
    if (isMaxCourseClause(clause)) return ['max-course'];
    if (isMinIntervalClause(clause)) return ['min-interval'];
    if (isContraindicatedClause(clause)) return clause.conditions.map(r => `contraindicated|${r.ref?.name ?? r.$refText}`);
    if (isIntendedLayerClause(clause)) return ['layer'];
    if (isWithdrawnClause(clause)) return ['withdrawn'];
    if (isSkinTestClause(clause)) return ['skin-test'];
    if (isMixingClause(clause)) return ['mixing'];
    if (isAreasClause(clause)) return ['areas'];
    if (isMinAgeClause(clause)) return ['min-age'];
    if (isTherapyClause(clause)) return [`therapy|${clause.condition?.$refText}`];
    if (isWashoutClause(clause)) return ['washout'];
    return [];
}

/**
 * Every rule clause in force for a substance: its own, then those of its classes level by
 * level (its own classes, then their parents). A kind of rule declared at one level hides that
 * kind at every farther level; declarations of one kind at the same level all apply (two
 * classes' caps are both checked). For a multi-condition contraindication, each condition is
 * its own kind: the clause applies for the conditions no nearer level declares.
 */
export function rulesInForce(substance: Substance, profile: string = DEFAULT_PROFILE): RuleInForce[] {
    const result: RuleInForce[] = [];
    const hidden = new Set<string>();
    const levels: RuleOwner[][] = [[substance], ...classLevelsOf(substance)];
    for (const level of levels) {
        const declared = new Set<string>();
        for (const owner of level) {
            for (const clause of clausesUnder(owner, profile)) {
                const keys = ruleKeys(clause);
                if (keys.length === 0 || keys.every(k => hidden.has(k))) continue;
                result.push({ clause, from: owner });
                keys.forEach(k => declared.add(k));
            }
        }
        declared.forEach(k => hidden.add(k));
    }
    return result;
}

/**
 * An owner's rule clauses under a profile (profiles.ts): those tagged for it first, then the
 * untagged ones it does not replace; clauses that are not rules keep their place after them.
 */
function clausesUnder(owner: RuleOwner, profile: string): SubstanceClause[] {
    const rules = owner.clauses.filter(c => ruleKeys(c).length > 0) as Array<SubstanceClause & ProfileTagged>;
    if (!rules.some(c => (c.profiles?.length ?? 0) > 0)) return owner.clauses;
    return selectForProfile(rules, profile, ruleKeys);
}

/** The rules in force of one clause type. */
export function rulesOfType<C extends SubstanceClause>(substance: Substance, is: (c: unknown) => c is C, profile: string = DEFAULT_PROFILE): Array<RuleInForce<C>> {
    return rulesInForce(substance, profile).filter((r): r is RuleInForce<C> => is(r.clause));
}

/** A cap on the amount of a substance. */
export interface AmountCap {
    readonly clause: MaxAmountClause;
    /** `session`, `cycle`, `per-kg` (mg/kg per session), `window` (per day or per week), `point` (per injection point), `area` (per area per session). */
    readonly kind: 'session' | 'cycle' | 'per-kg' | 'window' | 'point' | 'area';
    readonly amount: Amount;
    /** For a window cap: its length in days, and whether it is in mg/kg. */
    readonly windowDays?: Fraction;
    readonly perKg?: boolean;
    /** The substance or class that declares the cap. */
    readonly from: RuleOwner;
}

/** The scope of `max Q per area per session`, as the grammar gives it. */
export const AREA_PER_SESSION = 'area per session';

export function amountCapsOf(substance: Substance, profile: string = DEFAULT_PROFILE): AmountCap[] {
    const caps: AmountCap[] = [];
    for (const { clause, from } of rulesOfType(substance, isMaxAmountClause, profile)) {
        const amount = toAmount(clause.amount);
        if (!amount) continue;
        const perKg = amount.dimension === 'dose-per-weight';
        const windowDays = windowDaysOf(clause);
        if (windowDays) {
            if (perKg || amount.dimension === 'mass' || amount.dimension === 'activity') caps.push({ clause, kind: 'window', amount, windowDays, perKg, from });
        } else if (clause.scope === AREA_PER_SESSION) {
            if (amount.dimension === 'mass' || amount.dimension === 'activity') caps.push({ clause, kind: 'area', amount, from });
        } else if (clause.scope === 'point') {
            if (amount.dimension === 'mass' || amount.dimension === 'activity' || amount.dimension === 'volume') caps.push({ clause, kind: 'point', amount, from });
        } else if (perKg) {
            if (clause.scope === 'session') caps.push({ clause, kind: 'per-kg', amount, from });
        } else if ((clause.scope === 'session' || clause.scope === 'cycle') && (amount.dimension === 'mass' || amount.dimension === 'activity')) {
            caps.push({ clause, kind: clause.scope, amount, from });
        }
    }
    return caps;
}

function firstOfType<C extends SubstanceClause>(substance: Substance, is: (c: unknown) => c is C, profile: string): C | undefined {
    return rulesOfType(substance, is, profile)[0]?.clause;
}

export function maxSessionsOf(substance: Substance, profile: string = DEFAULT_PROFILE): MaxSessionsClause | undefined {
    return firstOfType(substance, isMaxSessionsClause, profile);
}

export function maxPointsOf(substance: Substance, profile: string = DEFAULT_PROFILE): MaxPointsClause | undefined {
    return firstOfType(substance, isMaxPointsClause, profile);
}

export function maxConsecutiveOf(substance: Substance, profile: string = DEFAULT_PROFILE): MaxConsecutiveClause[] {
    return rulesOfType(substance, isMaxConsecutiveClause, profile).map(r => r.clause);
}

export function maxCourseOf(substance: Substance, profile: string = DEFAULT_PROFILE): MaxCourseClause | undefined {
    return firstOfType(substance, isMaxCourseClause, profile);
}

export function minIntervalOf(substance: Substance, profile: string = DEFAULT_PROFILE): MinIntervalClause | undefined {
    return firstOfType(substance, isMinIntervalClause, profile);
}

export function withdrawnOf(substance: Substance, profile: string = DEFAULT_PROFILE): WithdrawnClause | undefined {
    return firstOfType(substance, isWithdrawnClause, profile);
}

/** The mixing rule in force (`mixing: warning "…"`), own or from a class. */
export function mixingOf(substance: Substance, profile: string = DEFAULT_PROFILE): RuleInForce<MixingClause> | undefined {
    return rulesOfType(substance, isMixingClause, profile)[0];
}

/** The regions the substance is labelled for (`areas submental`), own or from a class. */
export function areasRuleOf(substance: Substance): RuleInForce<AreasClause> | undefined {
    return rulesOfType(substance, isAreasClause)[0];
}

/** Whether the substance asks for a skin test (own or class rule), and the clause that says so. */
export function skinTestOf(substance: Substance, profile: string = DEFAULT_PROFILE): RuleInForce<SkinTestClause> | undefined {
    const rule = rulesOfType(substance, isSkinTestClause, profile)[0];
    return rule?.clause.required ? rule : undefined;
}

/** A contraindication in force: one condition, the clause that declares it and its owner. */
export interface ContraindicationInForce {
    readonly condition: Condition;
    readonly clause: ContraindicatedClause;
    readonly from: RuleOwner;
}

export function contraindicationsInForce(substance: Substance, profile: string = DEFAULT_PROFILE): ContraindicationInForce[] {
    const result: ContraindicationInForce[] = [];
    const taken = new Set<Condition>();
    for (const { clause, from } of rulesOfType(substance, isContraindicatedClause, profile)) {
        for (const r of clause.conditions) {
            // The nearest level's clause for a condition is listed first (rulesInForce order).
            if (!r.ref || taken.has(r.ref)) continue;
            taken.add(r.ref);
            result.push({ condition: r.ref, clause, from });
        }
    }
    return result;
}

/** The distinct contraindication clauses in force (for hovers and the record). */
export function contraindicationsOf(substance: Substance, profile: string = DEFAULT_PROFILE): ContraindicatedClause[] {
    return [...new Set(contraindicationsInForce(substance, profile).map(c => c.clause))];
}

export function intendedLayersOf(substance: Substance, profile: string = DEFAULT_PROFILE): Layer[] {
    return rulesOfType(substance, isIntendedLayerClause, profile).flatMap(r => r.clause.layers.map(l => l.ref))
        .filter((l): l is Layer => l !== undefined);
}

/** Where a figure comes from: its own `source`, else its declaration's. */
export interface Provenance {
    readonly source?: string;
    readonly evidence?: string;
    readonly evidenceNote?: string;
}

export function provenanceOf(clause: SubstanceClause): Provenance {
    const owner = clause.$container as RuleOwner;
    const own = 'source' in clause && !isSourceClause(clause) ? clause : undefined;
    const ownerSource = owner.clauses.find(isSourceClause)?.source ?? (isSubstanceClass(owner) ? owner.source : undefined);
    const ownerEvidence = owner.clauses.find(isEvidenceClause);
    const classEvidence = isSubstanceClass(owner) && owner.evidence ? { level: owner.evidence, note: owner.evidenceNote } : undefined;
    return {
        source: own?.source ?? ownerSource,
        evidence: (own && 'evidence' in own ? own.evidence : undefined) ?? ownerEvidence?.level ?? classEvidence?.level,
        evidenceNote: (own && 'evidenceNote' in own ? own.evidenceNote : undefined) ?? ownerEvidence?.note ?? classEvidence?.note
    };
}
