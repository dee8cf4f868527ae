import type { AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { isComponent, isPhase, isProduct, isProtocol, isSchedule } from '../generated/ast.js';
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
