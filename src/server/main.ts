import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createMesoServices } from '../language/meso-module.js';

// The language server entry: create the connection, wire the services, start serving.
const connection = createConnection(ProposedFeatures.all);
const { shared } = createMesoServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
