import { Cancellation, DefaultReferenceDescriptionProvider, interruptAndCheck, type LangiumDocument, type ReferenceDescription } from 'langium';
import { astNodesOf, forEachReference } from '../ast-walk.js';

/**
 * Describes a document's resolved references for the reference index like Langium's (same
 * order), over a plain array of the nodes, yielding for cancellation every 256 nodes
 * instead of awaiting at each node. The index asks with `describe` when it first needs them
 * (see MesoIndexManager.updateReferences).
 */
export class MesoReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    /** The descriptions at once, without yielding: for a document that is linked and not changing. */
    describe(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const node of astNodesOf(document.parseResult.value)) {
            forEachReference(node, info => {
                if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
            });
        }
        return descriptions;
    }

    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const nodes = astNodesOf(document.parseResult.value);
        for (let i = 0; i < nodes.length; i++) {
            if ((i & 255) === 0) await interruptAndCheck(cancelToken);
            forEachReference(nodes[i], info => {
                if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
            });
        }
        return descriptions;
    }
}
