import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Writes every file or none: each goes to a temporary file beside its target first, and
 * only when all are written are they renamed into place. A failure removes the
 * temporaries and leaves existing targets untouched.
 */
export async function writeAllAtomically(files: Array<{ path: string; text: string }>): Promise<void> {
    const temps: Array<{ temp: string; target: string }> = [];
    try {
        for (const f of files) {
            await fs.mkdir(path.dirname(f.path), { recursive: true });
            const temp = `${f.path}.${process.pid}.tmp`;
            temps.push({ temp, target: f.path });
            await fs.writeFile(temp, f.text, 'utf8');
        }
    } catch (e) {
        await Promise.all(temps.map(t => fs.rm(t.temp, { force: true })));
        throw e;
    }
    for (const t of temps) await fs.rename(t.temp, t.target);
}
