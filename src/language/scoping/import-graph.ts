import type { MesoServices } from '../meso-module.js';
import type { MesoProjectSettings } from '../workspace/project-settings.js';
import { URI, WorkspaceCache, type AstNodeDescription, type AstReflection, type IndexManager, type LangiumCoreServices, type LangiumDocuments } from 'langium';
import { isModel } from '../generated/ast.js';
import { isStdUri } from '../std/std-library.js';
import { resolveImportUri, type MesoImports } from './imports.js';

/**
 * Of the declarations of one name in a set of files ordered by URI (as text): the first one
 * of the first file declaring it and the last one of the last file. A scope built over the
 * files in that order keeps the last (a hash map overwrites); a duplicate-name error names
 * the first.
 */
export interface Extremes {
    readonly first: AstNodeDescription;
    readonly firstUri: string;
    readonly last: AstNodeDescription;
    readonly lastUri: string;
}

/** A strongly connected component of the import graph (a single file unless files import each other in a cycle). */
interface Component {
    readonly members: string[];
    readonly successors: Component[];
    /** Rank in the order components were completed: a component's successors all rank lower. */
    readonly order: number;
    /** For a target component: which components were found to import it, transitively, or not. */
    readonly reachers: Map<Component, boolean>;
    /** Per property: the files among the members and everything they import that have it. */
    readonly sets: Map<string, ReadonlySet<string>>;
}

/** The graph as far as it was explored in one workspace state. */
class GraphState {
    readonly components = new Map<string, Component>();
    completed = 0;
    /** Every declaration of the workspace outside std by name, each file's in document order. */
    declarations: Map<string, Array<{ readonly uri: string; readonly description: AstNodeDescription }>> | undefined;
    readonly edges = new Map<string, string[]>();
    // Tarjan's bookkeeping, kept between explorations: a search may start at any file not yet seen.
    readonly index = new Map<string, number>();
    readonly low = new Map<string, number>();
    readonly stack: string[] = [];
    readonly onStack = new Set<string>();
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * What a file sees through its imports, computed per component of the import graph and
 * composed instead of flattened. A file sees everything it imports, transitively: in a chain
 * of files each importing the previous one, the last sees all the others. Building a scope,
 * a name map and the library rules of each file's whole closure made a chain quadratic
 * (2,000 files: 103 s and 2 GB). Here a name is looked up in an index of the workspace's
 * declarations (usually one per name), and each declaration found is kept when its file is
 * imported, transitively, which the components of the graph answer (ranked so that most
 * answers take a step, and kept); the library rules are composed per component, sets shared
 * along a chain. The work grows with the files, the imports and the names looked up, not
 * with the sum of the closures.
 * Valid for one workspace state (cleared on every change).
 */
export class ImportGraph {
    private readonly documents: LangiumDocuments;
    private readonly indexManager: IndexManager;
    private readonly reflection: AstReflection;
    private readonly state: WorkspaceCache<'graph', GraphState>;

    private readonly settings: () => MesoProjectSettings | undefined;

    constructor(services: LangiumCoreServices, private readonly imports: MesoImports) {
        this.settings = () => (services as Partial<MesoServices>).workspace?.ProjectSettings;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.indexManager = services.shared.workspace.IndexManager;
        this.reflection = services.shared.AstReflection;
        this.state = new WorkspaceCache(services.shared);
    }

    /**
     * The declarations named `name` (of `type` or a subtype, or of any type) in the files
     * `uri` imports, transitively, itself and std left out; undefined when there are none.
     */
    imported(uri: string, name: string, type?: string): Extremes | undefined {
        if (isStdUri(uri)) return undefined;
        const state = this.current();
        const candidates = this.declarationsOf(state).get(name);
        if (!candidates) return undefined;
        const from = this.componentOf(state, uri);
        let result: Extremes | null = null;
        for (const { uri: where, description } of candidates) {
            if (where === uri || (type !== undefined && !this.reflection.isSubtype(description.type, type))) continue;
            // A file the exploration from `uri` did not reach is not imported by it.
            const target = state.components.get(where);
            if (!target || !this.reaches(from, target)) continue;
            result = combine(result, { first: description, firstUri: where, last: description, lastUri: where });
        }
        return result ?? undefined;
    }

    /** URIs of the files `uri` imports, transitively, itself and std left out, in URI order. */
    importedUris(uri: string): string[] {
        if (isStdUri(uri)) return [];
        const state = this.current();
        const start = this.componentOf(state, uri);
        const seen = new Set<Component>([start]);
        const queue = [start];
        const uris: string[] = [];
        while (queue.length > 0) {
            const component = queue.pop()!;
            for (const member of component.members) if (member !== uri && !isStdUri(member)) uris.push(member);
            for (const s of component.successors) if (!seen.has(s)) { seen.add(s); queue.push(s); }
        }
        return uris.sort();
    }

    /**
     * The files `uri` imports, transitively (itself and std left out), for which `has` holds
     * (`property` names it, for the cache). Files importing the same such files share one set
     * object, so what is derived from the set can be cached per set.
     */
    importedWith(uri: string, property: string, has: (uri: string) => boolean): ReadonlySet<string> {
        if (isStdUri(uri)) return EMPTY;
        const state = this.current();
        const component = this.componentOf(state, uri);
        const union = new Union();
        union.add(new Set(component.members.filter(m => m !== uri && has(m))));
        for (const successor of component.successors) union.add(this.closureSet(successor, property, has));
        return union.result();
    }

    private current(): GraphState {
        return this.state.get('graph', () => new GraphState());
    }

    private closureSet(start: Component, property: string, has: (uri: string) => boolean): ReadonlySet<string> {
        return this.postOrder(start, c => c.sets.has(property), c => {
            const union = new Union();
            union.add(new Set(c.members.filter(m => !isStdUri(m) && has(m))));
            for (const s of c.successors) union.add(s.sets.get(property)!);
            c.sets.set(property, union.result());
        }, () => start.sets.get(property)!);
    }

    /**
     * Computes `compute` for `start` and every component it imports that is not `done`, the
     * imported ones first, without recursion (a chain may be thousands of files deep).
     */
    private postOrder<T>(start: Component, done: (c: Component) => boolean, compute: (c: Component) => void, result: () => T): T {
        const stack = [start];
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            if (done(top)) { stack.pop(); continue; }
            const pending = top.successors.filter(s => !done(s));
            if (pending.length > 0) { stack.push(...pending); continue; }
            compute(top);
            stack.pop();
        }
        return result();
    }

    private declarationsOf(state: GraphState): NonNullable<GraphState['declarations']> {
        if (state.declarations) return state.declarations;
        const byName: NonNullable<GraphState['declarations']> = new Map();
        for (const document of this.documents.all) {
            const uri = document.uri.toString();
            if (isStdUri(uri)) continue;
            for (const description of this.indexManager.allElements(undefined, new Set([uri]))) {
                const list = byName.get(description.name);
                const entry = { uri, description };
                if (list) list.push(entry); else byName.set(description.name, [entry]);
            }
        }
        return state.declarations = byName;
    }

    /**
     * Whether `from` imports `target`, transitively: a search over the components ranked at
     * least as high as `target` (no other can reach it), whose answers are kept per target,
     * so that the files of a chain asking for its first file each take a step.
     */
    private reaches(from: Component, target: Component): boolean {
        if (from === target) return true;
        if (from.order < target.order) return false;
        const known = target.reachers;
        const stack = [from];
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            if (known.has(top)) { stack.pop(); continue; }
            let found = false;
            let pending = false;
            for (const s of top.successors) {
                if (s === target || known.get(s) === true) { found = true; break; }
                if (s.order >= target.order && !known.has(s)) { stack.push(s); pending = true; }
            }
            if (found || !pending) { known.set(top, found); stack.pop(); }
        }
        return known.get(from)!;
    }

    /** The files `uri` imports directly: loaded, `.meso`, inside the project. */
    private edges(state: GraphState, uri: string): string[] {
        const known = state.edges.get(uri);
        if (known) return known;
        const root = this.documents.getDocument(URI.parse(uri))?.parseResult.value;
        const targets = new Set<string>();
        for (const imp of root && isModel(root) ? root.imports : []) {
            const target = resolveImportUri(imp);
            if (target && !this.imports.refusal(target) && this.documents.hasDocument(target)) targets.add(target.toString());
        }
        // The project's formularies (meso.config.json) are seen by every file of the project.
        for (const formulary of this.settings()?.forDocument(uri)?.formularies ?? []) {
            if (formulary !== uri && this.documents.hasDocument(URI.parse(formulary))) targets.add(formulary);
        }
        const edges = [...targets];
        state.edges.set(uri, edges);
        return edges;
    }

    /** The component of `uri`, exploring the graph from it (Tarjan's algorithm, iterative) if it was not seen yet. */
    private componentOf(state: GraphState, uri: string): Component {
        const known = state.components.get(uri);
        if (known) return known;
        let counter = state.index.size;
        const visit = (v: string): { v: string; edges: string[]; next: number } => {
            state.index.set(v, counter);
            state.low.set(v, counter++);
            state.stack.push(v);
            state.onStack.add(v);
            return { v, edges: this.edges(state, v), next: 0 };
        };
        const frames = [visit(uri)];
        while (frames.length > 0) {
            const frame = frames[frames.length - 1];
            if (frame.next < frame.edges.length) {
                const w = frame.edges[frame.next++];
                if (state.components.has(w)) continue;
                if (!state.index.has(w)) frames.push(visit(w));
                else if (state.onStack.has(w)) state.low.set(frame.v, Math.min(state.low.get(frame.v)!, state.index.get(w)!));
                continue;
            }
            frames.pop();
            const v = frame.v;
            if (state.low.get(v) === state.index.get(v)) {
                const members: string[] = [];
                let w: string;
                do {
                    w = state.stack.pop()!;
                    state.onStack.delete(w);
                    members.push(w);
                } while (w !== v);
                const own = new Set(members);
                const successors = new Set<Component>();
                for (const m of members) {
                    for (const target of this.edges(state, m)) if (!own.has(target)) successors.add(state.components.get(target)!);
                }
                const component: Component = { members, successors: [...successors], order: state.completed++, reachers: new Map(), sets: new Map() };
                for (const m of members) state.components.set(m, component);
            }
            const parent = frames[frames.length - 1];
            if (parent) state.low.set(parent.v, Math.min(state.low.get(parent.v)!, state.low.get(v)!));
        }
        return state.components.get(uri)!;
    }
}

/** The extremes of `a` and then `b` (on a tie, the first of `a` and the last of `b`: document order). */
function combine(a: Extremes | null, b: Extremes | null): Extremes | null {
    if (!a) return b;
    if (!b) return a;
    const first = b.firstUri < a.firstUri ? b : a;
    const last = a.lastUri > b.lastUri ? a : b;
    if (first === last) return first;
    return { first: first.first, firstUri: first.firstUri, last: last.last, lastUri: last.lastUri };
}

/** A union of sets that returns one of its inputs when the others add nothing to it. */
class Union {
    private set: Set<string> | ReadonlySet<string> = EMPTY;
    private owned = false;

    add(other: ReadonlySet<string>): void {
        if (other.size === 0 || other === this.set) return;
        if (this.set.size === 0) { this.set = other; return; }
        let missing = false;
        for (const x of other) if (!this.set.has(x)) { missing = true; break; }
        if (!missing) return;
        if (!this.owned) { this.set = new Set(this.set); this.owned = true; }
        for (const x of other) (this.set as Set<string>).add(x);
    }

    result(): ReadonlySet<string> {
        return this.set;
    }
}
