import type { AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { isAreaClause, isComponent, isInject, isPhase, isProduct, isProtocol, isSchedule, isSession } from '../generated/ast.js';
import type { MesoLspServices } from './lsp-module.js';
import { componentDeliveries } from '../semantics/component-totals.js';
import { formatMeasure, formatSpan, toMeasure } from '../units/quantity.js';

/**
 * `lidocaine 1 mL` → `= 20 mg/session` (what the component delivers in each session that
 * uses it), and the days of each schedule phase.
 */
export class MesoInlayHintProvider extends AbstractInlayHintProvider {
    constructor(private readonly services: MesoLspServices) {
        super();
    }

    computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        if (isComponent(node) && isProtocol(node.$container?.$container) && node.quantity?.$cstNode) {
            // By volume, or by ampoules of a product: what it delivers is worth showing.
            if (toMeasure(node.quantity)?.dimension !== 'volume' && !isProduct(node.substance?.ref)) return;
            const semantics = this.services.semantics.Semantics.protocol(node.$container.$container);
            const deliveries = componentDeliveries(semantics, node).filter(d => d.amount || !isProduct(node.substance?.ref));
            const amounts = deliveries.map(d => d.amount);
            if (amounts.length === 0 || amounts.some(a => !a)) return;
            // A product's ingredients are named: `= ketoprofen 50 mg/session`.
            const named = isProduct(node.substance?.ref);
            const perSession = new Map<unknown, string[]>();
            for (const d of deliveries) perSession.set(d.session, [...perSession.get(d.session) ?? [], `${named ? `${d.substance.name} ` : ''}${formatMeasure(d.amount!)}`]);
            const values = [...new Set([...perSession.values()].map(v => v.join(', ')))];
            acceptor({
                position: node.quantity.$cstNode.range.end,
                label: this.services.i18n.Locale.t('hint.perSession', { amounts: values.join(' | ') }),
                kind: InlayHintKind.Type,
                paddingLeft: true,
                tooltip: this.services.i18n.Locale.t('hint.perSession.tooltip')
            });
        } else if (isInject(node) && isSession(node.$container) && isProtocol(node.$container.$container) && node.areas.length > 0) {
            // `into left_buttock` → `= 0.84 mg`: what one area gets from this inject.
            const facts = this.services.semantics.Semantics.protocol(node.$container.$container).sessions
                .find(s => s.session === node.$container)?.injects.find(i => i.inject === node);
            node.areas.forEach((ref, index) => {
                const delivery = facts?.areas.find(a => a.area.area === ref.ref);
                const amounts = delivery?.doses.map(d => d.amount && formatMeasure(d.amount));
                const end = ref.$refNode?.range.end;
                if (!delivery || !end || !amounts?.length || amounts.some(a => !a)) return;
                acceptor({
                    position: end, label: `= ${delivery.upToWhole ? 'up to ' : ''}${amounts.join(' + ')}${delivery.derived && delivery.points ? ` in ${formatSpan(delivery.points)} points` : ''}`,
                    kind: InlayHintKind.Type, paddingLeft: true, tooltip: `What area '${ref.$refText}' gets from this inject (${index + 1} of ${node.areas.length}).`
                });
            });
        } else if (isAreaClause(node) && isProtocol(node.$container) && node.$cstNode) {
            const grid = this.services.semantics.Semantics.protocol(node.$container).areas.find(a => a.area === node)?.gridPoints;
            if (grid !== undefined) acceptor({ position: node.$cstNode.range.end, label: `${grid} points`, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: 'The points a square grid at this spacing holds on this size.' });
        } else if (isPhase(node) && isSchedule(node.$container) && node.$cstNode) {
            const semantics = this.services.semantics.Semantics.protocol(node.$container.$container);
            const days = semantics.schedule.filter(s => s.phase === node).map(s => `${s.day ? formatSpan(s.day) : '?'}${s.optional ? '?' : ''}`);
            if (days.length === 0) return;
            acceptor({
                position: node.$cstNode.range.end,
                label: days.length === 1 ? this.services.i18n.Locale.t('hint.day', { day: days[0] }) : this.services.i18n.Locale.t('hint.days', { days: days.join(', ') }),
                kind: InlayHintKind.Parameter,
                paddingLeft: true
            });
        }
    }
}
