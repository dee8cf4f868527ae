import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
    isAreaClause, isComponent, isLayer, isMixture, isProduct, isProtocol, isSession, isSubstance, isSubstanceClass, isTechnique, type Protocol
} from '../generated/ast.js';
import type { MesoLspServices } from './lsp-module.js';
import { covers } from '../validation/rules/combination-checks.js';
import { importHover } from './meso-import-navigation.js';
import { productCard } from './product-card.js';
import { areaCard } from './area-cards.js';
import { classCard, componentCard, layerCard, mixtureCard, protocolCard, sessionCard, substanceCard, techniqueCard } from './hover-cards.js';

/**
 * Hovers that know the domain: a substance card (caps, sources, evidence, interactions),
 * what a mixture component delivers, a session's dose table, a protocol's totals, a layer's
 * band. Other declarations show their doc comment.
 */
export class MesoHoverProvider extends AstNodeHoverProvider {
    constructor(private readonly services: MesoLspServices) {
        super(services);
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const onImport = importHover(document, document.textDocument.positionAt(offset), this.services);
        if (onImport) return markdown(onImport);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        const component = leaf && AstUtils.getContainerOfType(leaf.astNode, isComponent);
        if (component && this.isProtocolMember(component)) {
            const semantics = this.services.semantics.Semantics.protocol(component.$container.$container);
            const card = component.substance?.ref ? await this.getAstNodeHoverContent(component.substance.ref) : undefined;
            return markdown([componentCard(component, semantics), card].filter(Boolean).join('\n\n---\n\n'));
        }
        return super.getHoverContent(document, params);
    }

    private isProtocolMember(component: AstNode): boolean {
        return isComponent(component) && isProtocol(component.$container?.$container);
    }

    protected async getAstNodeHoverContent(node: AstNode): Promise<string | undefined> {
        const doc = this.services.documentation.DocumentationProvider.getDocumentation(node);
        if (isSubstance(node)) {
            const interactions = this.services.semantics.Rules.interactions(node)
                .filter(i => covers(i.left.ref, node) || covers(i.right.ref, node));
            return substanceCard(node, interactions, doc);
        }
        if (isSubstanceClass(node)) return classCard(node, doc);
        if (isProduct(node)) return productCard(node, doc);
        if (isLayer(node)) return layerCard(node, doc);
        if (isProtocol(node)) return protocolCard(node, this.services.semantics.Semantics.protocol(node), doc);
        if (isSession(node)) return sessionCard(node, this.services.semantics.Semantics.protocol(node.$container as Protocol));
        if (isMixture(node)) return mixtureCard(node);
        if (isAreaClause(node) && isProtocol(node.$container)) return areaCard(node, this.services.semantics.Semantics.protocol(node.$container), doc);
        if (isTechnique(node)) return techniqueCard(node);
        return doc;
    }
}

function markdown(value: string): Hover {
    return { contents: { kind: 'markdown', value } };
}
