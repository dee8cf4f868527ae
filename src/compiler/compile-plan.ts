import type { Patient } from '../language/generated/ast.js';
import type { PatientSemantics, PlanDate } from '../language/semantics/patient-semantics.js';
import type { ProtocolSemantics } from '../language/semantics/protocol-semantics.js';
import { compileProtocolBody, FORMAT_VERSION, type CompileContext } from './compile-protocol.js';
import { patientFactsJson } from './compile-care.js';
import { quantity } from './json-values.js';
import type * as J from './meso-json.generated.js';

/** A session's date: one day, or the earliest and latest when a gap before it is a range. */
function planDate(d: PlanDate): J.Session['date'] {
    return d.earliest === d.latest ? d.earliest : { earliest: d.earliest, latest: d.latest };
}

/**
 * Compiles a patient's plan (format meso-plan): the patient, and the protocol they follow
 * inlined with each session's calendar date. Needs a protocol and a valid start date.
 */
export function compilePlan(patient: Patient, ps: PatientSemantics, protocolSemantics: ProtocolSemantics, warnings: J.Warning[], context: CompileContext): J.MesoPlanDocument {
    const protocol = compileProtocolBody(protocolSemantics.protocol, protocolSemantics);
    return {
        $schema: context.schemaId,
        format: 'meso-plan',
        formatVersion: FORMAT_VERSION,
        generator: { name: 'meso', version: context.version },
        patient: {
            id: patient.name,
            ...(patient.title !== undefined && { title: patient.title }),
            ...(ps.weightKg && { weight: quantity(ps.weightKg, 'kg') }),
            conditions: ps.conditions.map(c => c.name),
            allergies: ps.allergens.map(a => a.name),
            skinTests: ps.skinTests.map(t => ({ date: t.date, result: t.result as 'negative' | 'positive' })),
            start: ps.start ?? '',
            ...patientFactsJson(patient)
        },
        protocol: { ...protocol, sessions: protocol.sessions.map((s, i) => ({ ...s, ...(ps.dates[i] && { date: planDate(ps.dates[i]) }) })) },
        warnings
    };
}
