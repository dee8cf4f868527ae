/**
 * Stable diagnostic codes (docs/diagnostics.md). A code travels from the validator
 * (`data: { code }`) to quick fixes, the CLI output and the tests.
 */
export const IssueCodes = {
    UnknownUnit: 'unknown-unit',
    UnitMismatch: 'unit-mismatch',
    DuplicateName: 'duplicate-name',
    ShadowsStd: 'shadows-std',
    ImportUnresolved: 'import-unresolved',
    InvalidNumber: 'invalid-number',
    InvalidDate: 'invalid-date'
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];
