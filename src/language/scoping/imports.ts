import type { MesoServices } from '../meso-module.js';
import type { MesoProjectSettings } from '../workspace/project-settings.js';
import { AstUtils, UriUtils, URI, WorkspaceCache, type AstNode, type LangiumCoreServices, type LangiumDocuments } from 'langium';
import { isModel, type Import, type Model } from '../generated/ast.js';
import { isStdUri } from '../std/std-library.js';

/**
 * The URI an import statement points at, resolved against the importing file. A `\` is a
 * folder separator as `/` is: URI resolution knows only `/`, so `..\\x.meso` would keep its
 * `..` past the project check and then climb out on Windows, where the OS reads `\` as one.
 */
export function resolveImportUri(imp: Import): URI | undefined {
    const doc = AstUtils.getDocument(imp);
    if (!imp.path) return undefined;
    return UriUtils.resolvePath(UriUtils.dirname(doc.uri), imp.path.replace(/\\/g, '/'));
}

/**
 * Why an import may not be followed: it names no `.meso` file, or it leaves the project.
 * Such a file is never read, so a protocol cannot pull arbitrary files (`/etc/passwd`,
 * `../../secrets.meso`) into the checker's output.
 */
export type ImportRefusal = { readonly reason: 'not-meso' } | { readonly reason: 'outside'; readonly root: URI };

/**
 * Which documents a document sees: itself, everything it imports (transitively, cycles
 * tolerated) and, separately, the std library. Cached until the workspace changes.
 */
export class MesoImports {
    private readonly documents: LangiumDocuments;
    private readonly cache: WorkspaceCache<string, Set<string>>;
    private readonly std: WorkspaceCache<'std', Set<string>>;
    private readonly shared: LangiumCoreServices['shared'];
    private roots: URI[] | undefined;
    private readonly failures = new Map<string, string>();
    private readonly settings: () => MesoProjectSettings | undefined;

    constructor(services: LangiumCoreServices) {
        this.shared = services.shared;
        this.settings = () => (services as Partial<MesoServices>).workspace?.ProjectSettings;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.cache = new WorkspaceCache(services.shared);
        this.std = new WorkspaceCache(services.shared);
    }

    /**
     * Sets the project folders imports must stay in (the CLI sets one; by default they are
     * the editor's workspace folders, and with none imports are not confined).
     */
    setProjectRoots(roots: URI[] | undefined): void {
        this.roots = roots;
    }

    /**
     * Records why a file could not be loaded (`permission denied`, `it is a folder`), so that
     * the import naming it says so; the core reads no files itself.
     */
    setLoadFailure(uri: URI, reason: string): void {
        this.failures.set(uri.toString(), reason);
    }

    /** Why the file at `uri` could not be loaded, when its loader said. */
    loadFailure(uri: URI): string | undefined {
        return this.failures.get(uri.toString());
    }

    /** The project folders imports must stay in, or undefined when there are none. */
    projectRoots(): URI[] | undefined {
        const folders = this.roots ?? this.shared.workspace.WorkspaceManager?.workspaceFolders?.map(f => URI.parse(f.uri));
        return folders && folders.length > 0 ? folders : undefined;
    }

    /** Undefined when the import may be read; else why not. */
    refusal(target: URI): ImportRefusal | undefined {
        if (!target.path.endsWith('.meso')) return { reason: 'not-meso' };
        const roots = this.projectRoots();
        if (roots && !roots.some(root => UriUtils.contains(root, target))) return { reason: 'outside', root: roots[0] };
        return undefined;
    }

    /** URIs (as strings) of the document and every document it imports, transitively. */
    visibleUris(node: AstNode): Set<string> {
        const uri = AstUtils.getDocument(node).uri.toString();
        return this.cache.get(uri, () => this.collect(uri));
    }

    /** URIs of all std documents. */
    stdUris(): Set<string> {
        return this.std.get('std', () => new Set(this.documents.all.filter(d => isStdUri(d.uri)).map(d => d.uri.toString()).toArray()));
    }

    private collect(start: string): Set<string> {
        const seen = new Set<string>([start]);
        const queue = [start];
        // The project's formularies (meso.config.json) are seen by every file of the project.
        for (const formulary of this.settings()?.forDocument(start)?.formularies ?? []) {
            if (!seen.has(formulary) && this.documents.hasDocument(URI.parse(formulary))) {
                seen.add(formulary);
                queue.push(formulary);
            }
        }
        while (queue.length > 0) {
            const current = queue.pop()!;
            const doc = this.documents.getDocument(URI.parse(current));
            const root = doc?.parseResult.value;
            if (!root || !isModel(root)) continue;
            for (const imp of (root as Model).imports) {
                const uri = resolveImportUri(imp);
                const target = uri && !this.refusal(uri) ? uri.toString() : undefined;
                if (target && !seen.has(target) && this.documents.hasDocument(URI.parse(target))) {
                    seen.add(target);
                    queue.push(target);
                }
            }
        }
        return seen;
    }
}
