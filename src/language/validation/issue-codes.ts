/**
 * Stable diagnostic codes (docs/diagnostics.md). A code travels from the validator
 * (`data: { code }`) to quick fixes, the CLI output and the tests.
 */
export const IssueCodes = {
    // doses
    OverdoseSession: 'overdose-session',
    OverdoseWeight: 'overdose-weight',
    OverdoseCycle: 'overdose-cycle',
    OverdoseDay: 'overdose-day',
    OverdoseWeek: 'overdose-week',
    OverdosePoint: 'overdose-point',
    AnestheticSum: 'anesthetic-sum',
    WeightUnknown: 'weight-unknown',
    AmountUnknown: 'amount-unknown',
    OverdoseArea: 'overdose-area',
    // combinations and patients
    Interaction: 'interaction',
    Contraindicated: 'contraindicated',
    Allergy: 'allergy',
    UnderAge: 'under-age',
    SkinTestPositive: 'skin-test-positive',
    SkinTestLate: 'skin-test-late',
    MissingSkinTest: 'missing-skin-test',
    WithdrawnSubstance: 'withdrawn-substance',
    // technique
    WrongLayer: 'wrong-layer',
    DepthExceedsNeedle: 'depth-exceeds-needle',
    DepthOutOfRange: 'depth-out-of-range',
    NeedleLength: 'needle-length',
    VolumePerPoint: 'volume-per-point',
    PointsPerSession: 'points-per-session',
    VolumePerSession: 'volume-per-session',
    InsufficientMixture: 'insufficient-mixture',
    MultiInjector: 'multi-injector',
    AreaRestricted: 'area-restricted',
    AreaPoints: 'area-points',
    // mixtures and schedules
    TooManySubstances: 'too-many-substances',
    SessionsPerCycle: 'sessions-per-cycle',
    IntervalTooShort: 'interval-too-short',
    CourseTooLong: 'course-too-long',
    NotForMixing: 'not-for-mixing',
    Unused: 'unused',
    // language
    UnknownUnit: 'unknown-unit',
    UnitMismatch: 'unit-mismatch',
    DuplicateName: 'duplicate-name',
    ShadowsStd: 'shadows-std',
    ImportUnresolved: 'import-unresolved',
    NotText: 'not-text',
    UnresolvedName: 'unresolved-name',
    SyntaxError: 'syntax-error',
    InvalidNumber: 'invalid-number',
    InvalidDate: 'invalid-date',
    MisplacedClause: 'misplaced-clause',
    InvalidRange: 'invalid-range',
    MissingInterval: 'missing-interval',
    // project configuration
    ConfigInvalid: 'config-invalid',
    // suppression comments
    UnusedIgnore: 'unused-ignore',
    IgnoreNeedsReason: 'ignore-needs-reason',
    IgnoreNotAllowed: 'ignore-not-allowed',
    // products and syringes
    MissingPresentation: 'missing-presentation',
    AmbiguousAmount: 'ambiguous-amount',
    PresentationOverdrawn: 'presentation-overdrawn',
    MixtureOverdrawn: 'mixture-overdrawn',
    SyringeOverfilled: 'syringe-overfilled'
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];

/**
 * Codes a `// meso-ignore` comment can never silence: doses, allergies (and a positive skin
 * test), withdrawn products, and the errors that leave part of the file unread or unchecked
 * (syntax, names, units, imports, counts, dates): silenced, they would let a protocol
 * compile that was checked on less than it says.
 */
export const UNSUPPRESSIBLE: ReadonlySet<string> = new Set([
    IssueCodes.OverdoseSession, IssueCodes.OverdoseWeight, IssueCodes.OverdoseCycle, IssueCodes.AnestheticSum,
    IssueCodes.OverdoseDay, IssueCodes.OverdoseWeek, IssueCodes.OverdosePoint, IssueCodes.OverdoseArea,
    IssueCodes.Allergy, IssueCodes.SkinTestPositive, IssueCodes.WithdrawnSubstance,
    IssueCodes.SyntaxError, IssueCodes.UnresolvedName, IssueCodes.UnknownUnit, IssueCodes.UnitMismatch,
    IssueCodes.DuplicateName, IssueCodes.ImportUnresolved, IssueCodes.NotText, IssueCodes.InvalidNumber, IssueCodes.InvalidDate,
    IssueCodes.InvalidRange, IssueCodes.MissingInterval, IssueCodes.MissingPresentation, IssueCodes.AmbiguousAmount, IssueCodes.ConfigInvalid
]);
