import { provenanceOf } from '../../semantics/library.js';
import type { SkinTestNeed } from '../../semantics/skin-test.js';
import { originOf, sourceNote } from '../related.js';

/** "is required (std: …)" / "'calcitonin' calls for (std: …)": why a skin test is asked for, with its source. */
export function skinTestReason(need: SkinTestNeed): string {
    if (need.kind === 'policy') return `is required ${sourceNote(need.requirement)}`;
    const p = provenanceOf(need.rule.clause);
    const via = need.rule.from === need.substance ? '' : ` (as a member of class '${need.rule.from.name}')`;
    return `'${need.substance.name}'${via} calls for (${originOf(need.rule.clause)}${p.source ? `: ${p.source}` : ''})`;
}
