// Seeded generator of the import-graph corpora (issue #16): how `meso check` grows with the
// shape of the imports rather than with the number of files.
//   chain/       n files, each importing the previous one (c0001 imports nothing)
//   hierarchy/   a formulary hierarchy of `levels` files (each level imports the one below,
//                as national, regional, clinic and author formularies do) and `protocols`
//                protocols importing the top level, each using substances of several levels
//   fanin/       one formulary of `substances` substances imported by `protocols` protocols
//   flat/        `protocols` protocols importing one formulary of 50 substances (the base line)
// Every file checks without errors; the same seed gives the same bytes.
//
// Usage: node scripts/bench/import-graphs.mjs --out DIR --kind chain|hierarchy|fanin|flat [--files N]
//        [--levels N] [--protocols N] [--substances N] [--seed N]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from './util.mjs';

const CLASSES = ['revitalizer', 'vasoactive', 'lipolytic', 'diluent', 'phlebotonic'];
const pad = i => String(i).padStart(4, '0');

/** One substance declaration named `name`, with a cap far above what the protocols give. */
function substance(rnd, name) {
    const conc = rnd.pick([1, 2, 5, 10]);
    return [
        `substance ${name} "${name}" {`,
        `    class ${rnd.pick(CLASSES)}`,
        `    concentration ${conc} mg/mL`,
        `    max ${conc * 20} mg per session`,
        '    source "Import-graph benchmark, generated" evidence design',
        '}',
        ''
    ];
}

/** One protocol giving 1 mL of each of `uses` (names in scope) with saline. */
function protocol(rnd, name, uses) {
    const points = rnd.int(10, 20);
    return [
        `/** Generated protocol ${name}. */`,
        `protocol ${name} "${name}" {`,
        '    indication aesthetic',
        '    area "face"',
        '    patients from 50 kg',
        '    mixture mix {',
        ...uses.map(u => `        ${u} 1 mL`),
        '        saline 2 mL',
        '    }',
        '    technique tech {',
        '        needle 32G 4 mm',
        '        depth 1.5 mm',
        '        0.05 mL per point',
        `        ${points} points`,
        '    }',
        '    session visit {',
        '        inject mix using tech',
        '        duration 10 min',
        '    }',
        '    schedule {',
        '        phase treatment: 3 sessions of visit every 7 days',
        '    }',
        '}',
        ''
    ];
}

function write(dir, name, lines) {
    writeFileSync(path.join(dir, name), lines.join('\n'));
    return lines.length;
}

/**
 * Generates one corpus of `kind` under `dir` (emptied first); returns its file and line
 * counts and the folder to check.
 */
export function generateImportGraph(dir, kind, opts = {}) {
    const rnd = createRandom(opts.seed ?? 20261202);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    let files = 0;
    let lines = 0;
    const add = (name, text) => { files++; lines += write(dir, name, text); };
    if (kind === 'chain') {
        const n = opts.files ?? 1000;
        for (let i = 1; i <= n; i++) {
            const uses = i > 1 ? [`c${pad(i - 1)}_a`, `c${pad(Math.max(1, i - 7))}_b`] : [];
            add(`c${pad(i)}.meso`, [
                i > 1 ? `import "c${pad(i - 1)}.meso"` : '// The first link imports nothing.',
                '',
                ...substance(rnd, `c${pad(i)}_a`),
                ...substance(rnd, `c${pad(i)}_b`),
                ...protocol(rnd, `chain_${pad(i)}`, [...uses, 'lidocaine'].slice(0, 3))
            ]);
        }
    } else if (kind === 'hierarchy') {
        const levels = opts.levels ?? 50;
        const protocols = opts.protocols ?? 1000;
        const perLevel = opts.substances ?? 10;
        mkdirSync(path.join(dir, 'protocols'));
        for (let l = 1; l <= levels; l++) {
            add(`level${pad(l)}.meso`, [
                l > 1 ? `import "level${pad(l - 1)}.meso"` : '// The national formulary: the bottom level.',
                '',
                ...Array.from({ length: perLevel }, (_, s) => substance(rnd, `l${pad(l)}_s${s}`)).flat()
            ]);
        }
        for (let p = 1; p <= protocols; p++) {
            const uses = Array.from({ length: 3 }, () => `l${pad(rnd.int(1, levels))}_s${rnd.int(0, perLevel - 1)}`);
            add(path.join('protocols', `p${pad(p)}.meso`), [`import "../level${pad(levels)}.meso"`, '', ...protocol(rnd, `h_${pad(p)}`, [...new Set(uses)])]);
        }
    } else if (kind === 'fanin' || kind === 'flat') {
        const protocols = opts.protocols ?? 1000;
        const substances = opts.substances ?? (kind === 'fanin' ? 5000 : 50);
        mkdirSync(path.join(dir, 'protocols'));
        add('formulary.meso', Array.from({ length: substances }, (_, s) => substance(rnd, `f_s${s}`)).flat());
        for (let p = 1; p <= protocols; p++) {
            const uses = Array.from({ length: 3 }, () => `f_s${rnd.int(0, substances - 1)}`);
            add(path.join('protocols', `p${pad(p)}.meso`), ['import "../formulary.meso"', '', ...protocol(rnd, `f_${pad(p)}`, [...new Set(uses)])]);
        }
    } else {
        throw new Error(`unknown import-graph kind '${kind}'`);
    }
    return { kind, dir, files, lines };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const args = process.argv.slice(2);
    const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
    const out = args[args.indexOf('--out') + 1];
    const kind = args[args.indexOf('--kind') + 1];
    const summary = generateImportGraph(path.resolve(out), kind, {
        files: opt('--files'), levels: opt('--levels'), protocols: opt('--protocols'), substances: opt('--substances'), seed: opt('--seed')
    });
    console.log(JSON.stringify(summary));
}
