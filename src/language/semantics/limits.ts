import { profileAt, selectForProfile } from './profiles.js';
import type { MesoProjectSettings } from '../workspace/project-settings.js';
import { AstUtils, URI, WorkspaceCache, type AstNode, type LangiumDocuments, type LangiumSharedCoreServices } from 'langium';
import { Fraction } from 'fraction.js';
import {
    isContraindication, isInteraction, isLimit, isModel, isRequirement,
    type Contraindication, type Interaction, type Limit, type Model, type Protocol, type Requirement
} from '../generated/ast.js';
import { toMeasure, type WrittenUnit } from '../units/quantity.js';
import type { ImportGraph } from '../scoping/import-graph.js';
import type { MesoImports } from '../scoping/imports.js';
import { UriSetCache } from '../scoping/uri-set-cache.js';

/** A limit resolved for one protocol: its bounds in canonical units (days, mL, mm, counts). */
export interface ResolvedLimit {
    readonly limit: Limit;
    /** Smallest allowed value, and whether it is allowed itself. */
    readonly min?: { value: Fraction; inclusive: boolean };
    readonly max?: { value: Fraction; inclusive: boolean };
    readonly severity: 'error' | 'warning' | 'info';
}

/**
 * A limit's value in canonical units, as the bound it is: a minimum takes the low end of a
 * value that is a range of days (`1 month`: 28 days), a maximum its high end (31 days).
 */
function valueOf(v: { value: string; unit?: WrittenUnit }, bound: 'min' | 'max'): Fraction | undefined {
    if (!v.unit) return /^[0-9]+(\.[0-9]+)?$/.test(v.value) ? new Fraction(v.value) : undefined;
    const m = toMeasure({ value: v.value, unit: v.unit });
    return m && (bound === 'min' ? m.span.low : m.span.high);
}

export function resolveLimit(limit: Limit): ResolvedLimit {
    const severity = (limit.severity ?? 'warning') as ResolvedLimit['severity'];
    if (limit.low && limit.high) {
        const lo = valueOf(limit.low, 'min');
        const hi = valueOf(limit.high, 'max');
        return { limit, severity, min: lo && { value: lo, inclusive: true }, max: hi && { value: hi, inclusive: true } };
    }
    const bound = limit.op === '<=' || limit.op === '<' ? 'max' : 'min';
    const v = limit.value ? valueOf(limit.value, bound) : undefined;
    if (!v) return { limit, severity };
    switch (limit.op) {
        case '<=': return { limit, severity, max: { value: v, inclusive: true } };
        case '<': return { limit, severity, max: { value: v, inclusive: false } };
        case '>=': return { limit, severity, min: { value: v, inclusive: true } };
        default: return { limit, severity, min: { value: v, inclusive: false } };
    }
}

/** True when `value` breaks the limit. */
export function violates(limit: ResolvedLimit, value: Fraction): boolean {
    if (limit.max && (limit.max.inclusive ? value.compare(limit.max.value) > 0 : value.compare(limit.max.value) >= 0)) return true;
    if (limit.min && (limit.min.inclusive ? value.compare(limit.min.value) < 0 : value.compare(limit.min.value) <= 0)) return true;
    return false;
}

/**
 * True when some value of the span breaks the limit: its high end above a maximum, or its
 * low end below a minimum (the worst case of a range, each way).
 */
export function violatesSpan(limit: ResolvedLimit, value: { low: Fraction; high: Fraction }): boolean {
    return violates({ ...limit, min: undefined }, value.high) || violates({ ...limit, max: undefined }, value.low);
}

/** The library rules declared at one level (a set of files). */
interface LevelRules {
    readonly limits: Limit[];
    readonly requirements: Requirement[];
    readonly interactions: Interaction[];
    readonly contraindications: Contraindication[];
}

function rulesOf(models: Model[]): LevelRules {
    const elements = models.flatMap(m => m.elements);
    return {
        limits: elements.filter(isLimit),
        requirements: elements.filter(isRequirement),
        interactions: elements.filter(isInteraction),
        contraindications: elements.filter(isContraindication)
    };
}

function hasRules(rules: LevelRules): boolean {
    return rules.limits.length + rules.requirements.length + rules.interactions.length + rules.contraindications.length > 0;
}

/**
 * The library rules a file sees (limits, requirements, interactions, contraindications),
 * by level, nearest first: the file and its imports, then std. For limits the nearest
 * level with an applicable limit wins, and within a level a limit `for` the protocol's
 * indication beats a general one; a protocol's own limits come before every file.
 * The imported level is cached per set of imported files declaring rules (shared by the files
 * importing the same formularies, whatever else they import); the std level until a std file
 * changes.
 */
export class LibraryRules {
    private readonly cache: UriSetCache<LevelRules>;
    private readonly resolved: WorkspaceCache<Protocol, Map<string, ResolvedLimit[]>>;
    private readonly levelsByRoot: WorkspaceCache<AstNode, LevelRules[]>;
    private readonly fileRules: WorkspaceCache<string, LevelRules>;
    private readonly importedRules = new WeakMap<ReadonlySet<string>, LevelRules>();

    constructor(private readonly graph: ImportGraph, private readonly imports: MesoImports, private readonly documents: LangiumDocuments,
        shared: LangiumSharedCoreServices, private readonly settings?: MesoProjectSettings) {
        this.cache = new UriSetCache(shared);
        this.fileRules = new WorkspaceCache(shared);
        this.resolved = new WorkspaceCache(shared);
        this.levelsByRoot = new WorkspaceCache(shared);
    }

    private models(uris: Iterable<string>): Model[] {
        return [...uris].map(u => this.documents.getDocument(URI.parse(u))?.parseResult.value).filter((m): m is Model => isModel(m));
    }

    /**
     * The levels of a file, merged once per file and workspace state: every check of every
     * protocol asks, and a file may hold thousands of protocols.
     */
    private levels(node: AstNode): LevelRules[] {
        const root = AstUtils.findRootNode(node);
        return this.levelsByRoot.get(root, () => this.computeLevels(root));
    }

    private computeLevels(root: AstNode): LevelRules[] {
        const importedRules = this.importedLevel(AstUtils.getDocument(root).uri.toString());
        const stdUris = this.imports.stdUris();
        const std = this.cache.get('std', stdUris, () => rulesOf(this.models(stdUris)));
        if (!isModel(root)) return [importedRules, std];
        const own = rulesOf([root]);
        const merged = {
            limits: [...own.limits, ...importedRules.limits],
            requirements: [...own.requirements, ...importedRules.requirements],
            interactions: [...own.interactions, ...importedRules.interactions],
            contraindications: [...own.contraindications, ...importedRules.contraindications]
        };
        return [merged, std];
    }

    /** The rules of the files `uri` imports, transitively, in URI order. */
    private importedLevel(uri: string): LevelRules {
        const files = this.graph.importedWith(uri, 'rules', u => hasRules(this.rulesOfFile(u)));
        let rules = this.importedRules.get(files);
        if (!rules) this.importedRules.set(files, rules = rulesOf(this.models([...files].sort())));
        return rules;
    }

    private rulesOfFile(uri: string): LevelRules {
        return this.fileRules.get(uri, () => rulesOf(this.models([uri])));
    }

    /** The limits on `metric` that apply to the protocol (cached: checks ask per technique and mixture). */
    limitsFor(protocol: Protocol, metric: string, indication: string | undefined): ResolvedLimit[] {
        let byMetric = this.resolved.get(protocol);
        if (!byMetric) this.resolved.set(protocol, byMetric = new Map());
        const profile = profileAt(protocol, this.settings);
        const key = `${metric}|${indication ?? ''}|${profile}`;
        let limits = byMetric.get(key);
        if (!limits) byMetric.set(key, limits = this.findLimits(protocol, metric, indication, profile));
        return limits;
    }

    private findLimits(protocol: Protocol, metric: string, indication: string | undefined, profile: string): ResolvedLimit[] {
        const applicable = (ls: Limit[]) => {
            const matching = selectForProfile(ls.filter(l => l.metric === metric), profile, l => [l.indication ?? ''])
                .filter(l => !l.indication || l.indication === indication);
            const specific = matching.filter(l => l.indication);
            return specific.length > 0 ? specific : matching;
        };
        const inProtocol = applicable(protocol.members.filter(isLimit));
        if (inProtocol.length > 0) return inProtocol.map(resolveLimit);
        for (const level of this.levels(protocol)) {
            const found = applicable(level.limits);
            if (found.length > 0) return found.map(resolveLimit);
        }
        return [];
    }

    /** The nearest `require skin test`, if any. */
    skinTestRequirement(node: AstNode): Requirement | undefined {
        const profile = profileAt(node, this.settings);
        return this.levels(node).map(level => selectForProfile(level.requirements, profile, () => ['skin-test']))
            .find(requirements => requirements.length > 0)?.[0];
    }

    /** Every interaction in scope (all levels apply). */
    interactions(node: AstNode): Interaction[] {
        const profile = profileAt(node, this.settings);
        return this.levels(node).flatMap(level => selectForProfile(level.interactions, profile, interactionKey));
    }

    /** Every procedure-wide contraindication in scope. */
    contraindications(node: AstNode): Contraindication[] {
        const profile = profileAt(node, this.settings);
        return this.levels(node).flatMap(level => selectForProfile(level.contraindications, profile, c => [c.condition?.$refText ?? '']));
    }
}

/** What an interaction is about, so that one tagged for a profile replaces the untagged one. */
function interactionKey(i: Interaction): string[] {
    const pair = [i.left?.$refText ?? '', i.right?.$refText ?? ''].sort().join('+');
    return [`${pair}|${i.inMixture ? 'mixture' : 'session'}`];
}
