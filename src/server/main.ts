import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createMesoServices } from '../language/meso-module.js';
import { registerCompileHandler, registerPreviewHandler } from './meso-requests.js';

// The language server entry: create the connection, wire the services, start serving.
const connection = createConnection(ProposedFeatures.all);
const { shared, Meso } = createMesoServices({ connection, ...NodeFileSystem });
registerCompileHandler(connection, Meso);
registerPreviewHandler(connection, Meso);
startLanguageServer(shared);
