import { DefaultServiceRegistry, type LangiumCoreServices, type URI } from 'langium';

/**
 * The server serves one language: a document of any URI is Meso (`untitled:Untitled-1`,
 * `vscode-notebook-cell:…`, a virtual file system). Langium's registry chose services by file
 * extension and threw for these ("no services for the extension ''"), which ended the server.
 * Which files are loaded from a workspace folder is decided by the workspace manager.
 */
export class MesoServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        const all = this.all;
        return all.length === 1 ? all[0] : super.getServices(uri);
    }

    override hasServices(uri: URI): boolean {
        return this.all.length === 1 || super.hasServices(uri);
    }
}
