import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseProjectConfig } from '../../src/config/project-config.js';
import { runMeso } from '../../src/cli/program.js';

async function run(args: string[], cwd: string) {
    let out = '';
    let err = '';
    const previous = process.cwd();
    process.chdir(cwd);
    try {
        const code = await runMeso(args, { out: s => { out += s; }, err: s => { err += s; } });
        return { code, out, err };
    } finally {
        process.chdir(previous);
    }
}

function project(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'meso-config-'));
    mkdirSync(join(dir, '.git'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    return dir;
}

const CONFIG = `{
  "profile": "sfm-fr",
  "severities": { "interaction": "error", "too-many-substances": "off" },
  "formularies": ["formulary/clinic.meso"],
  "ignore": ["drafts/**"]
}
`;

const FORMULARY = `substance house_gel "Clinic anaesthetic gel" {
    class anesthetic
    concentration 10 mg/mL
    max 100 mg per session
    source "Clinic formulary (2026). https://example.org/formulary"
    evidence design
}
limit interval >= 7 days source "Clinic policy (2026). https://example.org/policy" evidence design
`;

const PROTOCOL = `protocol back_pain {
    indication pain
    patients from 60 kg
    skin test 2 days before first session
    mixture m { house_gel 1 mL  ketoprofen 1 mL  methylprednisolone 1 mL  saline 2 mL }
    session s { inject m }
    schedule { phase p: 3 sessions of s every 7 days }
}
`;

const files = { 'meso.config.json': CONFIG, 'formulary/clinic.meso': FORMULARY, 'back.meso': PROTOCOL };

describe('meso.config.json', () => {
    test('meso rules prints the rules in force with the origin of each, byte for byte', async () => {
        const r = await run(['rules', 'back.meso'], project(files));
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(r.out).toBe(`Rules in force for back.meso
Configuration: meso.config.json
Severities [config]: interaction error, too-many-substances off

protocol back_pain: profile sfm-fr [config]
  limits
    limit sessions per cycle <= 12 for pain  [std (std:limits.meso:10)]
    limit interval >= 7 days  [formulary (formulary/clinic.meso:8)]
    limit volume per point <= 0.3 mL  [std (std:limits.meso:20)]
    limit needle length in 4 mm .. 13 mm  [std (std:limits.meso:25)]
    limit active substances per mixture <= 3  [std (std:limits.meso:33)]
  substance house_gel
    max 100 mg per session  [formulary (formulary/clinic.meso:4)]
  substance ketoprofen
    max 200 mg per day  [std (std:nsaids.meso:14)]
    contraindicated in peptic_ulcer, nsaid_intolerance: warning  [std (std:classes.meso:21, class nsaid)]
    contraindicated in anticoagulants, bleeding_disorder: warning  [std (std:classes.meso:23, class nsaid)]
    therapy nsaid_therapy  [std (std:classes.meso:25, class nsaid)]
  substance methylprednisolone
    mixing: error "The French Society of Mesotherapy bans corticosteroids from all mesotherapy mixtures" under sfm-fr  [profile sfm-fr (std:classes.meso:38, class corticosteroid)]
  interactions
    interaction nsaid + corticosteroid: warning "An NSAID with a corticosteroid raises the risk of gastrointestinal ulceration and bleeding"  [std (std:interactions.meso:40)]
  contraindications (procedure)
    contraindication pregnancy: error "Mesotherapy is avoided in pregnancy"  [std (std:contraindications.meso:5)]
    contraindication breastfeeding: error "Mesotherapy is avoided while breastfeeding"  [std (std:contraindications.meso:10)]
    contraindication anticoagulants: warning "Higher risk of bruising and haematoma"  [std (std:contraindications.meso:15)]
    contraindication bleeding_disorder: warning "Bleeding diathesis: higher risk of bruising and haematoma"  [std (std:contraindications.meso:20)]
    contraindication site_infection: error "Do not inject into infected or inflamed skin or a skin lesion"  [std (std:contraindications.meso:25)]
    contraindication systemic_infection: warning "Systemic infection or fever: postpone the session"  [std (std:contraindications.meso:30)]
    contraindication keloid_tendency: info "Tendency to keloid or hypertrophic scarring is listed as a contraindication by clinic pages"  [std (std:contraindications.meso:70)]
    contraindication immunosuppression: info "Immunosuppression is listed as a contraindication by clinic pages"  [std (std:contraindications.meso:75)]
    contraindication autoimmune_disease: info "Autoimmune disease is listed as a contraindication by clinic pages"  [std (std:contraindications.meso:80)]
    contraindication gallstones: info "Gallstones are listed as a contraindication by one clinic page"  [std (std:contraindications.meso:85)]
    contraindication renal_failure: info "Chronic renal failure is listed as a contraindication by one clinic page"  [std (std:contraindications.meso:90)]
    contraindication uncontrolled_hypertension: info "Grade III hypertension is listed as a contraindication by one clinic page"  [std (std:contraindications.meso:95)]
    contraindication cancer: info "Cancer is listed as a contraindication by clinic pages (for some cocktails)"  [std (std:contraindications.meso:100)]
`);
    });

    test('a protocol naming its profile wins over the project profile', async () => {
        const dir = project({ ...files, 'back.meso': PROTOCOL.replace('    indication pain\n', '    indication pain\n    profile label\n') });
        const r = await run(['rules', 'back.meso'], dir);
        expect(r.out).toContain('protocol back_pain: profile label [protocol]\n');
        expect(r.out).toContain('    mixing: warning "Corticosteroids in a mesotherapy mixture');
        const checked = await run(['check', 'back.meso'], dir);
        expect(checked.out).toContain("back.meso:6:50: warning not-for-mixing: 'methylprednisolone' (class 'corticosteroid')");
    });

    test('meso check applies the profile, the severities and the formulary; ignored files are not checked', async () => {
        const dir = project({ ...files, 'drafts/broken.meso': 'protocol {' });
        const r = await run(['check', '.'], dir);
        expect(r.code).toBe(1);
        const lines = r.out.trim().split('\n').map(l => l.replace(/ \(std: .*$/, ''));
        expect(lines).toEqual([
            "back.meso:5:50: error interaction: 'ketoprofen' and 'methylprednisolone' in session 's': An NSAID with a corticosteroid raises the risk of gastrointestinal ulceration and bleeding",
            "back.meso:5:50: error not-for-mixing: 'methylprednisolone' (class 'corticosteroid') is mixed with 'house_gel', 'ketoprofen' in mixture 'm': The French Society of Mesotherapy bans corticosteroids from all mesotherapy mixtures",
            '2 files checked: 2 errors, 0 warnings.'
        ]);
    });

    test('a bad configuration: each problem at its line and column, a suggestion, exit 2', async () => {
        const dir = project({ ...files, 'meso.config.json': '{\n  "profile": "sfm_fr",\n  "severities": { "overdose-session": "off", "interacton": "error", "unused": "loud" },\n  "formularys": []\n}\n' });
        const r = await run(['check', 'back.meso'], dir);
        expect(r.code).toBe(2);
        expect(r.out).toBe('');
        expect(r.err).toBe(`meso: meso.config.json:3:39: error config-invalid: 'overdose-session' cannot be set to "off": doses, allergies, withdrawn products and errors that leave part of a file unchecked stay errors.
meso.config.json:3:46: error config-invalid: Unknown diagnostic code 'interacton' (docs/diagnostics.md lists them). Did you mean 'interaction'?
meso.config.json:3:79: error config-invalid: The severity of 'unused' must be "error", "warning", "info" or "off".
meso.config.json:4:3: error config-invalid: Unknown setting 'formularys'; the settings are 'profile', 'severities', 'formularies', 'ignore'. Did you mean 'formularies'?
`);
    });

    test('an unknown profile is reported once the declared profiles are known, with the nearest one', async () => {
        const dir = project({ ...files, 'meso.config.json': '{ "profile": "sfm_fr" }\n' });
        const r = await run(['rules', 'back.meso'], dir);
        expect(r.code).toBe(2);
        expect(r.err).toBe("meso: meso.config.json:1:14: error config-invalid: Unknown profile 'sfm_fr'; the profiles are 'label', 'sfm-fr', 'sim-it'. Did you mean 'sfm-fr'?\n");
    });

    test('JSON syntax errors and values of the wrong type are placed', () => {
        expect(parseProjectConfig('{ "profile": }').problems.map(p => [p.line, p.character, p.message])).toEqual([[0, 13, 'meso.config.json is not valid JSON: ValueExpected.']]);
        expect(parseProjectConfig('{\n "ignore": "drafts" }').problems.map(p => [p.line, p.character])).toEqual([[1, 11]]);
        expect(parseProjectConfig('{ "severities": { "contraindicated": "off" } }').problems[0].message).toContain("'contraindicated' cannot be turned off");
        expect(parseProjectConfig('{ "severities": { "contraindicated": "warning", "interaction": "error" } }')).toMatchObject({ problems: [], severities: { contraindicated: 'warning', interaction: 'error' } });
    });
});

describe('the configuration schema (VS Code validates meso.config.json with it)', () => {
    test('lists exactly the diagnostic codes and the settings the reader knows', async () => {
        const { readFileSync } = await import('node:fs');
        const { IssueCodes } = await import('../../src/language/validation/issue-codes.js');
        const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'src', 'config', 'meso-config.schema.json'), 'utf8'));
        expect([...schema.properties.severities.propertyNames.enum].sort()).toEqual(Object.values(IssueCodes).sort());
        expect(Object.keys(schema.properties).sort()).toEqual(['$schema', 'formularies', 'ignore', 'profile', 'severities']);
        const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
        expect(manifest.contributes.jsonValidation).toContainEqual({ fileMatch: 'meso.config.json', url: './src/config/meso-config.schema.json' });
    });
});
