import type { LangiumSharedCoreServices } from 'langium';

/**
 * A cache whose entries are computed from a set of documents (std, or the files a protocol
 * imports): an entry is dropped when one of its documents changes or is deleted, and
 * survives edits of any other document. A `WorkspaceCache` is cleared on every edit, which
 * rebuilt the std and formulary scopes and rules (hundreds of declarations) per keystroke
 * in a protocol that only imports them.
 */
export class UriSetCache<V> {
    private readonly entries = new Map<string, { readonly uris: ReadonlySet<string>; readonly value: V }>();

    constructor(shared: LangiumSharedCoreServices) {
        shared.workspace.DocumentBuilder.onUpdate((changed, deleted) => {
            if (this.entries.size === 0) return;
            const touched = [...changed, ...deleted].map(uri => uri.toString());
            for (const [key, entry] of this.entries) {
                if (touched.some(uri => entry.uris.has(uri))) this.entries.delete(key);
            }
        });
    }

    /**
     * The entry under `key` computed from the documents `uris`; computed again when missing
     * or when it was computed from another set (e.g. a std document added since).
     */
    get(key: string, uris: ReadonlySet<string>, compute: () => V): V {
        let entry = this.entries.get(key);
        if (!entry || !sameSet(entry.uris, uris)) this.entries.set(key, entry = { uris, value: compute() });
        return entry.value;
    }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
    if (a === b) return true;
    if (a.size !== b.size) return false;
    for (const x of a) if (!b.has(x)) return false;
    return true;
}
