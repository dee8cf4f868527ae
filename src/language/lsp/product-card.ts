import type { Product } from '../generated/ast.js';
import { isVehicleClause } from '../generated/ast.js';
import { known } from '../semantics/reading.js';
import { perPresentation, productFacts } from '../semantics/strengths.js';
import { formatNumber, formatSpan } from '../units/quantity.js';
import { escapeMarkdown } from './hover-cards.js';

/** A product's hover: each ingredient at its strength per mL and per ampoule, the presentation, the vehicle. */
export function productCard(product: Product, doc?: string): string {
    const facts = productFacts(product);
    const ml = facts.presentationMl;
    const lines = [`**${escapeMarkdown(product.name)}**${product.title ? ` — ${escapeMarkdown(product.title)}` : ''}`, ''];
    if (ml) lines.push(`One ${facts.presentationKind ?? 'ampoule'}: ${formatNumber(ml)} mL`, '');
    lines.push(ml ? `| ingredient | per mL | per ${facts.presentationKind ?? 'ampoule'} |` : '| ingredient | per mL |', ml ? '|---|---|---|' : '|---|---|');
    for (const i of facts.ingredients) {
        const s = known(i.strength);
        const unit = s?.dimension === 'activity' ? 'IU' : 'mg';
        const perMl = s ? `${formatSpan(s.perMl)} ${unit}/mL` : i.strength === 'unreadable' ? 'unreadable' : 'no strength given';
        const perAmpoule = s && ml ? `${formatSpan(perPresentation(s, ml))} ${unit}` : '—';
        lines.push(`| ${escapeMarkdown(i.ingredient.substance?.$refText ?? '?')} | ${perMl} |${ml ? ` ${perAmpoule} |` : ''}`);
    }
    const vehicle = product.clauses.find(isVehicleClause)?.vehicle?.$refText;
    if (vehicle) lines.push('', `In ${escapeMarkdown(vehicle)}`);
    const source = product.clauses.find(c => c.$type === 'SourceClause');
    if (source && 'source' in source) lines.push('', `Source: ${escapeMarkdown(String(source.source))}`);
    if (doc) lines.push('', '---', '', doc);
    return lines.join('\n');
}
