import { isDepthSetting, isDeviceSetting, isExcludesClause, isAreaClause, type Protocol, type Substance } from '../language/generated/ast.js';
import { classesOf, concentrationOf, provenanceOf } from '../language/semantics/library.js';
import { syringeOf, type ProtocolSemantics, type Dose, type Syringe } from '../language/semantics/protocol-semantics.js';
import { isConcentrationClause } from '../language/generated/ast.js';
import { areasJson, sessionAreasField } from './compile-areas.js';
import { careJson } from './compile-care.js';
import { measureQuantity, quantity, spanNumber, spanQuantity } from './json-values.js';
import type * as J from './meso-json.generated.js';
import { componentJson, productJson } from './compile-products.js';
import { ZERO } from '../language/units/span.js';

/** The identity of the tool that wrote a document. */
export interface CompileContext {
    readonly version: string;
    /** The `$schema` value written into documents. */
    readonly schemaId: string;
}

function substanceJson(s: Substance): J.Substance {
    const classes = classesOf(s).map(c => c.name);
    const strength = concentrationOf(s);
    const concentrationClause = s.clauses.find(isConcentrationClause);
    const provenance = concentrationClause ? provenanceOf(concentrationClause) : undefined;
    return {
        id: s.name,
        ...(s.title !== undefined && { title: s.title }),
        ...(classes.length > 0 && { class: classes[0] }),
        classes,
        ...(strength && { concentration: quantity(strength.perMl, strength.dimension === 'mass' ? 'mg/mL' : '[iU]/mL') }),
        ...(provenance?.source !== undefined && { source: provenance.source }),
        ...(provenance?.evidence !== undefined && { evidence: provenance.evidence })
    };
}

function doseJson(d: Dose): J.Dose {
    return {
        substance: d.substance.name,
        ...(d.amount && { amount: measureQuantity(d.amount) }),
        ...(d.volume && { volume: spanQuantity(d.volume, 'mL') })
    };
}

/** The JSON format version written by this compiler (docs/json.md says what changed). */
export const FORMAT_VERSION = 3;

/**
 * Compiles a checked protocol to its JSON model (format meso-protocol, version 3). Pure:
 * reads only the AST and its semantics; the caller decides whether errors forbid it.
 */
export function compileProtocolBody(protocol: Protocol, semantics: ProtocolSemantics): J.Protocol {
    const used = semantics.totals.substances.map(t => t.substance);
    const products = [...new Set(semantics.mixtures.flatMap(m => m.components.flatMap(c => c.product ? [c.product] : [])))];
    const area = protocol.members.find(isAreaClause)?.area;
    const areas = areasJson(semantics);
    const care = careJson(semantics.care);
    return {
        id: protocol.name,
        ...(protocol.title !== undefined && { title: protocol.title }),
        ...(semantics.indication !== undefined && { indication: semantics.indication as J.Protocol['indication'] }),
        ...(area !== undefined && { area }),
        ...(semantics.minWeightKg && { patientsFrom: quantity(semantics.minWeightKg, 'kg') }),
        ...(semantics.skinTestLeadDays && { skinTestBefore: spanQuantity(semantics.skinTestLeadDays, 'd') }),
        // Canonical names (an alias as written would not match any id of the document).
        excludes: protocol.members.filter(isExcludesClause).flatMap(e => e.conditions.map(c => c.ref?.name ?? c.$refText)),
        substances: [...new Set(used)].map(substanceJson),
        ...(products.length > 0 && { products: products.map(productJson) }),
        mixtures: semantics.mixtures.map(m => ({
            id: m.mixture.name,
            ...(m.mixture.title !== undefined && { title: m.mixture.title }),
            ...(m.volume && { volume: spanQuantity(m.volume, 'mL') }),
            ...(m.mixture.perInject && { preparedPerInject: true as const }),
            components: m.components.map(componentJson)
        })),
        techniques: semantics.techniques.map(t => {
            const depth = t.technique.settings.find(isDepthSetting);
            const device = t.technique.settings.find(isDeviceSetting);
            return {
                id: t.technique.name,
                ...(t.technique.title !== undefined && { title: t.technique.title }),
                ...((t.gauge !== undefined || t.needleLength) && {
                    needle: { ...(t.gauge !== undefined && { gauge: t.gauge }), ...(t.needleLength && { length: spanQuantity(t.needleLength, 'mm') }) }
                }),
                ...(depth && {
                    depth: {
                        ...(depth.layer && { layer: depth.layer.$refText }),
                        ...(depth.length && t.depthLength && { length: spanQuantity(t.depthLength, 'mm') })
                    }
                }),
                ...(t.volumePerPoint && { volumePerPoint: spanQuantity(t.volumePerPoint, 'mL') }),
                ...(t.points !== undefined && { points: spanNumber(t.points) }),
                ...(device && { device: device.kind as J.Technique['device'] }),
                ...(device?.needles !== undefined && { needles: Number(device.needles) }),
                ...syringeField(t.syringe)
            };
        }),
        sessions: semantics.schedule.map(s => ({
            index: s.index,
            // A compiled protocol has no error, so every day is known.
            day: spanNumber(s.day ?? ZERO),
            ...(s.optional && { optional: true as const }),
            phase: s.phase.name ?? 'maintenance',
            maintenance: s.maintenance,
            session: s.phase.session?.$refText ?? '',
            ...(s.facts?.injectedVolume && { injectedVolume: spanQuantity(s.facts.injectedVolume, 'mL') }),
            ...syringeField(s.facts && syringeOf(s.facts.session.items)),
            doses: (s.facts?.doses ?? []).map(doseJson),
            ...(s.facts && s.facts.products.length > 0 && {
                products: s.facts.products.map(p => ({ product: p.product.name, ...(p.volume && { volume: spanQuantity(p.volume, 'mL') }) }))
            }),
            ...sessionAreasField(s.facts)
        })),
        totals: {
            sessions: spanNumber(semantics.totals.cycleSessions ?? ZERO),
            maintenanceSessions: spanNumber(semantics.totals.maintenanceSessions ?? ZERO),
            durationDays: spanNumber(semantics.totals.durationDays ?? ZERO),
            substances: semantics.totals.substances.map(t => {
                const cycle = semantics.totals.cycleSubstances.find(c => c.substance === t.substance);
                return {
                    substance: t.substance.name,
                    ...(t.amount && { amount: measureQuantity(t.amount) }),
                    ...(cycle?.amount && { cycleAmount: measureQuantity(cycle.amount) }),
                    ...(t.volume && { volume: spanQuantity(t.volume, 'mL') })
                };
            })
        },
        ...(areas.length > 0 && { areas }),
        ...(care.length > 0 && { care })
    };
}

/** A whole meso-protocol document. */
export function compileProtocol(protocol: Protocol, semantics: ProtocolSemantics, warnings: J.Warning[], context: CompileContext): J.MesoProtocolDocument {
    return {
        $schema: context.schemaId,
        format: 'meso-protocol',
        formatVersion: FORMAT_VERSION,
        generator: { name: 'meso', version: context.version },
        protocol: compileProtocolBody(protocol, semantics),
        warnings
    };
}

/** `syringe: { capacity, note? }` when a syringe is named (a compiled protocol has read its capacity). */
function syringeField(syringe: Syringe | undefined): { syringe?: J.Syringe } {
    return syringe?.capacity ? { syringe: { capacity: quantity(syringe.capacity, 'mL'), ...(syringe.setting.note !== undefined && { note: syringe.setting.note }) } } : {};
}
