import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from './project-config.js';

/** The repository holding `folder`: the nearest folder at or above it with a `.git` entry. */
export function repositoryRoot(folder: string): string | undefined {
    for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
        if (existsSync(path.join(dir, '.git'))) return dir;
        if (path.dirname(dir) === dir) return undefined;
    }
}

/**
 * The `meso.config.json` of a project folder: in that folder, else in the nearest folder above
 * it up to the repository's root. Undefined when there is none. The CLI looks from its project
 * folder, the language server from each workspace folder.
 */
export function findProjectConfig(projectFolder: string): string | undefined {
    const stop = repositoryRoot(projectFolder);
    for (let dir = path.resolve(projectFolder); ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, CONFIG_FILE_NAME);
        if (existsSync(candidate)) return candidate;
        if (dir === stop || path.dirname(dir) === dir) return undefined;
    }
}
