import { promises as fs } from 'node:fs';
import type { LangiumDocument } from 'langium';
import { outputFileName } from '../compiler/compile-document.js';
import { fileSystemError } from '../files/fs-errors.js';
import { IDENTIFIER } from '../language/identifier.js';
import { isModel, isPatient, isProtocol } from '../language/generated/ast.js';

/** An output a document would be compiled to: where, and which document it must hold. */
export interface ExpectedOutput {
    readonly kind: 'protocol' | 'plan';
    readonly id: string;
    readonly fileName: string;
}

// A protocol or patient declaration at the start of a line.
const DECLARATION = new RegExp(`^[ \\t]*(protocol|patient)[ \\t]+(${IDENTIFIER.source})`, 'gm');

/**
 * The outputs a document would give, read from its declarations even when it has errors:
 * from the parsed tree, and from the file's text as read (`sourceText`, decoded leniently
 * when it is not UTF-8), so that a file whose declaration no longer parses, or that is no
 * longer text, still finds its previous outputs.
 */
export function expectedOutputs(document: LangiumDocument, sourceText: string): ExpectedOutput[] {
    const found = new Map<string, ExpectedOutput>();
    const add = (kind: 'protocol' | 'plan', id: string | undefined) => {
        const fileName = outputFileName(kind, id);
        if (fileName && id) found.set(fileName, { kind, id, fileName });
    };
    const root = document.parseResult.value;
    for (const element of isModel(root) ? root.elements : []) {
        if (isProtocol(element)) add('protocol', element.name);
        else if (isPatient(element)) add('plan', element.name);
    }
    for (const m of sourceText.matchAll(DECLARATION)) add(m[1] === 'protocol' ? 'protocol' : 'plan', m[2]);
    return [...found.values()];
}

// Larger than any compiled document; a bigger file is not ours to delete.
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** True when the file is a Meso document of that kind for that id (so a previous output). */
async function holdsOutput(file: string, expected: ExpectedOutput): Promise<boolean> {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile() || stat.size > MAX_OUTPUT_BYTES) return false;
    try {
        const json = JSON.parse(await fs.readFile(file, 'utf8')) as { format?: unknown; protocol?: { id?: unknown }; patient?: { id?: unknown } };
        return expected.kind === 'protocol'
            ? json.format === 'meso-protocol' && json.protocol?.id === expected.id
            : json.format === 'meso-plan' && json.patient?.id === expected.id;
    } catch {
        return false;
    }
}

/**
 * Removes the previous outputs of a compile that failed, so that none is left looking
 * current. Only a file that is a Meso document for the same protocol or patient is removed;
 * anything else at that path is left alone. Returns the removed paths; a removal that fails is a
 * `FileSystemError`.
 */
export async function removeOutdatedOutputs(candidates: Array<{ path: string; expected: ExpectedOutput }>): Promise<string[]> {
    const removed: string[] = [];
    for (const c of candidates) {
        if (removed.includes(c.path) || !await holdsOutput(c.path, c.expected)) continue;
        await fs.rm(c.path, { force: true }).catch(e => { throw fileSystemError(`cannot remove the out-of-date ${c.path}`, e); });
        removed.push(c.path);
    }
    return removed;
}
