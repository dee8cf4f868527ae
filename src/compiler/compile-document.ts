import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import pkg from '../../package.json' with { type: 'json' };
import { isPatient, isProtocol, type Model } from '../language/generated/ast.js';
import type { MesoServices } from '../language/meso-module.js';
import { compilePlan } from './compile-plan.js';
import { compileProtocol, type CompileContext } from './compile-protocol.js';
import schema from './meso-schema.json' with { type: 'json' };
import type { Warning } from './meso-json.generated.js';
import { codeOf } from '../language/validation/report.js';
import { Severity } from '../language/validation/severity.js';
import { WHOLE_IDENTIFIER } from '../language/identifier.js';

/** The tool's identity in every document: its version and the schema's `$id`. */
export const defaultCompileContext: CompileContext = { version: pkg.version, schemaId: schema.$id };

/** One compiled document, ready to write. */
export interface CompiledOutput {
    readonly id: string;
    /** `<id>.json` for a protocol, `<id>.plan.json` for a patient plan. */
    readonly fileName: string;
    readonly text: string;
}


/** The longest file name most file systems take (ext4, tmpfs, APFS, NTFS): 255 bytes of UTF-8. */
export const MAX_FILE_NAME_BYTES = 255;

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/** 16 hex digits of the 64-bit FNV-1a hash of the name's UTF-8 bytes (pure, the same everywhere). */
function nameHash(name: string): string {
    let h = 0xcbf29ce484222325n;
    for (const byte of new TextEncoder().encode(name)) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
    return h.toString(16).padStart(16, '0');
}

/**
 * The file a protocol (`<name>.json`) or patient plan (`<name>.plan.json`) is written to, or
 * undefined when the name could not be a plain file name. Output paths come only from
 * declaration names, which the grammar keeps to identifiers; this guards the rule in depth.
 * A name too long for a file name (over 255 bytes with its suffix) keeps as much of its start
 * as fits, followed by `-` and 16 hex digits of its hash (FNV-1a): `<start>-<hash>.json`. The
 * document itself holds the whole name.
 */
export function outputFileName(kind: 'protocol' | 'plan', name: string | undefined): string | undefined {
    if (!name || !WHOLE_IDENTIFIER.test(name)) return undefined;
    const suffix = kind === 'protocol' ? '.json' : '.plan.json';
    if (utf8Bytes(name + suffix) <= MAX_FILE_NAME_BYTES) return name + suffix;
    const tail = `-${nameHash(name)}${suffix}`;
    let start = '';
    for (const char of name) {
        if (utf8Bytes(start + char + tail) > MAX_FILE_NAME_BYTES) break;
        start += char;
    }
    return start + tail;
}

/** Looks up the diagnostics of any loaded document by URI. */
export type DiagnosticsOf = (uri: string) => Diagnostic[];

/** Warnings of a node's document that lie inside the node (a protocol or a patient). */
function warningsIn(node: AstNode, diagnosticsOf: DiagnosticsOf): Warning[] {
    const range = node.$cstNode?.range;
    if (!range) return [];
    return diagnosticsOf(AstUtils.getDocument(node).uri.toString())
        .filter(d => d.severity === Severity.Warning && d.range.start.line >= range.start.line && d.range.end.line <= range.end.line)
        .map(d => ({ code: codeOf(d), message: typeof d.message === 'string' ? d.message : d.message.value, line: d.range.start.line + 1, column: d.range.start.character + 1 }));
}

function safeFileName(kind: 'protocol' | 'plan', name: string): string {
    const fileName = outputFileName(kind, name);
    // Unreachable for a parsed document without errors, which is all the compiler accepts.
    if (!fileName) throw new Error(`'${name}' cannot name an output file.`);
    return fileName;
}

/**
 * Compiles every protocol and patient plan of a checked document to JSON text (2-space
 * indentation, trailing newline). The caller must have refused documents with errors.
 */
export function compileDocument(services: MesoServices, document: LangiumDocument, diagnosticsOf: DiagnosticsOf, context = defaultCompileContext): CompiledOutput[] {
    const semantics = services.semantics.Semantics;
    const outputs: CompiledOutput[] = [];
    const text = (doc: object) => JSON.stringify(doc, null, 2) + '\n';
    for (const element of (document.parseResult.value as Model).elements) {
        // A nameless protocol or patient is a parse cut short (the document has a syntax error): nothing to name a file by.
        if ((isProtocol(element) || isPatient(element)) && !element.name) continue;
        if (isProtocol(element)) {
            const doc = compileProtocol(element, semantics.protocol(element), warningsIn(element, diagnosticsOf), context);
            outputs.push({ id: element.name, fileName: safeFileName('protocol', element.name), text: text(doc) });
        } else if (isPatient(element)) {
            const ps = semantics.patient(element);
            if (!ps.protocol || !ps.start) continue;
            const warnings = [...warningsIn(element, diagnosticsOf), ...warningsIn(ps.protocol, diagnosticsOf)];
            const doc = compilePlan(element, ps, semantics.protocol(ps.protocol), warnings, context);
            outputs.push({ id: element.name, fileName: safeFileName('plan', element.name), text: text(doc) });
        }
    }
    return outputs;
}
