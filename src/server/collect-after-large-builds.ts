import { DocumentState, type LangiumSharedCoreServices } from 'langium';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's full garbage collection, if this process may call it (it may unless V8 refuses the flag). */
export function fullGarbageCollection(): (() => void) | undefined {
    try {
        setFlagsFromString('--expose-gc');
        const gc: unknown = runInNewContext('gc');
        return typeof gc === 'function' ? gc as () => void : undefined;
    } catch {
        return undefined;
    }
}

/** A build of at least this many documents is a workspace load or a change to a shared file. */
export const LARGE_BUILD = 50;

/**
 * Runs a full garbage collection right after each build that validated at least `LARGE_BUILD`
 * documents. Loading a workspace of 1,000 files leaves V8's heap about twice the size of what
 * it holds (the garbage of parsing, linking and validating every file), and V8 gives the pages
 * back only slowly: 275-300 MB resident for about 130 MB live. One collection, once the
 * diagnostics are out, brings it to about 240 MB. Builds of a few documents (keystrokes) never
 * pay for it. The TypeScript server collects in the same way when it may.
 */
export function collectAfterLargeBuilds(shared: LangiumSharedCoreServices, collect = fullGarbageCollection()): void {
    if (!collect) return;
    const builder = shared.workspace.DocumentBuilder;
    let validated = 0;
    // A build cancelled by the next change never reaches its last phase: count afresh.
    builder.onUpdate(() => { validated = 0; });
    builder.onDocumentPhase(DocumentState.Validated, () => { validated++; });
    builder.onBuildPhase(DocumentState.Validated, () => {
        if (validated >= LARGE_BUILD) setImmediate(collect);
        validated = 0;
    });
}
