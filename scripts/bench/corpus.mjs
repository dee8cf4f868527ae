// Seeded generator of the benchmark corpora (no Math.random: the same seed gives the same
// bytes on every machine):
//   <dir>/workspace/formulary.meso          a clinic formulary of 500 substances
//   <dir>/workspace/protocols/pNNNN-*.meso  1,000 protocols of about 100 lines importing it
//   <dir>/big/formulary.meso                the same formulary
//   <dir>/big/big-protocol.meso             one protocol of about 5,000 lines
// The protocols are meant to check without errors (so that `meso compile` writes them all)
// and with a realistic sprinkle of warnings: a missing skin test, a too long cycle, two
// anaesthetics in one session, a substance given too often, a wrong layer, a multi-injector,
// a chelator with trace elements, patients with diabetes...
//
// Usage: node scripts/bench/corpus.mjs [--out bench/corpus] [--seed N]
import { Buffer } from 'node:buffer';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from './util.mjs';

export const DEFAULT_SEED = 20260606;
export const SUBSTANCES = 500;
export const PROTOCOLS = 1000;

const KEYWORDS = new Set(`import class condition aliases layer substance concentration max per session cycle sessions
min interval contraindicated in withdrawn source evidence regulatory teaching weak design uncertain error warning info
interaction contraindication limit volume point needle length depth active substances mixture points require skin test
pain aesthetic vascular dermatology sports protocol indication area patients from before first excludes technique G
device syringe gun inject using duration schedule phase maintenance of every after patient weight conditions allergic
to on negative positive follows`.split(/\s+/));

/** Exact-enough decimal text: no exponent, no float noise, no trailing zeros. */
function dec(x) {
    return String(Number(x.toFixed(4)));
}

// ------------------------------------------------------------------ formulary

const FX_CLASSES = [
    ['fx_peptide', 'Biomimetic peptide'],
    ['fx_vitamin', 'Vitamin'],
    ['fx_antioxidant', 'Antioxidant'],
    ['fx_aminoacid', 'Amino acid'],
    ['fx_nucleotide', 'Nucleotide or polynucleotide'],
    ['fx_trace_element', 'Trace element'],
    ['fx_mineral', 'Mineral salt'],
    ['fx_plant_extract', 'Plant extract'],
    ['fx_homeopathic', 'Homeopathic preparation'],
    ['fx_enzyme', 'Enzyme (activity in IU)'],
    ['fx_chelator', 'Chelating agent'],
    ['fx_growth_factor', 'Growth factor']
];

const CATEGORIES = [
    // [category, count]
    ['revit', 160], ['chelator', 10], ['plant', 60], ['vaso', 50], ['lipo', 50], ['anest', 15], ['nsaid', 25],
    ['relax', 20], ['enzyme', 30], ['homeo', 40], ['mineral', 25], ['diluent', 10], ['withdrawn', 5]
];

const PREFIXES = ['ar', 'bel', 'cor', 'dex', 'el', 'fen', 'gal', 'hel', 'iso', 'jun', 'kal', 'lev', 'mel', 'nor', 'ox',
    'pro', 'quin', 'ral', 'sal', 'ter', 'ur', 'val', 'xan', 'zor', 'bra', 'cla', 'dro', 'fla'];
const MIDDLES = ['a', 'i', 'o', 'e', 'u', 'ama', 'ilo', 'ene', 'ora', 'uxi', 'eta', 'ipa'];
const SUFFIXES = ['mine', 'zole', 'pril', 'statin', 'tide', 'cine', 'dazol', 'fylline', 'sone', 'lin', 'xib', 'vir',
    'ase', 'oside', 'ferol', 'carnil', 'tropin', 'silan', 'gen', 'dil', 'rutin', 'flavin'];

const SOURCES = [
    'Clinic formulary committee, 2026 review',
    'Product SmPC, section 4.2 (posology)',
    'Supplier data sheet, batch certificate',
    'Society teaching material, DIU course 2024',
    'Pharmacy compounding record',
    'Peer-reviewed case series, intradermal use'
];
const EVIDENCE = [['regulatory', 3], ['peer-reviewed', 2], ['teaching', 3], ['weak', 2], ['design', 1]];

function substanceNames(rnd, count, taken) {
    const names = [];
    const seen = new Set(taken);
    while (names.length < count) {
        const name = rnd.pick(PREFIXES) + rnd.pick(MIDDLES) + rnd.pick(SUFFIXES);
        if (seen.has(name) || KEYWORDS.has(name)) continue;
        seen.add(name);
        names.push(name);
    }
    return names;
}

const title = name => name[0].toUpperCase() + name.slice(1);

/** Builds the substance records of the formulary (the data the protocol generator uses). */
function makeSubstances(rnd) {
    const categories = CATEGORIES.flatMap(([c, n]) => Array(n).fill(c));
    const names = substanceNames(rnd, categories.length, ['lidocaine', 'saline', 'procaine', 'caffeine']);
    return categories.map((category, i) => {
        const s = { name: names[i], alias: `meso_${names[i]}`, category, classes: [], layers: [], contra: [], unit: 'mg' };
        const mgConc = values => { s.conc = rnd.pick(values); s.concText = `${dec(s.conc)} mg/mL`; };
        switch (category) {
            case 'revit':
            case 'withdrawn':
                s.classes = ['revitalizer', rnd.pick(['fx_peptide', 'fx_vitamin', 'fx_antioxidant', 'fx_aminoacid', 'fx_nucleotide', 'fx_growth_factor'])];
                mgConc([1, 2, 5, 10, 20]);
                if (rnd.chance(0.3)) s.layers = rnd.pick([['IED', 'IDS'], ['IDS'], ['IDS', 'IDP']]);
                if (category === 'withdrawn') s.withdrawn = 'Supplier withdrew the product after a batch recall';
                break;
            case 'chelator':
                s.classes = ['fx_chelator'];
                mgConc([5, 10]);
                break;
            case 'plant':
                s.classes = rnd.chance(0.3) ? ['fx_plant_extract', 'vasoactive'] : ['fx_plant_extract'];
                mgConc([5, 10, 20, 25]);
                break;
            case 'vaso':
                s.classes = rnd.chance(0.5) ? ['vasoactive', 'phlebotonic'] : ['vasoactive'];
                mgConc([2, 5, 10, 20]);
                break;
            case 'lipo':
                s.classes = rnd.chance(0.4) ? ['lipolytic', 'lipolytic_stimulator'] : ['lipolytic'];
                mgConc([10, 20, 25, 50]);
                if (rnd.chance(0.2)) s.layers = ['IDH'];
                if (rnd.chance(0.2)) s.minInterval = 7;
                break;
            case 'anest':
                s.classes = ['anesthetic', 'amide_anesthetic'];
                s.conc = rnd.pick([10, 20]);
                s.concText = `${s.conc / 10} %`;
                s.mgkg = 4.5;
                s.contra = [['heart_block', null]];
                break;
            case 'nsaid':
                s.classes = ['nsaid'];
                [s.conc, s.concText] = rnd.pick([[20, '20 mg/mL'], [50, '100 mg / 2 mL'], [25, '75 mg / 3 mL']]);
                s.contra = [['pregnancy', null], ['peptic_ulcer, nsaid_intolerance', 'warning']];
                break;
            case 'relax':
                s.classes = ['muscle_relaxant'];
                [s.conc, s.concText] = rnd.pick([[2, '4 mg / 2 mL'], [5, '10 mg / 2 mL']]);
                s.contra = [['pregnancy, breastfeeding', null], ['epilepsy', null]];
                break;
            case 'enzyme':
                s.classes = ['fx_enzyme'];
                s.unit = 'IU';
                s.conc = rnd.pick([150, 1500]);
                s.concText = `${s.conc} IU/mL`;
                break;
            case 'homeo':
                s.classes = ['fx_homeopathic'];
                mgConc([1, 2]);
                break;
            case 'mineral':
                s.classes = ['fx_mineral', 'fx_trace_element'];
                s.conc = rnd.pick([2, 5, 10]);
                s.concText = `${s.conc} g/L`;
                break;
            case 'diluent':
                s.classes = [rnd.chance(0.7) ? 'diluent' : 'vehicle'];
                break;
        }
        if (s.conc !== undefined) {
            // Caps sit well above what a generated session can deliver (at most 6 mL of
            // mixture per session, all of it the substance): the corpus checks clean.
            const k = rnd.pick([10, 12, 15, 20]);
            s.capSession = s.category === 'anest' ? 300 : s.conc * k;
            if (rnd.chance(0.4)) s.capCycle = s.conc * k * 16;
            if (rnd.chance(0.08)) s.maxSessions = 10;
        }
        if (category === 'revit' && rnd.chance(0.1)) s.contra.push(['pregnancy', null]);
        s.source = rnd.pick(SOURCES);
        s.evidence = rnd.weighted(EVIDENCE);
        s.title = `${title(s.name)}${s.concText ? ` ${s.concText.replace(/ \/ /, '/')}` : ''}`;
        return s;
    });
}

function formularyText(substances, seed) {
    const out = [];
    out.push(`// Generated clinic formulary for the Meso benchmark (seed ${seed}): ${substances.length} substances`);
    out.push('// on top of the std library. Generated by scripts/bench/corpus.mjs; do not edit.');
    out.push('');
    for (const [name, t] of FX_CLASSES) {
        out.push(`/** ${t} (formulary class). */`);
        out.push(`class ${name} "${t}" source "Clinic formulary committee" evidence design`);
    }
    out.push('');
    out.push('/** Chelators bind the trace elements given with them in one session. */');
    out.push('interaction fx_chelator + fx_trace_element: warning "The chelator binds the trace elements of the same session"');
    out.push('    source "Pharmacy compounding notes, 2025" evidence teaching');
    out.push('/** Enzymes degrade peptides in the same syringe. */');
    out.push('interaction fx_enzyme + fx_peptide: info "Enzymatic activity may degrade the peptide when mixed"');
    out.push('    source "Supplier data sheet" evidence weak');
    out.push('');
    out.push('/** House rule: no more than 80 injection points in one session. */');
    out.push('limit points per session <= 80 source "Clinic policy, 2026" evidence design');
    out.push('/** House rule: at most 10 mL injected in one session. */');
    out.push('limit volume per session <= 10 mL source "Clinic policy after E33" evidence design');
    out.push('');
    substances.forEach((s, i) => {
        out.push(`/** Formulary item ${i + 1}: ${s.title} (${s.category}). */`);
        out.push(`substance ${s.name} "${s.title}" {`);
        if (i % 5 !== 4) out.push(`    aliases "${s.alias}"`);
        out.push(`    class ${s.classes.join(', ')}`);
        if (s.concText) {
            const own = i % 7 === 3 ? ` [source "Batch certificate ${1000 + i}" evidence regulatory]` : '';
            out.push(`    concentration ${s.concText}${own}`);
        }
        if (s.mgkg) out.push(`    max ${s.mgkg} mg/kg per session`);
        if (s.capSession !== undefined) out.push(`    max ${dec(s.capSession)} ${s.unit} per session`);
        if (s.capCycle !== undefined) out.push(`    max ${dec(s.capCycle)} ${s.unit} per cycle: warning [source "Formulary committee" evidence design "derived from the session cap"]`);
        if (s.maxSessions) out.push(`    max ${s.maxSessions} sessions per cycle: warning`);
        if (s.minInterval) out.push(`    min interval ${s.minInterval} days: warning`);
        for (const [conds, sev] of s.contra) out.push(`    contraindicated in ${conds}${sev ? `: ${sev}` : ''}`);
        if (s.layers.length > 0) out.push(`    layer ${s.layers.join(', ')}`);
        if (s.withdrawn) out.push(`    withdrawn "${s.withdrawn}"`);
        out.push(`    source "${s.source}"`);
        out.push(`    evidence ${s.evidence}`);
        out.push('}');
        out.push('');
    });
    return out.join('\n');
}

// ------------------------------------------------------------------ protocols

const INDICATIONS = [['pain', 35], ['sports', 10], ['aesthetic', 30], ['vascular', 12], ['dermatology', 13]];
const POOLS = {
    pain: ['relax', 'homeo', 'plant', 'revit', 'mineral', 'homeo'],
    sports: ['relax', 'homeo', 'plant', 'mineral', 'revit'],
    aesthetic: ['revit', 'revit', 'lipo', 'lipo', 'plant', 'mineral', 'enzyme'],
    vascular: ['vaso', 'vaso', 'plant', 'homeo', 'revit'],
    dermatology: ['revit', 'enzyme', 'mineral', 'plant', 'revit']
};
const AREAS = {
    pain: ['lumbar paravertebral', 'posterior neck', 'shoulder, rotator cuff', 'knee joint line', 'sacroiliac region', 'hip, greater trochanter'],
    sports: ['achilles tendon', 'lateral epicondyle', 'hamstrings', 'patellar tendon', 'plantar fascia'],
    aesthetic: ['cheeks and forehead', 'neck and decollete', 'lateral thighs', 'abdomen', 'scalp', 'back of the hands'],
    vascular: ['medial leg, great saphenous', 'ankles and calves', 'posterior thighs'],
    dermatology: ['scalp, androgenetic alopecia', 'acne scars, cheeks', 'stretch marks, abdomen', 'presternal scar']
};
const LAYER_NEEDLE = {
    IED: [['32G', '4 mm'], ['30G', '4 mm']],
    IDS: [['30G', '4 mm'], ['32G', '4 mm']],
    IDP: [['27G', '4 mm'], ['30G', '4 mm']],
    IDH: [['27G', '13 mm'], ['30G', '6 mm']]
};
const LAYER_DEPTH = { IED: '0.5 mm', IDS: '1.5 mm', IDP: '3 mm', IDH: '6 mm' };
const DEPTHS_BY_INDICATION = {
    pain: ['IDS', 'IDP', 'IDS'], sports: ['IDP', 'IDS'], aesthetic: ['IED', 'IDS', 'IDH'], vascular: ['IDS', 'IDS', 'IDP'],
    dermatology: ['IED', 'IDS', 'IDP']
};
const SAFE_CONDITIONS = ['diabetes', 'keloid_tendency', 'gallstones', 'autoimmune_disease', 'renal_failure'];
const ALLERGENS = ['ester_anesthetic', 'fx_peptide', 'fx_enzyme', 'fx_chelator', 'corticosteroid', 'procaine', 'fx_homeopathic'];
const SURNAMES = ['Rossi', 'Bianchi', 'Martin', 'Bernard', 'Moreau', 'Ricci', 'Dubois', 'Romano', 'Lefebvre', 'Colombo',
    'Garcia', 'Fontaine', 'Greco', 'Marino', 'Girard', 'Conti'];

function isoDate(dayIndex) {
    const d = new Date(Date.UTC(2026, 0, 5) + dayIndex * 86400000);
    return d.toISOString().slice(0, 10);
}

/**
 * One protocol. Sizes: nMix mixtures, nTech techniques, nSess sessions. The volumes keep
 * every dose well under its cap: a technique injects at most 3 mL, a session at most two
 * injections, and every mixture holds at least 6 mL.
 */
function protocolLines(rnd, ctx, opts) {
    const { id, nMix, nTech, nSess, big } = opts;
    const warn = opts.warnings;
    const indication = opts.indication ?? rnd.weighted(INDICATIONS);
    const out = [];
    const byCat = ctx.byCategory;
    // Shortlist of substances for this protocol.
    const wanted = big ? 24 : rnd.int(4, 7);
    const shortlist = [];
    const pool = POOLS[indication];
    while (shortlist.length < wanted) {
        const s = rnd.pick(byCat[rnd.pick(pool)]);
        if (!shortlist.includes(s)) shortlist.push(s);
    }
    const anesthetics = [];
    if (indication === 'pain' || indication === 'sports' || rnd.chance(0.25)) {
        anesthetics.push(rnd.chance(0.6) ? ctx.lidocaine : rnd.pick(byCat.anest));
    }
    if (warn.has('two-anesthetics')) anesthetics.push(rnd.pick(byCat.anest.filter(a => !anesthetics.includes(a))));
    const nsaid = (indication === 'pain' || indication === 'sports') && rnd.chance(0.5) ? rnd.pick(byCat.nsaid) : undefined;
    const diluents = [ctx.saline, ctx.saline, ctx.saline, ...byCat.diluent];

    // Techniques first: each has a depth and injects at most 3 mL.
    const depthChoices = DEPTHS_BY_INDICATION[indication];
    const techniques = [];
    for (let t = 0; t < nTech; t++) {
        const layer = depthChoices[t % depthChoices.length];
        let vpp = rnd.pick(layer === 'IED' ? [0.02, 0.05] : [0.05, 0.1, 0.1, 0.15, 0.2]);
        let points = Math.min(40, Math.floor(3 / vpp + 1e-9), rnd.int(10, 40));
        points = Math.max(points, 10);
        let ignore = false;
        if (t === 0 && (warn.has('vpp') || warn.has('vpp-ignored'))) {
            vpp = 0.35;
            points = 8;
            ignore = warn.has('vpp-ignored');
        }
        techniques.push({ name: big ? `t${t + 1}` : `${['nappage', 'papules', 'points', 'deep', 'linear', 'grid'][t % 6]}_${t + 1}`, layer, vpp, points, ignore,
            depthStyle: rnd.weighted([['layer', 6], ['both', 2], ['length', 1]]),
            needle: rnd.pick(LAYER_NEEDLE[layer]),
            device: warn.has('multi-injector') && t === nTech - 1 ? 'multi-injector 5' : rnd.weighted([[null, 5], ['syringe', 3], ['gun', 1]]) });
    }

    // Mixtures: one to three actives (four for the too-many-substances warning) plus a diluent.
    const mixtures = [];
    for (let m = 0; m < nMix; m++) {
        const nActive = warn.has('too-many') && m === 0 ? 4 : rnd.int(1, 3);
        const actives = [];
        if (m === 0 && anesthetics.length > 0) actives.push(anesthetics[0]);
        if (m === 1 && anesthetics.length > 1) actives.push(anesthetics[1]);
        if (m === 0 && nsaid) actives.push(nsaid);
        let guard = 0;
        while (actives.length < nActive && guard++ < 50) {
            const s = rnd.pick(shortlist);
            if (!actives.includes(s)) actives.push(s);
        }
        if (warn.has('chelator') && m === 0) {
            actives.splice(0, actives.length, rnd.pick(byCat.chelator), rnd.pick(byCat.mineral));
        }
        const components = actives.map(s => {
            const v = s.category === 'anest' ? rnd.pick([0.5, 1]) : rnd.pick([0.5, 1, 1, 1.5, 2]);
            const byAmount = s.unit === 'mg' && s.conc !== undefined && s.category !== 'anest' && rnd.chance(0.25);
            return { s, v, text: byAmount ? `${dec(v * s.conc)} mg` : `${dec(v)} mL` };
        });
        const activeVolume = components.reduce((sum, c) => sum + c.v, 0);
        const diluentVolume = Math.max(1, Math.ceil((6 - activeVolume) * 2) / 2) + rnd.pick([0, 0.5, 1, 2]);
        const diluent = rnd.pick(diluents);
        components.push({ s: diluent, v: diluentVolume, text: `${dec(diluentVolume)} mL` });
        const layers = actives.map(s => s.layers).filter(l => l.length > 0);
        mixtures.push({ name: big ? `m${m + 1}` : `${['antalgic', 'base', 'booster', 'draining', 'revitalising', 'relaxing'][m % 6]}_${m + 1}`, components,
            volume: activeVolume + diluentVolume, layers, substances: components.map(c => c.s) });
    }
    const fits = (mix, tech) => mix.layers.every(ls => ls.includes(tech.layer));

    // Sessions: one or two injections each; every mixture and technique gets used.
    const sessions = [];
    let nextTech = 0;
    for (let k = 0; k < nSess; k++) {
        const mixes = mixtures.filter((_, m) => m % nSess === k);
        if (mixes.length < 2 && rnd.chance(0.4)) {
            const extra = rnd.pick(mixtures);
            if (!mixes.includes(extra)) mixes.push(extra);
        }
        const injects = mixes.slice(0, 2).map(mix => {
            let tech = techniques[nextTech++ % nTech];
            if (!fits(mix, tech) && !warn.has('wrong-layer')) tech = techniques.find(t => fits(mix, t)) ?? tech;
            return { mix, tech };
        });
        sessions.push({ name: big ? `s${k + 1}` : `${['attack', 'standard', 'boost', 'follow_up'][k % 4]}_visit${k + 1}`, injects, duration: rnd.pick([10, 15, 20, 30]) });
    }
    if (warn.has('two-anesthetics')) {
        // Both anaesthetic mixtures in the first session (anesthetic + anesthetic warning).
        const s0 = sessions[0];
        s0.injects = [{ mix: mixtures[0], tech: techniques[0] }, { mix: mixtures[1], tech: techniques[Math.min(1, nTech - 1)] }];
    }

    // Schedule.
    const phases = [];
    if (big) {
        phases.push(`phase attack: 2 sessions of ${sessions[0].name} every 4 days`);
        for (let k = 1; k < 9; k++) phases.push(`phase p${k}: 1 session of ${sessions[k].name} every 7 days`);
        for (let k = 9; k < nSess; k++) phases.push(`maintenance m${k}: 1 session of ${sessions[k].name} every 30 days`);
    } else {
        const names = sessions.map(s => s.name);
        const a = rnd.int(2, 3);
        const b = warn.has('long-cycle') ? 9 : rnd.int(4, 6);
        phases.push(`phase attack: ${a} sessions of ${names[0]} every ${rnd.pick([4, 5])} days`);
        phases.push(`phase treatment: ${b} sessions of ${names[1 % nSess]} every 7 days`);
        if (rnd.chance(0.5) || nSess > 2) phases.push(`phase consolidation: ${rnd.int(1, 3)} sessions of ${names[2 % nSess]} every 14 days after 21 days`);
        if (rnd.chance(0.6)) phases.push(`maintenance: ${rnd.int(2, 3)} sessions of ${names[nSess - 1]} every 30 days`);
    }

    const protocolName = `${id}_${indication}`;
    const weight = rnd.pick([40, 45, 50, 55, 60]);
    const area = rnd.pick(AREAS[indication]);
    out.push('/**');
    out.push(` * ${title(indication)} protocol ${id} (${area}): ${mixtures.length} mixtures, ${techniques.length} techniques,`);
    out.push(` * ${sessions.length} sessions. Generated benchmark corpus; figures are not clinical advice.`);
    out.push(' */');
    out.push(`protocol ${protocolName} "${title(indication)} cycle ${id}, ${area}" {`);
    out.push(`    indication ${indication}`);
    out.push(`    area "${area}"`);
    out.push(`    patients from ${weight} kg`);
    if (!warn.has('no-skin-test')) out.push('    skin test 2 days before first session');
    out.push(`    excludes ${rnd.pick(['pregnancy', 'pregnancy, breastfeeding', 'pregnancy, breastfeeding, epilepsy'])}`);
    out.push('');
    for (const mix of mixtures) {
        out.push(`    /** ${title(mix.name.replace(/_\d+$/, ''))} mixture, ${dec(mix.volume)} mL in the syringe. */`);
        out.push(`    mixture ${mix.name} {`);
        for (const c of mix.components) {
            const comment = c.s.conc !== undefined ? `   // ${dec(c.v * c.s.conc)} ${c.s.unit} in the syringe` : '';
            const ref = c.s.alias && rnd.chance(0.1) && c.s.hasAlias ? c.s.alias : c.s.name;
            out.push(`        ${ref} ${c.text}${comment}`);
        }
        out.push('    }');
        out.push('');
    }
    for (const t of techniques) {
        const injected = t.vpp * t.points;
        out.push(`    /** ${t.layer} injections, ${dec(injected)} mL per use. */`);
        out.push(`    technique ${t.name} {`);
        out.push(`        needle ${t.needle[0]} ${t.needle[1]}`);
        if (t.depthStyle === 'layer') out.push(`        depth ${t.layer}`);
        else if (t.depthStyle === 'both') out.push(`        depth ${LAYER_DEPTH[t.layer]} in ${t.layer}`);
        else out.push(`        depth ${LAYER_DEPTH[t.layer]}`);
        out.push(`        ${dec(t.vpp)} mL per point${t.ignore ? '   // meso-ignore volume-per-point: bolus on trigger points, reviewed by the medical director' : ''}`);
        out.push(`        ${t.points} points`);
        if (t.device) out.push(`        device ${t.device}`);
        out.push('    }');
        out.push('');
    }
    for (const s of sessions) {
        out.push(`    // ${s.name}: ${s.injects.map(i => `${i.mix.name} by ${i.tech.name}`).join(', ')}`);
        out.push(`    session ${s.name} {`);
        for (const i of s.injects) out.push(`        inject ${i.mix.name} using ${i.tech.name}`);
        out.push(`        duration ${s.duration} min`);
        out.push('    }');
        out.push('');
    }
    out.push('    schedule {');
    for (const p of phases) out.push(`        ${p}`);
    out.push('    }');
    out.push('}');

    // Patients following the protocol.
    const given = new Set(mixtures.flatMap(m => m.substances.flatMap(s => [s.name, ...s.classes])));
    for (let p = 0; p < opts.patients; p++) {
        const surname = rnd.pick(SURNAMES);
        const start = rnd.int(0, 300);
        out.push('');
        out.push(`/** Patient ${p + 1} of ${protocolName}. */`);
        out.push(`patient ${id}_pt${p + 1}_${surname.toLowerCase()} "${surname.charAt(0)}. ${surname}" {`);
        out.push(`    weight ${weight + rnd.int(5, 40)} kg`);
        if (rnd.chance(0.35)) out.push(`    conditions ${rnd.pick(SAFE_CONDITIONS)}`);
        const allergen = rnd.pick(ALLERGENS);
        if (!given.has(allergen) && rnd.chance(0.5)) out.push(`    allergic to ${allergen}`);
        out.push(`    skin test on ${isoDate(start - rnd.int(3, 10))} negative`);
        out.push(`    follows ${protocolName} from ${isoDate(start)}`);
        out.push('}');
    }
    return out;
}

const WARNING_KNOBS = [
    ['no-skin-test', 0.04], ['vpp', 0.02], ['vpp-ignored', 0.03], ['too-many', 0.03], ['wrong-layer', 0.05],
    ['long-cycle', 0.03], ['two-anesthetics', 0.02], ['multi-injector', 0.02], ['chelator', 0.03]
];

/** Generates the corpora under `dir`; returns a summary (files, lines, bytes). */
export function generateCorpus(dir, seed = DEFAULT_SEED) {
    const rnd = createRandom(seed);
    const substances = makeSubstances(rnd);
    substances.forEach((s, i) => { s.hasAlias = i % 5 !== 4; });
    const byCategory = {};
    for (const s of substances) (byCategory[s.category] ??= []).push(s);
    const ctx = {
        byCategory,
        lidocaine: { name: 'lidocaine', category: 'anest', classes: ['anesthetic', 'amide_anesthetic'], layers: [], conc: 20, unit: 'mg' },
        saline: { name: 'saline', category: 'diluent', classes: ['diluent'], layers: [], unit: 'mg' }
    };
    const formulary = formularyText(substances, seed);
    rmSync(dir, { recursive: true, force: true });
    const ws = path.join(dir, 'workspace');
    const protocolsDir = path.join(ws, 'protocols');
    const bigDir = path.join(dir, 'big');
    mkdirSync(protocolsDir, { recursive: true });
    mkdirSync(bigDir, { recursive: true });
    writeFileSync(path.join(ws, 'formulary.meso'), formulary);
    writeFileSync(path.join(bigDir, 'formulary.meso'), formulary);
    let protocolLinesTotal = 0;
    let protocolBytes = 0;
    const warningsPlanned = {};
    for (let i = 1; i <= PROTOCOLS; i++) {
        const id = `p${String(i).padStart(4, '0')}`;
        const warnings = new Set(WARNING_KNOBS.filter(([, p]) => rnd.chance(p)).map(([k]) => k));
        for (const w of warnings) warningsPlanned[w] = (warningsPlanned[w] ?? 0) + 1;
        const patients = rnd.weighted([[0, 55], [1, 35], [2, 10]]);
        const lines = [
            `// Benchmark corpus, seed ${seed}, protocol ${i} of ${PROTOCOLS}. Generated by scripts/bench/corpus.mjs.`,
            'import "../formulary.meso"',
            '',
            ...protocolLines(rnd, ctx, { id, nMix: rnd.int(3, 5), nTech: 3, nSess: 3, warnings, patients }),
            ''
        ];
        const text = lines.join('\n');
        protocolLinesTotal += lines.length - 1;
        protocolBytes += Buffer.byteLength(text);
        writeFileSync(path.join(protocolsDir, `${id}.meso`), text);
    }
    const bigLines = [
        `// Benchmark corpus, seed ${seed}: one large protocol. Generated by scripts/bench/corpus.mjs.`,
        'import "formulary.meso"',
        '',
        ...protocolLines(rnd, ctx, { id: 'big', nMix: 310, nTech: 90, nSess: 310, big: true, warnings: new Set(), patients: 3, indication: 'aesthetic' }),
        ''
    ];
    const bigText = bigLines.join('\n');
    writeFileSync(path.join(bigDir, 'big-protocol.meso'), bigText);
    return {
        seed,
        dir,
        formulary: { path: path.join(ws, 'formulary.meso'), substances: substances.length, lines: formulary.split('\n').length, bytes: Buffer.byteLength(formulary) },
        protocols: { dir: protocolsDir, files: PROTOCOLS, lines: protocolLinesTotal, bytes: protocolBytes, meanLines: protocolLinesTotal / PROTOCOLS },
        big: { path: path.join(bigDir, 'big-protocol.meso'), lines: bigLines.length - 1, bytes: Buffer.byteLength(bigText) },
        warningsPlanned
    };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const args = process.argv.slice(2);
    const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
    const summary = generateCorpus(path.resolve(opt('--out', 'bench/corpus')), Number(opt('--seed', DEFAULT_SEED)));
    console.log(JSON.stringify(summary, null, 2));
}
