import { AstUtils, type AstNode, type Reference } from 'langium';
import { AbstractSemanticTokenProvider, AllSemanticTokenTypes, type SemanticTokenAcceptor, type SemanticTokenRangeOptions } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import {
    isComponent, isCondition, isConditionsFact, isContraindicatedClause, isDepthSetting, isExcludesClause, isFollowsFact,
    isInject, isIntendedLayerClause, isInteraction, isLayer, isMixture, isPatient, isPhase, isProtocol, isQuantity,
    isSession, isSubstance, isSubstanceClass, isProduct, isIngredient, isVehicleClause, isTechnique, isUnit, isAllergyFact, isClassClause, isContraindication
} from '../generated/ast.js';
import { isStdUri } from '../std/std-library.js';

/** Token type of each kind of declaration (and of references to it). */
function typeOf(node: AstNode | undefined): string | undefined {
    if (isSubstance(node)) return SemanticTokenTypes.function;
    if (isProduct(node)) return SemanticTokenTypes.type;
    if (isSubstanceClass(node)) return SemanticTokenTypes.class;
    if (isCondition(node)) return SemanticTokenTypes.enumMember;
    if (isLayer(node)) return SemanticTokenTypes.enum;
    if (isMixture(node)) return SemanticTokenTypes.struct;
    if (isTechnique(node)) return SemanticTokenTypes.method;
    if (isSession(node)) return SemanticTokenTypes.event;
    if (isProtocol(node)) return SemanticTokenTypes.namespace;
    if (isPatient(node)) return SemanticTokenTypes.variable;
    return undefined;
}

/**
 * Langium's legend (the LSP 3.17 types) plus `label` (LSP 3.18), which phase names use. A type
 * missing from the legend used to be encoded as `null` in the token array, which strict
 * clients reject whole.
 */
const TOKEN_TYPES: Record<string, number> = { ...AllSemanticTokenTypes, [SemanticTokenTypes.label]: Object.keys(AllSemanticTokenTypes).length };

/** Declaration names, references (with `defaultLibrary` for std), numbers and units. */
export class MesoSemanticTokenProvider extends AbstractSemanticTokenProvider {
    override get tokenTypes(): Record<string, number> {
        return TOKEN_TYPES;
    }

    /** Drops a token whose type is not in the legend rather than send a `null` type. */
    protected override highlightToken(options: SemanticTokenRangeOptions): void {
        if (this.tokenTypes[options.type] === undefined) return;
        super.highlightToken(options);
    }

    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const own = typeOf(node);
        if (own && 'name' in node && node.name) {
            acceptor({ node, property: 'name', type: own, modifier: SemanticTokenModifiers.declaration });
        }
        if (isPhase(node) && node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.label });
        if (isQuantity(node) && node.value) acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
        if (isUnit(node) && node.$cstNode) acceptor({ cst: node.$cstNode, type: SemanticTokenTypes.keyword });
        const refs: Array<[AstNode, string, Reference[]]> = [];
        if (isComponent(node) || isIngredient(node)) refs.push([node, 'substance', [node.substance]]);
        if (isVehicleClause(node)) refs.push([node, 'vehicle', [node.vehicle]]);
        if (isInject(node)) refs.push([node, 'mixture', [node.mixture]], [node, 'technique', node.technique ? [node.technique] : []]);
        if (isPhase(node)) refs.push([node, 'session', [node.session]]);
        if (isDepthSetting(node) && node.layer) refs.push([node, 'layer', [node.layer]]);
        if (isFollowsFact(node)) refs.push([node, 'protocol', [node.protocol]]);
        if (isClassClause(node)) refs.push([node, 'classes', node.classes]);
        if (isContraindicatedClause(node) || isConditionsFact(node) || isExcludesClause(node)) refs.push([node, 'conditions', node.conditions]);
        if (isIntendedLayerClause(node)) refs.push([node, 'layers', node.layers]);
        if (isAllergyFact(node)) refs.push([node, 'allergens', node.allergens]);
        if (isInteraction(node)) refs.push([node, 'left', [node.left]], [node, 'right', [node.right]]);
        if (isContraindication(node)) refs.push([node, 'condition', [node.condition]]);
        for (const [owner, property, list] of refs) {
            list.forEach((ref, index) => {
                const target = ref?.ref;
                const type = typeOf(target);
                if (!type) return;
                const std = isStdUri(AstUtils.getDocument(target!).uri);
                acceptor({ node: owner, property: property as never, index, type, modifier: std ? SemanticTokenModifiers.defaultLibrary : [] });
            });
        }
    }
}
