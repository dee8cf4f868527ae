import { DefaultReferenceDescriptionProvider, type LangiumDocument, type ReferenceDescription } from 'langium';
import { astNodesOf, forEachReference } from '../ast-walk.js';

/**
 * Describes a document's resolved references for the reference index like Langium's (same
 * order), over the shared plain array of the nodes. The index asks when it first needs them
 * (see MesoIndexManager.updateReferences), for a document that is linked and not changing,
 * so the walk does not yield.
 */
export class MesoReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    describe(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const node of astNodesOf(document.parseResult.value)) {
            forEachReference(node, info => {
                if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
            });
        }
        return descriptions;
    }

    override async createDescriptions(document: LangiumDocument): Promise<ReferenceDescription[]> {
        return this.describe(document);
    }
}
