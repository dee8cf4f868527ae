import * as vscode from 'vscode';
import schema from '../compiler/meso-schema.json' with { type: 'json' };

/**
 * Serves the compiled JSON's schema at its `$id` (`urn:meso:schema:<formatVersion>`), which every document
 * `meso compile` writes names in `$schema`: VS Code's JSON support opens a schema URI of an
 * unknown scheme as a text document, so every compiled file is validated wherever it lies
 * (the `jsonValidation` contribution covers the usual file names too).
 */
export function serveSchema(): vscode.Disposable {
    const [scheme, ...rest] = schema.$id.split(':');
    const text = JSON.stringify(schema, null, 2);
    return vscode.workspace.registerTextDocumentContentProvider(scheme, {
        provideTextDocumentContent: uri => uri.toString() === schema.$id || `${scheme}:${rest.join(':')}` === uri.toString(true) ? text : undefined
    });
}
