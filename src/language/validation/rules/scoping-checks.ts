import { AstUtils, URI, WorkspaceCache, type AstNode, type AstNodeDescription, type ValidationAcceptor } from 'langium';
import { isAliasesClause, isCondition, isSubstance, type Import, type Model, type Protocol } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { isStdUri } from '../../std/std-library.js';
import { resolveImportUri } from '../../scoping/imports.js';
import { IssueCodes } from '../issue-codes.js';
import { report } from '../report.js';

/** Checks on imports and names: import-unresolved, duplicate-name, shadows-std. */
export class ScopingChecks {
    /** Names declared in std. */
    private readonly nameMaps: WorkspaceCache<string, Map<string, AstNodeDescription[]>>;

    constructor(private readonly services: MesoServices) {
        this.nameMaps = new WorkspaceCache(services.shared);
    }

    checkImportMustResolve(imp: Import, accept: ValidationAcceptor): void {
        const uri = resolveImportUri(imp);
        const refusal = uri ? this.services.scoping.Imports.refusal(uri) : undefined;
        if (refusal?.reason === 'not-meso') {
            report(accept, 'error', IssueCodes.ImportUnresolved, `Cannot import '${imp.path}': only .meso files can be imported.`, { node: imp, property: 'path' });
            return;
        }
        const from = AstUtils.getDocument(imp).uri;
        if (uri && !this.services.shared.workspace.LangiumDocuments.hasDocument(uri) && from.scheme !== 'file' && !isStdUri(from)) {
            // An untitled buffer, a notebook cell, a virtual file system: nothing to read the import from.
            report(accept, 'error', IssueCodes.ImportUnresolved,
                `Cannot import '${imp.path}': this document (${from.scheme}:) is not a file on disk, so imports are not read from it; save it as a .meso file in the project first.`,
                { node: imp, property: 'path' });
            return;
        }
        if (uri && refusal?.reason === 'outside') {
            report(accept, 'error', IssueCodes.ImportUnresolved,
                `Cannot import '${imp.path}': ${uri.fsPath || uri.toString()} is outside the project folder ${refusal.root.fsPath || refusal.root.toString()}.`,
                { node: imp, property: 'path' });
            return;
        }
        if (uri && this.services.shared.workspace.LangiumDocuments.hasDocument(uri)) return;
        const failure = uri && this.services.scoping.Imports.loadFailure(uri);
        if (uri && failure) {
            report(accept, 'error', IssueCodes.ImportUnresolved, `Cannot import '${imp.path}': ${uri.fsPath || uri.toString()} could not be read (${failure}).`, { node: imp, property: 'path' });
            return;
        }
        report(accept, 'error', IssueCodes.ImportUnresolved,
            `Cannot import '${imp.path}': no such .meso file${uri ? ` at ${uri.fsPath || uri.toString()}` : ''} (or it could not be read).`,
            { node: imp, property: 'path' });
    }

    /** Top-level names must be unique among the files in scope; std names may be shadowed. */
    checkNamesMustBeUnique(model: Model, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(model);
        if (isStdUri(document.uri)) return;
        const imports = this.services.scoping.Imports;
        const index = this.services.shared.workspace.IndexManager;
        const graph = this.services.scoping.ImportGraph;
        const self = document.uri.toString();
        const stdByName = this.nameMaps.get('std', () => groupByName(index.allElements(undefined, imports.stdUris()).toArray()));
        const ownSeen = new Map<string, unknown>();
        for (const element of model.elements) {
            if (!('name' in element) || typeof element.name !== 'string') continue;
            for (const { name, target } of namesOf(element)) {
                // The first declaration of the name in the imported files (in URI order).
                const elsewhere = graph.imported(self, name)?.first;
                const firstHere = ownSeen.get(name);
                if ((firstHere && firstHere !== element) || elsewhere) {
                    const where = elsewhere ? ` (also declared in ${fileName(elsewhere.documentUri)})` : ' in this file';
                    report(accept, 'error', IssueCodes.DuplicateName, `'${name}' is declared more than once${where}.`, { ...target, data: { name } });
                } else if (target.property === 'name' && stdByName.has(name)) {
                    // Aliases of a shadowing declaration shadow too; saying so once, on the name, is enough.
                    report(accept, 'info', IssueCodes.ShadowsStd, `'${name}' hides the std declaration of the same name.`, { ...target, data: { name } });
                }
                if (!firstHere) ownSeen.set(name, element);
            }
        }
    }

    /** Mixtures, techniques and sessions of one protocol need distinct names. */
    checkMemberNamesMustBeUnique(protocol: Protocol, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const member of protocol.members) {
            if (!('name' in member) || typeof member.name !== 'string') continue;
            if (seen.has(member.name)) {
                report(accept, 'error', IssueCodes.DuplicateName, `'${member.name}' is declared more than once in protocol '${protocol.name}'.`,
                    { node: member, property: 'name', data: { name: member.name } });
            }
            seen.add(member.name);
        }
    }
}

/** A declaration's name and aliases, each with the range to report on. */
function namesOf(element: Model['elements'][number] & { name: string }): Array<{ name: string; target: { node: AstNode; property: string; index?: number } }> {
    const result: Array<{ name: string; target: { node: AstNode; property: string; index?: number } }> = [{ name: element.name, target: { node: element, property: 'name' } }];
    if (isCondition(element)) {
        element.aliases.forEach((alias, index) => result.push({ name: alias, target: { node: element, property: 'aliases', index } }));
    } else if (isSubstance(element)) {
        for (const clause of element.clauses.filter(isAliasesClause)) {
            clause.names.forEach((alias, index) => result.push({ name: alias, target: { node: clause, property: 'names', index } }));
        }
    }
    return result;
}

function groupByName(descriptions: AstNodeDescription[]): Map<string, AstNodeDescription[]> {
    const map = new Map<string, AstNodeDescription[]>();
    for (const d of descriptions) {
        const list = map.get(d.name);
        if (list) list.push(d); else map.set(d.name, [d]);
    }
    return map;
}

function fileName(uri: URI): string {
    return uri.path.split('/').pop() ?? uri.toString();
}
