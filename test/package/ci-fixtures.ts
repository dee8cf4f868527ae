import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// A clinic's repository as the CI tests check it: protocols in nested folders, one in a folder
// whose name holds a space, and a file that no path given names.

const protocol = (id: string, mixture: string) => `protocol ${id} "${id}" {
    indication pain
    skin test 2 days before first session
    mixture m { ${mixture} }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}
`;

/** 'piroxicam' 40 mg in a session: error overdose-session at 4:27. */
export const overdose = (id: string) => protocol(id, 'piroxicam 2 mL');
/** A mg/kg cap with no weight: warning weight-unknown at 4:27. */
export const weightUnknown = (id: string) => protocol(id, 'lidocaine 1 mL  saline 1 mL');
export const clean = (id: string) => protocol(id, 'saline 1 mL');

/** The files of the scratch repository, by path. */
export const clinicFiles: Record<string, string> = {
    'protocols/top.meso': overdose('top'),
    'protocols/knee/mid.meso': weightUnknown('mid'),
    'protocols/knee/left/deep.meso': overdose('deep'),
    'protocols/back/clean.meso': clean('back_clean'),
    'shared formulary/with space.meso': overdose('spaced'),
    'archive/old.meso': overdose('old'),
    'protocols/knee/left/notes.txt': 'not a protocol\n'
};

export function writeFiles(root: string, files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
    }
}
