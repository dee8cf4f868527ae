import { startLanguageServer } from 'langium/lsp';
import { createMesoServices } from '../language/lsp/lsp-module.js';
import { collectAfterLargeBuilds } from './collect-after-large-builds.js';
import { createMesoConnection } from './connection.js';
import { MesoServerModule, type MesoCommandHandler } from './meso-commands.js';
import { registerCompileHandler, registerPreviewHandler } from './meso-requests.js';
import { MesoNodeFileSystem, recordRefusalsIn } from './text-file-system.js';
import { watchProjectConfigs } from './project-config-watch.js';

// The language server entry: create the connection, wire the services, start serving.
const connection = createMesoConnection();
const { shared, Meso } = createMesoServices({ connection, ...MesoNodeFileSystem }, MesoServerModule);
recordRefusalsIn(shared, Meso);
(shared.lsp.ExecuteCommandHandler as MesoCommandHandler).connect(connection, Meso);
registerCompileHandler(connection, Meso);
registerPreviewHandler(connection, Meso);
collectAfterLargeBuilds(shared);
watchProjectConfigs(connection, shared, Meso);
startLanguageServer(shared);
