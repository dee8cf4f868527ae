import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadWorkspace } from '../../../src/cli/load-workspace.js';
import { collectProblems } from '../../../src/cli/problems.js';
import { root, tempDir } from '../../helpers/compile.js';

// The diagnostics of three import-graph shapes, against golden files written by the build
// before imports were composed per component of the graph (they were flattened per file,
// which was quadratic in a chain): the same links, the same "first declared in" file of a
// duplicate-name error, the same nearest limit and the same interactions. The graphs carry
// what depends on the order of the files: the same name declared at several depths, with
// different caps (which declaration a reference links to shows in the cap warnings), std
// names shadowed, misspelt names (the suggestion comes from the whole scope), limits and
// interactions at several levels, a diamond and a cycle.

const pad = (i: number) => String(i).padStart(3, '0');

function substance(name: string, cap: number, extra: string[] = []): string[] {
    return [`substance ${name} "${name}" {`, '    class revitalizer', '    concentration 2 mg/mL', `    max ${cap} mg per session`,
        ...extra, '    source "Import-graph oracle" evidence design', '}', ''];
}

function protocol(name: string, uses: string[]): string[] {
    return [`protocol ${name} "${name}" {`, '    indication aesthetic', '    area "face"', '    patients from 50 kg', '    mixture mix {',
        ...uses.map(u => `        ${u} 1 mL`), '        saline 2 mL', '    }',
        '    technique tech {', '        needle 32G 4 mm', '        depth 1.5 mm', '        0.05 mL per point', '        20 points', '    }',
        '    session visit {', '        inject mix using tech', '        duration 10 min', '    }',
        '    schedule {', '        phase treatment: 3 sessions of visit every 7 days', '    }', '}', ''];
}

type Files = Record<string, string[]>;

/** 30 files, each importing the previous one; `dup_x` declared at depths 5, 12 and 20 with caps 0.1, 100 and 0.2 mg. */
function chain(): Files {
    const files: Files = {};
    for (let i = 1; i <= 30; i++) {
        const lines = i > 1 ? [`import "c${pad(i - 1)}.meso"`, ''] : [];
        lines.push(...substance(`c${pad(i)}_a`, 40));
        if (i === 5 || i === 12 || i === 20) lines.push(...substance('dup_x', { 5: 0.1, 12: 100, 20: 0.2 }[i]!));
        if (i === 8) lines.push(...substance('saline', 100));
        if (i === 9) lines.push('limit volume per session <= 0.5 mL source "Level 9 policy" evidence design', '');
        if (i === 15) lines.push('limit volume per session <= 30 mL source "Level 15 policy" evidence design', '');
        if (i === 3) lines.push('interaction revitalizer + revitalizer: warning "Two revitalisers" source "Level 3 note" evidence design', '');
        const uses = i > 1 ? [`c${pad(i - 1)}_a`, `c${pad(Math.max(1, i - 10))}_a`] : ['lidocaine'];
        if (i % 6 === 0) uses.push('dup_x');
        if (i === 25) uses.push('c011_aa');
        lines.push(...protocol(`chain_${pad(i)}`, [...new Set(uses)]));
        files[`c${pad(i)}.meso`] = lines;
    }
    return files;
}

/** A 10-level formulary hierarchy and 25 protocols on top; one protocol also imports a middle level (a diamond). */
function hierarchy(): Files {
    const files: Files = {};
    for (let l = 1; l <= 10; l++) {
        const lines = l > 1 ? [`import "level${pad(l - 1)}.meso"`, ''] : [];
        for (let s = 0; s < 4; s++) lines.push(...substance(`l${pad(l)}_s${s}`, 10 + l));
        if (l === 4 || l === 7) lines.push(...substance('house_mix', l === 4 ? 0.1 : 50));
        if (l === 2) lines.push('limit points per session <= 15 source "National limit" evidence design', '');
        if (l === 6) lines.push('limit points per session <= 25 source "Regional limit" evidence design', '');
        files[`level${pad(l)}.meso`] = lines;
    }
    for (let p = 1; p <= 25; p++) {
        const lines = ['import "../level010.meso"', ...(p === 13 ? ['import "../level005.meso"'] : []), ''];
        const uses = [`l${pad(1 + (p % 10))}_s${p % 4}`, `l${pad(1 + ((p * 3) % 10))}_s${(p + 1) % 4}`];
        if (p % 5 === 0) uses.push('house_mix');
        if (p === 7) uses.push('l003_s9');
        lines.push(...protocol(`h_${pad(p)}`, [...new Set(uses)]));
        files[`protocols/p${pad(p)}.meso`] = lines;
    }
    return files;
}

/** One formulary of 60 substances imported by 25 protocols, two of which import each other (a cycle). */
function fanIn(): Files {
    const files: Files = {};
    const formulary: string[] = [];
    for (let s = 0; s < 60; s++) formulary.push(...substance(`f_s${s}`, s % 7 === 0 ? 0.1 : 40));
    formulary.push('interaction revitalizer + revitalizer: info "Two revitalisers" source "Formulary note" evidence design', '');
    formulary.push('limit points per session <= 18 source "Clinic limit" evidence design', '');
    files['formulary.meso'] = formulary;
    for (let p = 1; p <= 25; p++) {
        const lines = ['import "../formulary.meso"', ...(p === 3 ? ['import "p004.meso"'] : p === 4 ? ['import "p003.meso"'] : []), ''];
        if (p === 3 || p === 4) lines.push(...substance('cyclic_one', p === 3 ? 0.1 : 60));
        const uses = [`f_s${(p * 7) % 60}`, `f_s${(p * 11) % 60}`];
        if (p === 3 || p === 4) uses.push('cyclic_one');
        if (p === 9) uses.push('f_s600');
        lines.push(...protocol(`f_${pad(p)}`, [...new Set(uses)]));
        files[`protocols/p${pad(p)}.meso`] = lines;
    }
    return files;
}

async function problemsOf(files: Files): Promise<string> {
    const dir = tempDir('meso-graph-');
    const paths = Object.entries(files).map(([name, lines]) => {
        const file = join(dir, name);
        mkdirSync(join(file, '..'), { recursive: true });
        writeFileSync(file, lines.join('\n'));
        return file;
    });
    const loaded = await loadWorkspace(paths, { root: dir });
    const report = collectProblems(loaded.files, dir);
    return report.problems.map(p => `${p.file}:${p.line}:${p.column}-${p.endLine}:${p.endColumn} ${p.severity} ${p.code}: ${p.message}`).join('\n') + '\n';
}

describe('diagnostics across import graphs', () => {
    test.each([['chain', chain], ['hierarchy', hierarchy], ['fan-in', fanIn]] as const)('%s: the same diagnostics as when each file flattened its imports', async (name, make) => {
        const text = await problemsOf(make());
        await expect(text).toMatchFileSnapshot(join(root, `test/language/scoping/golden/import-graph-${name}.txt`));
    });
});
