import { AstUtils, CstUtils, UriUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Position, type TextEdit } from 'vscode-languageserver';
import { isFollowsFact, isModel, isPatient, isProtocol, type Model } from '../generated/ast.js';
import type { MesoLspServices } from './lsp-module.js';
import { addDays } from '../semantics/patient-semantics.js';
import { isStdUri } from '../std/std-library.js';
import { mayBeAccepted } from '../validation/acceptance.js';
import { IssueCodes } from '../validation/issue-codes.js';
import { Severity } from '../validation/severity.js';
import { Fraction } from 'fraction.js';

type Data = Record<string, unknown> & { code?: string };

/**
 * Quick fixes built from the data each diagnostic carries: lower a dose to the largest
 * allowed volume, add a skin test or a weight floor, fix a misspelt name or unit, import a
 * name from another file, or accept a warning with a `meso-ignore` comment.
 */
export class MesoCodeActionProvider implements CodeActionProvider {
    constructor(private readonly services: MesoLspServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            actions.push(...this.fixesFor(document, diagnostic));
            const ignore = this.ignoreAction(document, diagnostic);
            if (ignore) actions.push(ignore);
        }
        return actions;
    }

    private fixesFor(document: LangiumDocument, d: Diagnostic): CodeAction[] {
        const data = (d.data ?? {}) as Data;
        const fix = (title: string, edits: TextEdit[], preferred = false): CodeAction => ({
            title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: preferred,
            edit: { changes: { [document.textDocument.uri]: edits } }
        });
        switch (data.code) {
            case IssueCodes.OverdoseSession:
            case IssueCodes.OverdoseWeight:
                if (typeof data.largestVolume !== 'number' || data.largestVolume <= 0) return [];
                return [fix(`Lower '${String(data.substance)}' to ${data.largestVolume} mL (the largest volume within the cap)`,
                    [{ range: d.range, newText: `${data.largestVolume} mL` }], true)];
            case IssueCodes.VolumePerPoint:
                return typeof data.max === 'number' ? [fix(`Use ${data.max} mL per point (the limit)`, [{ range: d.range, newText: `${data.max} mL` }], true)] : [];
            case IssueCodes.UnknownUnit:
                return typeof data.suggestion === 'string' ? [fix(`Change the unit to '${data.suggestion}'`, [{ range: d.range, newText: data.suggestion }], true)] : [];
            case IssueCodes.UnresolvedName:
                if (typeof data.suggestion === 'string') {
                    return [fix(`Change to '${data.suggestion}'`, [{ range: d.range, newText: data.suggestion }], true)];
                }
                return this.importFixes(document, d, String(data.refText ?? document.textDocument.getText(d.range)));
            case IssueCodes.MissingSkinTest:
                return this.skinTestFix(document, d, fix);
            case IssueCodes.WeightUnknown: {
                const protocol = this.nodeAt(document, d.range.start, isProtocol);
                const edit = protocol && this.insertLineInBlock(document, protocol.$cstNode!.range.start.line, 'patients from 50 kg');
                return edit ? [fix("Declare 'patients from 50 kg' (edit to the lightest patient the protocol is for)", [edit])] : [];
            }
            default:
                return [];
        }
    }

    private skinTestFix(document: LangiumDocument, d: Diagnostic, fix: (t: string, e: TextEdit[], p?: boolean) => CodeAction): CodeAction[] {
        const patient = this.nodeAt(document, d.range.start, isPatient);
        if (patient) {
            const follows = patient.facts.find(isFollowsFact);
            const date = follows ? addDays(follows.start, new Fraction(-2)) : undefined;
            const line = follows?.$cstNode?.range.start.line;
            if (!date || line === undefined) return [];
            const indent = /^\s*/.exec(document.textDocument.getText({ start: { line, character: 0 }, end: { line, character: 200 } }))![0];
            return [fix(`Record a negative skin test on ${date}`, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}skin test on ${date} negative\n` }])];
        }
        const protocol = this.nodeAt(document, d.range.start, isProtocol);
        const line = protocol?.$cstNode?.range.start.line;
        const add = line !== undefined && this.insertLineInBlock(document, line, 'skin test 2 days before first session');
        const none = line !== undefined && this.insertLineInBlock(document, line, 'skin test not needed "<reason: who decided and why>"');
        return [
            ...(add ? [fix("Add 'skin test 2 days before first session'", [add], true)] : []),
            ...(none ? [fix('Record that no skin test is needed, with a reason', [none])] : [])
        ];
    }

    /** For a name declared in another workspace file: `import "that/file.meso"`. */
    private importFixes(document: LangiumDocument, d: Diagnostic, name: string): CodeAction[] {
        const root = document.parseResult.value as Model;
        const here = UriUtils.dirname(document.uri);
        const candidates = this.services.shared.workspace.IndexManager.allElements()
            .filter(e => e.name === name && !isStdUri(e.documentUri) && e.documentUri.toString() !== document.uri.toString())
            .map(e => e.documentUri).distinct(u => u.toString()).toArray();
        const line = root.imports.length > 0 ? root.imports[root.imports.length - 1].$cstNode!.range.end.line + 1 : 0;
        return candidates.map(uri => {
            const path = UriUtils.relative(here, uri);
            return {
                title: `Import '${path}' (declares '${name}')`, kind: CodeActionKind.QuickFix, diagnostics: [d],
                edit: { changes: { [document.textDocument.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `import "${path}"\n${root.imports.length === 0 ? '\n' : ''}` }] } }
            };
        });
    }

    /** `// meso-ignore <code>: <reason>` above the line, for diagnostics that may be accepted. */
    private ignoreAction(document: LangiumDocument, d: Diagnostic): CodeAction | undefined {
        const code = typeof d.code === 'string' ? d.code : undefined;
        // Hints (faded text such as `unused`) may be accepted too, but are not worth a quick fix.
        if (!code || !mayBeAccepted(d) || d.severity === Severity.Hint) return undefined;
        const line = d.range.start.line;
        const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
        const indent = /^\s*/.exec(text)![0];
        return {
            title: `Accept '${code}' here with a reason (meso-ignore)`, kind: CodeActionKind.QuickFix, diagnostics: [d],
            edit: { changes: { [document.textDocument.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// meso-ignore ${code}: <reason: who decided and why>\n` }] } }
        };
    }

    private nodeAt<T extends import('langium').AstNode>(document: LangiumDocument, position: Position, guard: (n: unknown) => n is T): T | undefined {
        const root = document.parseResult.value;
        if (!isModel(root) || !root.$cstNode) return undefined;
        const leaf = CstUtils.findLeafNodeAtOffset(root.$cstNode, document.textDocument.offsetAt(position));
        return leaf ? AstUtils.getContainerOfType(leaf.astNode, guard) : undefined;
    }

    /** Inserts a line right after the `{` line of a block that starts on `line`. */
    private insertLineInBlock(document: LangiumDocument, line: number, text: string): TextEdit | undefined {
        const lines = document.textDocument.getText().split('\n');
        for (let l = line; l < lines.length; l++) {
            const brace = lines[l].indexOf('{');
            if (brace < 0) continue;
            const rest = lines[l].slice(brace + 1).trim();
            const baseIndent = /^\s*/.exec(lines[line])![0];
            if (rest.length > 0) {
                // A one-line block: insert right after the brace.
                return { range: { start: { line: l, character: brace + 1 }, end: { line: l, character: brace + 1 } }, newText: ` ${text} ` };
            }
            return { range: { start: { line: l + 1, character: 0 }, end: { line: l + 1, character: 0 } }, newText: `${baseIndent}    ${text}\n` };
        }
        return undefined;
    }
}
