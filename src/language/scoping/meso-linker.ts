import { Cancellation, DefaultLinker, interruptAndCheck, type AstNodeDescription, type LangiumDocument, type LinkingError, type ReferenceInfo } from 'langium';
import { astNodesOf, forEachReference } from '../ast-walk.js';
import { closest } from '../validation/spelling.js';

/** What a reference type is called in messages. */
const KIND_NAMES: Record<string, string> = {
    Substance: 'substance', SubstanceClass: 'class', Classifier: 'substance or class', Condition: 'condition',
    Medicine: 'substance', Product: 'product',
    Layer: 'layer', Mixture: 'mixture', Technique: 'technique', Session: 'session', Protocol: 'protocol', AreaClause: 'area', Region: 'region'
};

/** A linking error with the nearest declared name, for the quick fix (`MesoDocumentValidator.processLinkingErrors`). */
export interface MesoLinkingError extends LinkingError {
    readonly data: { readonly suggestion?: string };
}

/** Linking errors that read well: `Unknown substance 'lidocane'. Did you mean 'lidocaine'?` */
export class MesoLinker extends DefaultLinker {
    /**
     * Links like Langium's (same order), over a plain array of the nodes, yielding for
     * cancellation every 256 nodes instead of awaiting at each node: the per-node promises
     * and streams were most of linking's allocations on a large protocol.
     */
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const nodes = astNodesOf(document.parseResult.value);
        for (let i = 0; i < nodes.length; i++) {
            if ((i & 255) === 0) await interruptAndCheck(cancelToken);
            forEachReference(nodes[i], info => this.doLink(info, document));
        }
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): MesoLinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const type = this.reflection.getReferenceType(refInfo);
        const text = refInfo.reference.$refText;
        let names: string[] = [];
        try {
            names = this.scopeProvider.getScope(refInfo).getAllElements().map(d => d.name).toArray();
        } catch {
            // The scope may not be computable for a broken document; the plain message still helps.
        }
        const suggestion = closest(text, names);
        const kind = KIND_NAMES[type] ?? type;
        const hint = suggestion ? ` Did you mean '${suggestion}'?` : (type === 'Substance' || type === 'Medicine' || type === 'Classifier' || type === 'Condition')
            ? ' Declare it, or import the file that declares it.' : '';
        return { ...error, message: `Unknown ${kind} '${text}'.${hint}`, data: { suggestion } };
    }
}
