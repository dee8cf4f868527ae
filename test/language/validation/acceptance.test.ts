import { describe, expect, test } from 'vitest';
import { mayBeAccepted } from '../../../src/language/validation/acceptance.js';
import { IssueCodes, UNSUPPRESSIBLE } from '../../../src/language/validation/issue-codes.js';
import { Severity } from '../../../src/language/validation/severity.js';

describe('which diagnostics a meso-ignore comment may silence', () => {
    test('never doses, allergies, withdrawn products nor the errors that leave the file unchecked, at any severity', () => {
        for (const code of UNSUPPRESSIBLE) {
            for (const severity of [Severity.Error, Severity.Warning, Severity.Information]) {
                expect(mayBeAccepted({ code, severity }), `${code} at ${severity}`).toBe(false);
            }
        }
    });

    test('a contraindication only below error severity', () => {
        expect(mayBeAccepted({ code: IssueCodes.Contraindicated, severity: Severity.Error })).toBe(false);
        expect(mayBeAccepted({ code: IssueCodes.Contraindicated })).toBe(false);
        expect(mayBeAccepted({ code: IssueCodes.Contraindicated, severity: Severity.Warning })).toBe(true);
        expect(mayBeAccepted({ code: IssueCodes.Contraindicated, severity: Severity.Information })).toBe(true);
    });

    test('never the diagnostics about the comments themselves, nor one without a code', () => {
        for (const code of [IssueCodes.UnusedIgnore, IssueCodes.IgnoreNeedsReason, IssueCodes.IgnoreNotAllowed]) {
            expect(mayBeAccepted({ code, severity: Severity.Warning })).toBe(false);
        }
        expect(mayBeAccepted({ severity: Severity.Warning })).toBe(false);
    });

    test('every other code, errors and hints included', () => {
        expect(mayBeAccepted({ code: IssueCodes.InsufficientMixture, severity: Severity.Error })).toBe(true);
        expect(mayBeAccepted({ code: IssueCodes.VolumePerPoint, severity: Severity.Warning })).toBe(true);
        expect(mayBeAccepted({ code: IssueCodes.Unused, severity: Severity.Hint })).toBe(true);
        expect(mayBeAccepted({ code: IssueCodes.Interaction, severity: Severity.Error })).toBe(true);
    });
});
