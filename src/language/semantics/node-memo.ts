/**
 * Facts of one node (a mixture, a technique, a session), kept from one build to the next
 * while the node and what it depends on stay the same objects.
 *
 * A block re-parse (parsing/block-reparse.ts) keeps every block outside the edit: the same
 * node objects. Mixtures, techniques and sessions hold no other block, so they are never
 * patched in place: any edit inside one makes a new node (a protocol, which holds blocks, is
 * patched, and is not memoised). What a node's facts read
 * through its references (a substance, a layer, another node's facts) is passed as `deps`:
 * a reference resolved to another object, or another node's facts computed again, makes
 * the facts be computed again.
 */
export class NodeMemo<N extends object, V> {
    private readonly entries = new WeakMap<N, { readonly deps: readonly unknown[]; readonly value: V }>();

    get(node: N, deps: readonly unknown[], compute: () => V): V {
        const kept = this.entries.get(node);
        if (kept && kept.deps.length === deps.length && kept.deps.every((d, i) => d === deps[i])) return kept.value;
        const value = compute();
        this.entries.set(node, { deps, value });
        return value;
    }
}
