import ignore, { type Ignore } from 'ignore';
import { URI } from 'langium';

/** A severity a project may give a diagnostic code, or `off` to silence it (codes that may be silenced only). */
export type ConfiguredSeverity = 'error' | 'warning' | 'info' | 'off';

/**
 * A project's configuration as the shells read it from `meso.config.json` (docs/configuration.md):
 * the core never reads files, the CLI and the language server pass it in.
 */
export interface ProjectSettings {
    /** The rule profile (`label`, `sfm-fr`, `sim-it`, or one a formulary declares). */
    readonly profile?: string;
    /** Severity per diagnostic code. */
    readonly severities?: Readonly<Record<string, ConfiguredSeverity>>;
    /** Formulary files every document of the project sees, as absolute URIs. */
    readonly formularies?: readonly string[];
    /** Gitignore-style patterns of files the CLI leaves out. */
    readonly ignore?: readonly string[];
}

/**
 * The configuration of each project root. A document takes the settings of the deepest root
 * that holds it; a document outside every root (or std) has none.
 */
export class MesoProjectSettings {
    private readonly roots = new Map<string, ProjectSettings>();
    private readonly matchers = new Map<string, Ignore | undefined>();

    /** Sets (or, with `undefined`, removes) the settings of the project rooted at `root`. */
    set(root: URI, settings: ProjectSettings | undefined): void {
        const key = folderKey(root);
        this.matchers.delete(key);
        if (settings) this.roots.set(key, settings);
        else this.roots.delete(key);
    }

    clear(): void {
        this.roots.clear();
        this.matchers.clear();
    }

    /** The settings of the project holding `uri`, if any. */
    forDocument(uri: URI | string): ProjectSettings | undefined {
        const root = this.rootOf(uri);
        return root === undefined ? undefined : this.roots.get(root);
    }

    /** Whether any project has `ignore` patterns (else `ignores` is false for every document). */
    hasIgnorePatterns(): boolean {
        return [...this.roots.values()].some(s => (s.ignore?.length ?? 0) > 0);
    }

    /**
     * Whether the `ignore` patterns of the project holding `uri` leave it out (gitignore syntax,
     * relative to the project root, as `meso check` matches them).
     */
    ignores(uri: URI | string): boolean {
        const root = this.rootOf(uri);
        if (root === undefined) return false;
        if (!this.matchers.has(root)) {
            const patterns = this.roots.get(root)!.ignore ?? [];
            this.matchers.set(root, patterns.length > 0 ? ignore().add([...patterns]) : undefined);
        }
        const matcher = this.matchers.get(root);
        if (!matcher) return false;
        const relative = URI.parse(typeof uri === 'string' ? uri : uri.toString()).path.slice(URI.parse(root).path.replace(/\/?$/, '/').length);
        return relative !== '' && matcher.ignores(relative);
    }

    private rootOf(uri: URI | string): string | undefined {
        const text = typeof uri === 'string' ? uri : uri.toString();
        let best: string | undefined;
        for (const root of this.roots.keys()) {
            if (text.startsWith(root) && (!best || root.length > best.length)) best = root;
        }
        return best;
    }

    /** Every formulary file of every project (they are loaded as workspace documents). */
    allFormularies(): string[] {
        return [...new Set([...this.roots.values()].flatMap(s => s.formularies ?? []))];
    }
}

function folderKey(root: URI): string {
    const text = root.toString();
    return text.endsWith('/') ? text : `${text}/`;
}
