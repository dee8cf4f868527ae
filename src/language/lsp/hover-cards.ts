import { DEFAULT_PROFILE } from '../semantics/profiles.js';
import {
    isAreasClause, isMinAgeClause, isTherapyClause, isWashoutClause,
    isContraindicatedClause, isIntendedLayerClause, isMaxAmountClause, isMaxConsecutiveClause, isMaxCourseClause,
    isMaxPointsClause, isMaxSessionsClause, isMinIntervalClause, isMixingClause, isSkinTestClause, isWithdrawnClause,
    type Component, type IntendedLayerClause, type Layer, type Mixture, type Protocol, type Session, type Substance,
    type SubstanceClass, type Technique
} from '../generated/ast.js';
import {
    aliasesOf, classesOf, concentrationOf, contraindicationsInForce, directClassesOf, provenanceOf, ruleKeys, rulesInForce,
    type ContraindicationInForce, type Provenance, type RuleInForce, type RuleOwner
} from '../semantics/library.js';
import type { Interaction } from '../generated/ast.js';
import { componentDeliveries, componentTotals } from '../semantics/component-totals.js';
import { mixtureFacts, syringeOf, techniqueFacts, type ProtocolSemantics, type Syringe } from '../semantics/protocol-semantics.js';
import { formatAmount, formatMeasure, formatNumber, formatSpan, toAmount, toMeasure, type Measure } from '../units/quantity.js';
import type { Span } from '../units/span.js';

/**
 * Markdown for hovers, built only from the shared semantics. Text from the file is
 * escaped where it lands in Markdown.
 */
export function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, c => `\\${c}`);
}

function provenanceText(p: Provenance): string {
    const parts = [p.source && escapeMarkdown(p.source), p.evidence && `*${p.evidence}${p.evidenceNote ? `: ${escapeMarkdown(p.evidenceNote)}` : ''}*`];
    return parts.filter(Boolean).join(' — ') || '*no source*';
}

const mL = (f: Span | undefined) => f === undefined ? '?' : `${formatSpan(f)} mL`;
const amountText = (m: Measure | undefined, unknown = 'unknown') => m ? formatMeasure(m) : unknown;

/** ` *(from class nsaid)*` for an inherited rule. */
function fromText(from: RuleOwner, owner: RuleOwner): string {
    return from === owner ? '' : ` *(from class ${escapeMarkdown(from.name)})*`;
}

/** One table row per limit-like rule in force: caps, points, sessions, interval, course. */
function limitRows(rules: RuleInForce[], owner: RuleOwner): string[] {
    const rows: string[] = [];
    const sev = (c: { severity?: string }) => c.severity ? ` (${c.severity})` : '';
    for (const { clause, from } of rules) {
        const origin = fromText(from, owner);
        const provenance = provenanceText(provenanceOf(clause));
        if (isMaxAmountClause(clause)) {
            const amount = toAmount(clause.amount);
            if (amount) rows.push(`| max per ${clause.scope}${sev(clause)}${origin} | ${formatAmount(amount)} | ${provenance} |`);
        } else if (isMaxPointsClause(clause)) {
            rows.push(`| max points per session${sev(clause)}${origin} | ${clause.count} | ${provenance} |`);
        } else if (isMaxSessionsClause(clause)) {
            rows.push(`| max sessions per cycle${sev(clause)}${origin} | ${clause.count} | ${provenance} |`);
        } else if (isMinIntervalClause(clause)) {
            // A minimum in months counts its shortest length (1 month: 28 days).
            const interval = toMeasure(clause.interval);
            if (interval) rows.push(`| min interval${sev(clause)}${origin} | ${formatAmount({ value: interval.span.low, dimension: interval.dimension })} | ${provenance} |`);
        } else if (isMaxConsecutiveClause(clause)) {
            rows.push(`| max consecutive ${escapeMarkdown(clause.period)}${sev(clause)}${origin} | ${clause.count} | ${provenance} |`);
        } else if (isMinAgeClause(clause)) {
            rows.push(`| min age${sev(clause)}${origin} | ${clause.age} years | ${provenance} |`);
        } else if (isWashoutClause(clause)) {
            const period = toMeasure(clause.period);
            if (period) rows.push(`| washout${origin} | ${formatAmount({ value: period.span.low, dimension: period.dimension })} | ${provenance} |`);
        } else if (isMaxCourseClause(clause)) {
            // A maximum in months counts its longest length (1 month: 31 days).
            const length = toMeasure(clause.length);
            if (length) rows.push(`| max course${sev(clause)}${origin} | ${formatAmount({ value: length.span.high, dimension: length.dimension })} | ${provenance} |`);
        }
    }
    return rows;
}

/** The rules a substance or class carries (a substance's own and inherited ones), as Markdown lines. */
function rulesLines(owner: RuleOwner, rules: RuleInForce[], contraindications: ContraindicationInForce[]): string[] {
    const lines: string[] = [];
    const withdrawn = rules.find(r => isWithdrawnClause(r.clause));
    if (withdrawn && isWithdrawnClause(withdrawn.clause)) lines.push(`**Withdrawn:** ${escapeMarkdown(withdrawn.clause.reason)}${fromText(withdrawn.from, owner)}  `);
    const layers = rules.filter(r => isIntendedLayerClause(r.clause));
    if (layers.length) {
        lines.push(`Meant for: ${layers.map(r => (r.clause as IntendedLayerClause).layers.map(l => escapeMarkdown(l.$refText)).join(', ') + fromText(r.from, owner)).join('; ')}  `);
    }
    const skin = rules.find(r => isSkinTestClause(r.clause));
    if (skin && isSkinTestClause(skin.clause)) {
        lines.push(`Skin test: ${skin.clause.required ? `required (${skin.clause.severity ?? 'warning'})` : 'not required'}${fromText(skin.from, owner)} — ${provenanceText(provenanceOf(skin.clause))}  `);
    }
    const mixing = rules.find(r => isMixingClause(r.clause));
    if (mixing && isMixingClause(mixing.clause)) {
        lines.push(`Not for mixing (${mixing.clause.severity})${fromText(mixing.from, owner)}: ${escapeMarkdown(mixing.clause.message)}  `);
    }
    const areas = rules.find(r => isAreasClause(r.clause));
    if (areas && isAreasClause(areas.clause)) {
        lines.push(`Labelled for: ${areas.clause.regions.map(r => escapeMarkdown(r.$refText)).join(', ')} (${areas.clause.severity ?? 'warning'} elsewhere)${fromText(areas.from, owner)} — ${provenanceText(provenanceOf(areas.clause))}  `);
    }
    const therapies = rules.filter(r => isTherapyClause(r.clause));
    if (therapies.length) lines.push(`Taking it counts as: ${therapies.map(r => isTherapyClause(r.clause) ? escapeMarkdown(r.clause.condition.$refText) + fromText(r.from, owner) : '').join(', ')}  `);
    const rows = limitRows(rules, owner);
    if (rows.length) lines.push('', '| limit | value | source and evidence |', '|---|---|---|', ...rows);
    if (contraindications.length) {
        const parts = contraindications.map(c => `${escapeMarkdown(c.condition.name)} (${c.clause.severity ?? 'error'})${fromText(c.from, owner)}`);
        lines.push('', `Contraindicated in: ${parts.join('; ')}`);
    }
    return lines;
}

export function substanceCard(s: Substance, interactions: Interaction[], doc?: string, profile = DEFAULT_PROFILE): string {
    const lines: string[] = [`**${escapeMarkdown(s.name)}**${s.title ? ` — ${escapeMarkdown(s.title)}` : ''}`, ''];
    const classes = classesOf(s).map(c => c.name);
    const aliases = aliasesOf(s);
    if (classes.length) lines.push(`Class: ${classes.map(escapeMarkdown).join(', ')}  `);
    if (aliases.length) lines.push(`Also: ${aliases.map(escapeMarkdown).join(', ')}  `);
    const strength = concentrationOf(s);
    if (strength) lines.push(`Concentration: ${formatNumber(strength.perMl)} ${strength.dimension === 'mass' ? 'mg/mL' : 'IU/mL'}  `);
    lines.push(...rulesLines(s, rulesInForce(s, profile), contraindicationsInForce(s, profile)));
    if (interactions.length) {
        lines.push('', 'Interactions:');
        for (const i of interactions) lines.push(`- ${escapeMarkdown(i.left.$refText)} + ${escapeMarkdown(i.right.$refText)}${i.inMixture ? ' in one mixture' : ''}${i.unless.length ? ` unless ${i.unless.map(u => escapeMarkdown(u.$refText)).join(', ')}` : ''} (${i.severity}): ${escapeMarkdown(i.message)}`);
    }
    if (doc) lines.push('', '---', '', doc);
    return lines.join('\n');
}

/** A class: its parent classes and the rules it gives every member. */
export function classCard(c: SubstanceClass, doc?: string): string {
    const lines: string[] = [`**class ${escapeMarkdown(c.name)}**${c.title ? ` — ${escapeMarkdown(c.title)}` : ''}`];
    const parents = directClassesOf(c);
    if (parents.length) lines.push('', `Parent classes: ${parents.map(p => escapeMarkdown(p.name)).join(', ')}  `);
    const rules = c.clauses.filter(cl => ruleKeys(cl).length > 0).map(clause => ({ clause, from: c as RuleOwner }));
    const contraindications = c.clauses.filter(isContraindicatedClause)
        .flatMap(clause => clause.conditions.filter(r => r.ref).map(r => ({ condition: r.ref!, clause, from: c as RuleOwner })));
    const body = rulesLines(c, rules, contraindications);
    if (body.length) lines.push(...(parents.length ? [] : ['']), 'Every member gets, unless it declares its own rule of the same kind:', ...body);
    if (doc) lines.push('', '---', '', doc);
    return lines.join('\n');
}

export function layerCard(layer: Layer, doc?: string): string {
    const from = toAmount(layer.from);
    const to = toAmount(layer.to);
    const band = from && to ? `${formatNumber(from.value)}–${formatNumber(to.value)} mm` : '?';
    return [`**${escapeMarkdown(layer.name)}**${layer.title ? ` — ${escapeMarkdown(layer.title)}` : ''}`, '', `Depth band: ${band}`,
        layer.source ? `\nSource: ${provenanceText({ source: layer.source, evidence: layer.evidence, evidenceNote: layer.evidenceNote })}` : '',
        doc ? `\n---\n\n${doc}` : ''].join('\n');
}

export function componentCard(component: Component, semantics: ProtocolSemantics): string {
    const deliveries = componentDeliveries(semantics, component);
    const name = escapeMarkdown(component.substance?.$refText ?? '?');
    if (deliveries.length === 0) return `**${name}** in mixture '${escapeMarkdown(component.$container.name)}': no session injects this mixture.`;
    const several = new Set(deliveries.map(d => d.substance)).size > 1;
    const lines = [`**${name}** delivered by this component:`, '', several ? '| session | substance | amount | volume |' : '| session | amount | volume |', several ? '|---|---|---|---|' : '|---|---|---|'];
    for (const d of deliveries) {
        lines.push(`| ${escapeMarkdown(d.session.session.name)} |${several ? ` ${escapeMarkdown(d.substance.name)} |` : ''} ${amountText(d.amount)} | ${mL(d.volume)} |`);
    }
    const cycleSessions = semantics.totals.cycleSessions;
    for (const substance of new Set(deliveries.map(d => d.substance))) {
        const totals = componentTotals(semantics, component, substance);
        if (totals.cycle && totals.all && cycleSessions) {
            lines.push('', `${several ? `${escapeMarkdown(substance.name)}: p` : 'P'}er cycle (${formatSpan(cycleSessions)} sessions): ${formatMeasure(totals.cycle)}; in all, maintenance included: ${formatMeasure(totals.all)}`);
        }
    }
    return lines.join('\n');
}

export function sessionCard(session: Session, semantics: ProtocolSemantics): string {
    const facts = semantics.sessions.find(s => s.session === session);
    if (!facts) return '';
    const lines = [`**Session ${escapeMarkdown(session.name)}**`, '', '| substance | amount | volume |', '|---|---|---|'];
    for (const d of facts.doses) lines.push(`| ${escapeMarkdown(d.substance.name)} | ${amountText(d.amount)} | ${mL(d.volume)} |`);
    lines.push('', `Injected: ${mL(facts.injectedVolume)}${facts.points !== undefined ? ` in ${formatSpan(facts.points)} points` : ''}`);
    const own = syringeOf(session.items);
    if (own) lines.push(`  \n${syringeText(own)} for the injects whose technique names none`);
    const days = semantics.schedule.filter(s => s.facts === facts).map(s => `${s.day ? formatSpan(s.day) : '?'}${s.optional ? ' (optional)' : ''}`);
    if (days.length) lines.push(`  \nScheduled on days ${days.join(', ')}`);
    return lines.join('\n');
}

export function protocolCard(protocol: Protocol, semantics: ProtocolSemantics, doc?: string): string {
    const t = semantics.totals;
    const count = (s: Span | undefined) => s ? formatSpan(s) : '?';
    const lines = [`**${escapeMarkdown(protocol.name)}**${protocol.title ? ` — ${escapeMarkdown(protocol.title)}` : ''}`, '',
        `${count(t.cycleSessions)} sessions + ${count(t.maintenanceSessions)} maintenance over ${count(t.durationDays)} days${semantics.indication ? ` (${semantics.indication})` : ''}`,
        '', '| substance | per cycle | in all |', '|---|---|---|'];
    for (const total of t.substances) {
        const cycle = t.cycleSubstances.find(c => c.substance === total.substance);
        lines.push(`| ${escapeMarkdown(total.substance.name)} | ${cycle?.amount ? formatMeasure(cycle.amount) : mL(cycle?.volume)} | ${total.amount ? formatMeasure(total.amount) : mL(total.volume)} |`);
    }
    if (doc) lines.push('', '---', '', doc);
    return lines.join('\n');
}

export function mixtureCard(mixture: Mixture): string {
    const facts = mixtureFacts(mixture);
    const prepared = mixture.perInject ? ' (prepared per inject)' : '';
    const lines = [`**Mixture ${escapeMarkdown(mixture.name)}**: ${mL(facts.volume)}${prepared}`, '', '| component | volume | amount in the syringe |', '|---|---|---|'];
    for (const c of facts.components) {
        // A product's component holds each of its ingredients.
        const amounts = c.product ? c.carries.filter(x => x.amount).map(x => `${escapeMarkdown(x.substance.name)} ${formatMeasure(x.amount!)}`).join(', ')
            : c.amount ? formatMeasure(c.amount) : '';
        lines.push(`| ${escapeMarkdown(c.component.substance?.$refText ?? '?')} | ${mL(c.volume)} | ${amounts || '—'} |`);
    }
    return lines.join('\n');
}

export function techniqueCard(technique: Technique): string {
    const t = techniqueFacts(technique);
    const parts = [
        t.gauge !== undefined || t.needleLength ? `needle ${t.gauge ?? '?'}G ${t.needleLength ? formatSpan(t.needleLength) : '?'} mm` : undefined,
        t.depthLength ? `depth ${formatSpan(t.depthLength)} mm` : undefined,
        t.volumePerPoint && t.injectedVolume ? `${formatSpan(t.volumePerPoint)} mL × ${formatSpan(t.points!)} points = ${formatSpan(t.injectedVolume)} mL` : undefined,
        t.device,
        t.syringe ? syringeText(t.syringe) : undefined
    ].filter(Boolean);
    return `**Technique ${escapeMarkdown(technique.name)}**: ${parts.join(' · ')}`;
}

/** `syringe 1 mL "Luer-lock"` (`?` for a capacity that cannot be read). */
function syringeText(syringe: Syringe): string {
    return `syringe ${syringe.capacity ? formatNumber(syringe.capacity) : '?'} mL${syringe.setting.note ? ` ${escapeMarkdown(syringe.setting.note)}` : ''}`;
}
