import type { Fraction } from 'fraction.js';
import type { Component, Layer, Mixture, Protocol, Session, Substance, Technique } from '../generated/ast.js';
import {
    aliasesOf, amountCapsOf, classesOf, concentrationOf, contraindicationsOf, intendedLayersOf, maxSessionsOf,
    minIntervalOf, provenanceOf, withdrawnOf, type Provenance
} from '../semantics/library.js';
import type { Interaction } from '../generated/ast.js';
import { componentDeliveries, componentTotals } from '../semantics/component-totals.js';
import { mixtureFacts, techniqueFacts, type ProtocolSemantics } from '../semantics/protocol-semantics.js';
import { formatAmount, formatNumber, toAmount } from '../units/quantity.js';

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

const mL = (f: Fraction | undefined) => f === undefined ? '?' : `${formatNumber(f)} mL`;

export function substanceCard(s: Substance, interactions: Interaction[], doc?: string): string {
    const lines: string[] = [`**${escapeMarkdown(s.name)}**${s.title ? ` — ${escapeMarkdown(s.title)}` : ''}`, ''];
    const classes = classesOf(s).map(c => c.name);
    const aliases = aliasesOf(s);
    if (classes.length) lines.push(`Class: ${classes.map(escapeMarkdown).join(', ')}  `);
    if (aliases.length) lines.push(`Also: ${aliases.map(escapeMarkdown).join(', ')}  `);
    const strength = concentrationOf(s);
    if (strength) lines.push(`Concentration: ${formatNumber(strength.perMl)} ${strength.dimension === 'mass' ? 'mg/mL' : 'IU/mL'}  `);
    const withdrawn = withdrawnOf(s);
    if (withdrawn) lines.push(`**Withdrawn:** ${escapeMarkdown(withdrawn.reason)}  `);
    const layers = intendedLayersOf(s);
    if (layers.length) lines.push(`Meant for: ${layers.map(l => escapeMarkdown(l.name)).join(', ')}  `);
    const caps = amountCapsOf(s);
    const maxSessions = maxSessionsOf(s);
    const minInterval = minIntervalOf(s);
    if (caps.length || maxSessions || minInterval) {
        lines.push('', '| limit | value | source and evidence |', '|---|---|---|');
        for (const cap of caps) {
            const label = cap.kind === 'cycle' ? 'max per cycle' : 'max per session';
            lines.push(`| ${label}${cap.clause.severity ? ` (${cap.clause.severity})` : ''} | ${formatAmount(cap.amount)} | ${provenanceText(provenanceOf(cap.clause))} |`);
        }
        if (maxSessions) lines.push(`| max sessions per cycle | ${maxSessions.count} | ${provenanceText(provenanceOf(maxSessions))} |`);
        const interval = minInterval && toAmount(minInterval.interval);
        if (minInterval && interval) lines.push(`| min interval | ${formatAmount(interval)} | ${provenanceText(provenanceOf(minInterval))} |`);
    }
    const contraindications = contraindicationsOf(s);
    if (contraindications.length) {
        lines.push('', `Contraindicated in: ${contraindications.map(c => `${c.conditions.map(r => escapeMarkdown(r.$refText)).join(', ')} (${c.severity ?? 'error'})`).join('; ')}`);
    }
    if (interactions.length) {
        lines.push('', 'Interactions:');
        for (const i of interactions) lines.push(`- ${escapeMarkdown(i.left.$refText)} + ${escapeMarkdown(i.right.$refText)} (${i.severity}): ${escapeMarkdown(i.message)}`);
    }
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
    const lines = [`**${name}** delivered by this component:`, '', '| session | amount | volume |', '|---|---|---|'];
    for (const d of deliveries) lines.push(`| ${escapeMarkdown(d.session.session.name)} | ${d.amount ? formatAmount(d.amount) : 'unknown'} | ${mL(d.volume)} |`);
    const totals = componentTotals(semantics, component);
    const cycleSessions = semantics.schedule.filter(s => !s.maintenance).length;
    if (totals.cycle && totals.all) {
        lines.push('', `Per cycle (${cycleSessions} sessions): ${formatAmount(totals.cycle)}; in all, maintenance included: ${formatAmount(totals.all)}`);
    }
    return lines.join('\n');
}

export function sessionCard(session: Session, semantics: ProtocolSemantics): string {
    const facts = semantics.sessions.find(s => s.session === session);
    if (!facts) return '';
    const lines = [`**Session ${escapeMarkdown(session.name)}**`, '', '| substance | amount | volume |', '|---|---|---|'];
    for (const d of facts.doses) lines.push(`| ${escapeMarkdown(d.substance.name)} | ${d.amount ? formatAmount(d.amount) : 'unknown'} | ${mL(d.volume)} |`);
    lines.push('', `Injected: ${mL(facts.injectedVolume)}${facts.points !== undefined ? ` in ${facts.points} points` : ''}`);
    const days = semantics.schedule.filter(s => s.facts === facts).map(s => formatNumber(s.day));
    if (days.length) lines.push(`  \nScheduled on days ${days.join(', ')}`);
    return lines.join('\n');
}

export function protocolCard(protocol: Protocol, semantics: ProtocolSemantics, doc?: string): string {
    const t = semantics.totals;
    const lines = [`**${escapeMarkdown(protocol.name)}**${protocol.title ? ` — ${escapeMarkdown(protocol.title)}` : ''}`, '',
        `${t.cycleSessions} sessions + ${t.maintenanceSessions} maintenance over ${formatNumber(t.durationDays)} days${semantics.indication ? ` (${semantics.indication})` : ''}`,
        '', '| substance | per cycle | in all |', '|---|---|---|'];
    for (const total of t.substances) {
        const cycle = t.cycleSubstances.find(c => c.substance === total.substance);
        lines.push(`| ${escapeMarkdown(total.substance.name)} | ${cycle?.amount ? formatAmount(cycle.amount) : mL(cycle?.volume)} | ${total.amount ? formatAmount(total.amount) : mL(total.volume)} |`);
    }
    if (doc) lines.push('', '---', '', doc);
    return lines.join('\n');
}

export function mixtureCard(mixture: Mixture): string {
    const facts = mixtureFacts(mixture);
    const lines = [`**Mixture ${escapeMarkdown(mixture.name)}**: ${mL(facts.volume)}`, '', '| component | volume | amount in the syringe |', '|---|---|---|'];
    for (const c of facts.components) lines.push(`| ${escapeMarkdown(c.component.substance?.$refText ?? '?')} | ${mL(c.volume)} | ${c.amount ? formatAmount(c.amount) : '—'} |`);
    return lines.join('\n');
}

export function techniqueCard(technique: Technique): string {
    const t = techniqueFacts(technique);
    const parts = [
        t.gauge !== undefined || t.needleLength ? `needle ${t.gauge ?? '?'}G ${t.needleLength ? formatNumber(t.needleLength) : '?'} mm` : undefined,
        t.depthLength ? `depth ${formatNumber(t.depthLength)} mm` : undefined,
        t.volumePerPoint && t.injectedVolume ? `${formatNumber(t.volumePerPoint)} mL × ${t.points} points = ${formatNumber(t.injectedVolume)} mL` : undefined,
        t.device
    ].filter(Boolean);
    return `**Technique ${escapeMarkdown(technique.name)}**: ${parts.join(' · ')}`;
}
