import type { Fraction } from 'fraction.js';
import {
    isAliasesClause, isClassClause, isConcentrationClause, isContraindicatedClause, isEvidenceClause,
    isIntendedLayerClause, isMaxAmountClause, isMaxSessionsClause, isMinIntervalClause, isSourceClause,
    isWithdrawnClause,
    type Condition, type ContraindicatedClause, type Layer, type MaxAmountClause, type MaxSessionsClause,
    type MinIntervalClause, type Substance, type SubstanceClass, type SubstanceClause, type WithdrawnClause
} from '../generated/ast.js';
import { toAmount, type Amount } from '../units/quantity.js';

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

export function classesOf(substance: Substance): SubstanceClass[] {
    // A plain loop: called per substance and pair in the interaction and dose checks.
    const classes: SubstanceClass[] = [];
    for (const clause of substance.clauses) {
        if (!isClassClause(clause)) continue;
        for (const r of clause.classes) if (r.ref) classes.push(r.ref);
    }
    return classes;
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

/** A cap on the amount of a substance. */
export interface AmountCap {
    readonly clause: MaxAmountClause;
    readonly kind: 'session' | 'cycle' | 'per-kg';
    readonly amount: Amount;
}

export function amountCapsOf(substance: Substance): AmountCap[] {
    const caps: AmountCap[] = [];
    for (const clause of substance.clauses.filter(isMaxAmountClause)) {
        const amount = toAmount(clause.amount);
        if (!amount) continue;
        if (amount.dimension === 'dose-per-weight') {
            if (clause.scope === 'session') caps.push({ clause, kind: 'per-kg', amount });
        } else if (amount.dimension === 'mass' || amount.dimension === 'activity') {
            caps.push({ clause, kind: clause.scope, amount });
        }
    }
    return caps;
}

export function maxSessionsOf(substance: Substance): MaxSessionsClause | undefined {
    return substance.clauses.find(isMaxSessionsClause);
}

export function minIntervalOf(substance: Substance): MinIntervalClause | undefined {
    return substance.clauses.find(isMinIntervalClause);
}

export function withdrawnOf(substance: Substance): WithdrawnClause | undefined {
    return substance.clauses.find(isWithdrawnClause);
}

export function contraindicationsOf(substance: Substance): ContraindicatedClause[] {
    return substance.clauses.filter(isContraindicatedClause);
}

export function intendedLayersOf(substance: Substance): Layer[] {
    return substance.clauses.filter(isIntendedLayerClause).flatMap(c => c.layers.map(r => r.ref))
        .filter((l): l is Layer => l !== undefined);
}

/** Where a figure comes from: its own `source`, else the substance's. */
export interface Provenance {
    readonly source?: string;
    readonly evidence?: string;
    readonly evidenceNote?: string;
}

export function provenanceOf(clause: SubstanceClause): Provenance {
    const substance = clause.$container;
    const own = 'source' in clause && !isSourceClause(clause) ? clause : undefined;
    const substanceSource = substance.clauses.find(isSourceClause)?.source;
    const substanceEvidence = substance.clauses.find(isEvidenceClause);
    return {
        source: own?.source ?? substanceSource,
        evidence: (own && 'evidence' in own ? own.evidence : undefined) ?? substanceEvidence?.level,
        evidenceNote: (own && 'evidenceNote' in own ? own.evidenceNote : undefined) ?? substanceEvidence?.note
    };
}
