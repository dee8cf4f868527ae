import { DiagnosticTag } from 'vscode-languageserver-types';
import type { ValidationAcceptor } from 'langium';
import { isInject, isMixture, isSchedule, isSession, isTechnique, type Protocol } from '../../generated/ast.js';
import { IssueCodes } from '../issue-codes.js';
import { report } from '../report.js';

/** unused: a mixture, technique or session that nothing in its protocol refers to. */
export function checkMembersShouldBeUsed(protocol: Protocol, accept: ValidationAcceptor): void {
    const injects = protocol.members.filter(isSession).flatMap(s => s.items.filter(isInject));
    const usedMixtures = new Set(injects.map(i => i.mixture?.ref));
    const usedTechniques = new Set(injects.map(i => i.technique?.ref));
    const usedSessions = new Set(protocol.members.filter(isSchedule).flatMap(s => s.phases.map(p => p.session?.ref)));
    for (const member of protocol.members) {
        const unused = (isMixture(member) && !usedMixtures.has(member) && 'mixture')
            || (isTechnique(member) && !usedTechniques.has(member) && 'technique')
            || (isSession(member) && !usedSessions.has(member) && 'session');
        // A member cut short by a syntax error (no name yet) is not reported: its error says enough.
        if (!unused || !member.name) continue;
        report(accept, 'hint', IssueCodes.Unused, { key: `diag.unused.${unused}`, args: { name: member.name } },
            { node: member, property: 'name', tags: [DiagnosticTag.Unnecessary] });
    }
}
