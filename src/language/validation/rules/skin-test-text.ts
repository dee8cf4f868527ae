import { provenanceOf } from '../../semantics/library.js';
import type { SkinTestNeed } from '../../semantics/skin-test.js';
import { msg, type CatalogueMessage } from '../../i18n/translate.js';
import { provenanceNote } from '../message-parts.js';

/** "is required (std: …)" / "'calcitonin' calls for (std: …)": why a skin test is asked for, with its source. */
export function skinTestReason(need: SkinTestNeed): CatalogueMessage {
    if (need.kind === 'policy') return msg('part.skinTest.policy', { note: provenanceNote(need.requirement, need.requirement.source) });
    const p = provenanceOf(need.rule.clause);
    const via = need.rule.from === need.substance ? '' : msg('part.asMember', { name: need.rule.from.name });
    return msg('part.skinTest.substance', { substance: need.substance.name, via, note: provenanceNote(need.rule.clause, p.source) });
}
