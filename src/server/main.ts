import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createMesoServices } from '../language/lsp/lsp-module.js';
import { collectAfterLargeBuilds } from './collect-after-large-builds.js';
import { registerCompileHandler, registerPreviewHandler } from './meso-requests.js';
import { MesoNodeFileSystem, recordRefusalsIn } from './text-file-system.js';

// The language server entry: create the connection, wire the services, start serving.
const connection = createConnection(ProposedFeatures.all);
const { shared, Meso } = createMesoServices({ connection, ...MesoNodeFileSystem });
recordRefusalsIn(shared, Meso);
registerCompileHandler(connection, Meso);
registerPreviewHandler(connection, Meso);
collectAfterLargeBuilds(shared);
startLanguageServer(shared);
