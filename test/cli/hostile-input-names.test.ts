import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { meso, tempDir } from '../helpers/compile.js';

// Names that are also properties of every JavaScript object. Were any name-keyed map a
// plain object, `__proto__` would reach Object.prototype or a lookup would find a
// built-in function instead of nothing.
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
afterAll(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

const SOURCE = `substance __proto__ { concentration 2 % max 10 mg per session source "x" }
substance constructor { aliases "toString", "hasOwnProperty" concentration 1 % source "x" }
class valueOf
condition __defineGetter__ aliases "isPrototypeOf"
substance polluted { class valueOf contraindicated in __defineGetter__ source "x" }
protocol prototype {
    indication pain
    skin test 2 days before first session
    excludes isPrototypeOf
    mixture constructor { __proto__ 1 mL toString 1 mL }
    technique toString { needle 30G 4 mm 0.1 mL per point 10 points }
    session hasOwnProperty { inject constructor using toString }
    schedule { phase valueOf: 2 sessions of hasOwnProperty every 7 days }
}
patient propertyIsEnumerable { weight 70 kg skin test on 2025-12-20 negative follows prototype from 2026-01-01 }
`;

describe('names like __proto__, constructor and toString', () => {
    test('they link, check clean and compile to JSON that holds them as plain values', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'proto.meso'), SOURCE);
        const check = await meso(['check', join(dir, 'proto.meso')]);
        expect(check).toEqual({ code: 0, err: '', out: '1 file checked: 0 errors, 0 warnings.\n' });
        const r = await meso(['compile', join(dir, 'proto.meso'), '--out-dir', join(dir, 'out')]);
        expect(r.code).toBe(0);
        expect(readdirSync(join(dir, 'out')).sort()).toEqual(['propertyIsEnumerable.plan.json', 'prototype.json']);
        const text = readFileSync(join(dir, 'out/prototype.json'), 'utf8');
        const doc = JSON.parse(text);
        expect(doc.protocol.substances.map((s: { id: string }) => s.id)).toEqual(['__proto__', 'constructor']);
        expect(doc.protocol.mixtures[0].id).toBe('constructor');
        // Written as the alias 'toString': the JSON names the substance by its id, as in `substances`.
        expect(doc.protocol.mixtures[0].components.map((c: { substance: string }) => c.substance)).toEqual(['__proto__', 'constructor']);
        expect(doc.protocol.excludes).toEqual(['__defineGetter__']);
        expect(doc.protocol.techniques[0].id).toBe('toString');
        expect(doc.protocol.sessions.map((s: { phase: string; session: string }) => [s.phase, s.session])).toEqual([['valueOf', 'hasOwnProperty'], ['valueOf', 'hasOwnProperty']]);
        // 1 mL of the 2 mL mixture per session: 10 mg of __proto__, exactly its cap (no overdose).
        expect(doc.protocol.sessions[0].doses[0]).toEqual({ substance: '__proto__', amount: { value: 10, unit: 'mg' }, volume: { value: 0.5, unit: 'mL' } });
        // A "__proto__" key written by JSON.stringify would be dropped or become the prototype when parsed back.
        expect(text).not.toMatch(/"__proto__"\s*:/);
        const plan = JSON.parse(readFileSync(join(dir, 'out/propertyIsEnumerable.plan.json'), 'utf8'));
        expect(plan.patient.id).toBe('propertyIsEnumerable');
    });

    test('a dose cap on __proto__ still fires one hundredth over it', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'over.meso'), SOURCE.replace('max 10 mg per session', 'max 9.99 mg per session'));
        const r = await meso(['check', join(dir, 'over.meso'), '--format', 'json']);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.out).map((p: { code: string; line: number; message: string }) => [p.code, p.line, p.message.split(' (')[0]])).toEqual([
            ['overdose-session', 10, "'__proto__' 10 mg in session 'hasOwnProperty' exceeds its maximum of 9.99 mg per session"]
        ]);
    });

    test('a contraindication through condition __defineGetter__ (alias isPrototypeOf) is found', async () => {
        const dir = tempDir();
        const text = SOURCE.replace('__proto__ 1 mL toString 1 mL', '__proto__ 1 mL polluted 1 mL')
            .replace('weight 70 kg', 'weight 70 kg conditions isPrototypeOf');
        writeFileSync(join(dir, 'c.meso'), text);
        const r = await meso(['check', join(dir, 'c.meso'), '--format', 'json']);
        expect(JSON.parse(r.out).map((p: { code: string; line: number }) => [p.code, p.line])).toContainEqual(['contraindicated', 15]);
        expect(r.code).toBe(1);
    });

    test('an unknown name equal to a built-in property is unknown, not a function', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'u.meso'), 'protocol q { indication pain mixture m { __lookupGetter__ 1 mL } }\n');
        const r = await meso(['check', join(dir, 'u.meso'), '--format', 'json']);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.out).map((p: { code: string; message: string }) => [p.code, p.message])).toContainEqual(
            ['unresolved-name', "Unknown substance '__lookupGetter__'. Declare it, or import the file that declares it."]);
    });
});
