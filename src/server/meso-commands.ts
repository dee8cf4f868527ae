import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { URI, isOperationCancelled } from 'langium';
import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor } from 'langium/lsp';
import { ErrorCodes, MessageType, ResponseError, type Connection } from 'vscode-languageserver';
import { expectedOutputs, removeOutdatedOutputs } from '../cli/outdated-outputs.js';
import { writeAllAtomically } from '../files/write-atomic.js';
import { previewHtml } from '../extension/preview-html.js';
import { isModel, isProtocol } from '../language/generated/ast.js';
import type { MesoLspServices as MesoServices } from '../language/lsp/lsp-module.js';
import {
    MesoServerCommands, type CompileCommandOptions, type CompileCommandResult, type PreviewCommandResult
} from '../language/lsp/meso-protocol.js';
import { formatSpan } from '../language/units/quantity.js';
import type { Span } from '../language/units/span.js';
import { compileOrErrors, previewModelOf, validatedDocument } from './meso-requests.js';

/**
 * The commands the code lenses name (`workspace/executeCommand`), so that Compile to JSON,
 * Preview and the schedule lens work in Neovim, Helix and Emacs as in VS Code.
 */
export class MesoCommandHandler extends AbstractExecuteCommandHandler {
    private connection?: Connection;
    private services?: MesoServices;
    private workspaceFolders: () => string[] = () => [];

    /** Called by the server entry once the services exist (they are created with this handler). */
    connect(connection: Connection, services: MesoServices): void {
        this.connection = connection;
        this.services = services;
        this.workspaceFolders = () => (services.shared.workspace.WorkspaceManager.workspaceFolders ?? [])
            .map(f => URI.parse(f.uri)).filter(u => u.scheme === 'file').map(u => u.fsPath);
    }

    registerCommands(accept: ExecuteCommandAcceptor): void {
        accept(MesoServerCommands.Compile, args => this.compile(args));
        accept(MesoServerCommands.Preview, args => this.preview(args));
        accept(MesoServerCommands.Schedule, args => this.schedule(args));
    }

    override async executeCommand(name: string, args: unknown[], cancelToken?: Parameters<AbstractExecuteCommandHandler['executeCommand']>[2]): Promise<unknown> {
        if (!this.registeredCommands.has(name)) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command '${name}'.`);
        if (!Array.isArray(args)) throw new ResponseError(ErrorCodes.InvalidParams, `${name} expects an array of arguments.`);
        try {
            return await super.executeCommand(name, args, cancelToken);
        } catch (e) {
            if (e instanceof ResponseError || isOperationCancelled(e)) throw e;
            throw new ResponseError(ErrorCodes.InternalError, `${name} failed: ${(e as Error).message}`);
        }
    }

    private get ready(): { connection: Connection; services: MesoServices } {
        if (!this.connection || !this.services) throw new ResponseError(ErrorCodes.InternalError, 'The command handler is not connected.');
        return { connection: this.connection, services: this.services };
    }

    private async compile(args: unknown[]): Promise<CompileCommandResult> {
        const { connection, services } = this.ready;
        const uri = uriArgument(MesoServerCommands.Compile, args[0]);
        const options = (typeof args[1] === 'object' && args[1] !== null ? args[1] : {}) as CompileCommandOptions;
        const say = (type: MessageType, message: string) => { if (!options.quiet) void connection.sendNotification('window/showMessage', { type, message }); };
        const document = await validatedDocument(services.shared, uri);
        if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not a .meso document the server holds.`);
        if (document.uri.scheme !== 'file') {
            const result = { written: [], removed: [], errors: [`Save ${document.uri.toString()} as a .meso file first: only files on disk are compiled.`] };
            say(MessageType.Error, `Meso: ${result.errors[0]}`);
            return result;
        }
        const source = document.uri.fsPath;
        const folder = await this.outputFolder(source, options.outputFolder);
        const compiled = compileOrErrors(services, document);
        if (compiled.errors.length > 0) {
            // As `meso compile`: a file with errors leaves none of its outputs looking current.
            const candidates = expectedOutputs(document, document.textDocument.getText()).map(expected => ({ path: path.join(folder, expected.fileName), expected }));
            const removed = await removeOutdatedOutputs(candidates);
            say(MessageType.Error, `Meso: not compiled, ${compiled.errors.length} error(s): ${compiled.errors.slice(0, 3).join('; ')}${compiled.errors.length > 3 ? '; …' : ''}${removed.length ? ` (removed out-of-date ${removed.join(', ')})` : ''}`);
            return { written: [], removed, errors: compiled.errors };
        }
        if (compiled.documents.length === 0) {
            say(MessageType.Info, 'Meso: no protocol or patient plan in this file.');
            return { written: [], removed: [], errors: [] };
        }
        const targets = compiled.documents.map(d => ({ path: path.join(folder, d.fileName), text: d.text }));
        try {
            await writeAllAtomically(targets);
        } catch (e) {
            const message = (e as Error).message;
            say(MessageType.Error, `Meso: ${message}`);
            return { written: [], removed: [], errors: [message] };
        }
        say(MessageType.Info, `Meso: wrote ${targets.map(t => t.path).join(', ')}`);
        return { written: targets.map(t => t.path), removed: [], errors: [] };
    }

    /**
     * Where a compile writes: `outputFolder` (from the arguments, else the client's
     * `meso.compile.outputFolder` setting) when absolute; relative, under the workspace folder
     * holding the file (else the file's folder); empty, beside the file.
     */
    private async outputFolder(source: string, given: string | undefined): Promise<string> {
        const configured = (given ?? await this.configuredOutputFolder()).trim();
        if (!configured) return path.dirname(source);
        if (path.isAbsolute(configured)) return configured;
        const folder = this.workspaceFolders().filter(f => source.startsWith(f.endsWith(path.sep) ? f : f + path.sep)).sort((a, b) => b.length - a.length)[0];
        return path.resolve(folder ?? path.dirname(source), configured);
    }

    private async configuredOutputFolder(): Promise<string> {
        const provider = this.ready.services.shared.workspace.ConfigurationProvider;
        const compile = await provider.getConfiguration('meso', 'compile').catch(() => undefined) as { outputFolder?: unknown } | undefined;
        return typeof compile?.outputFolder === 'string' ? compile.outputFolder : '';
    }

    private async preview(args: unknown[]): Promise<PreviewCommandResult | null> {
        const { services } = this.ready;
        const uri = uriArgument(MesoServerCommands.Preview, args[0]);
        const protocol = typeof args[1] === 'string' ? args[1] : undefined;
        const model = await previewModelOf(services, uri, protocol);
        return model ? { model, html: previewHtml(model, randomBytes(16).toString('base64'), "'none'") } : null;
    }

    private async schedule(args: unknown[]): Promise<string | null> {
        const { connection, services } = this.ready;
        const uri = uriArgument(MesoServerCommands.Schedule, args[0]);
        const document = await validatedDocument(services.shared, uri);
        const root = document?.parseResult.value;
        const protocol = isModel(root) ? root.elements.filter(isProtocol).find(p => args[1] === undefined || p.name === args[1]) : undefined;
        if (!protocol) return null;
        const semantics = services.semantics.Semantics.protocol(protocol);
        const n = (s: Span | undefined) => s ? formatSpan(s) : '?';
        const days = semantics.daysUnknown ? '' : `; sessions on days ${semantics.schedule.map(s => s.day === undefined ? '?' : formatSpan(s.day)).join(', ')}`;
        const text = `${protocol.name}: ${n(semantics.totals.cycleSessions)} sessions + ${n(semantics.totals.maintenanceSessions)} maintenance over ${n(semantics.totals.durationDays)} days${days}.`;
        void connection.sendNotification('window/showMessage', { type: MessageType.Info, message: text });
        return text;
    }
}

function uriArgument(command: string, value: unknown): string {
    if (typeof value !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${command} expects a document URI as its first argument, got ${JSON.stringify(value) ?? 'nothing'}.`);
    return value;
}

/** The server's module: its command handler (connected by `connect` once the services exist). */
export const MesoServerModule = {
    lsp: { ExecuteCommandHandler: () => new MesoCommandHandler() }
};
