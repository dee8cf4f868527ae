import { Cancellation, DefaultScopeComputation, interruptAndCheck, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { astNodesOf } from '../ast-walk.js';
import { isCondition, isSubstance } from '../generated/ast.js';
import { aliasesOf } from '../semantics/library.js';

/**
 * Exports top-level declarations by name, and substances and conditions also under each
 * alias, so that `lidocaina 1 mL` links to `lidocaine`.
 */
export class MesoScopeComputation extends DefaultScopeComputation {
    protected override addExportedSymbol(node: AstNode, exports: AstNodeDescription[], document: LangiumDocument): void {
        super.addExportedSymbol(node, exports, document);
        if (isSubstance(node) || isCondition(node)) {
            for (const alias of aliasesOf(node)) {
                exports.push(this.descriptions.createDescription(node, alias, document));
            }
        }
    }

    /**
     * Collects like Langium's (every node below the root, same order), over a plain array
     * of the nodes, yielding for cancellation every 256 nodes instead of at each node.
     */
    override async collectLocalSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        const nodes = astNodesOf(document.parseResult.value);
        // From 1: the root is not a local symbol (it has no container).
        for (let i = 1; i < nodes.length; i++) {
            if ((i & 255) === 1) await interruptAndCheck(cancelToken);
            this.addLocalSymbol(nodes[i], document, symbols);
        }
        return symbols;
    }
}
