import { DefaultScopeComputation, type AstNode, type AstNodeDescription, type LangiumDocument } from 'langium';
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
}
