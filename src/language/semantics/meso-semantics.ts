import { WorkspaceCache } from 'langium';
import type { Patient, Protocol } from '../generated/ast.js';
import { computePatientSemantics, type PatientSemantics } from './patient-semantics.js';
import type { MesoServices } from '../meso-module.js';
import { profileInForce } from './profiles.js';
import { computeProtocolSemantics, type ProtocolSemantics } from './protocol-semantics.js';

/**
 * Computes derived facts once per workspace state and shares them with validation,
 * LSP features and the compiler. The cache is cleared whenever any document changes,
 * because a protocol's doses depend on substances declared in other files.
 */
export class MesoSemantics {
    private readonly protocols: WorkspaceCache<Protocol, ProtocolSemantics>;
    private readonly patients: WorkspaceCache<Patient, PatientSemantics>;

    constructor(private readonly services: MesoServices) {
        this.protocols = new WorkspaceCache(services.shared);
        this.patients = new WorkspaceCache(services.shared);
    }

    protocol(protocol: Protocol): ProtocolSemantics {
        return this.protocols.get(protocol, () => computeProtocolSemantics(protocol, profileInForce(protocol, this.services.workspace.ProjectSettings).name));
    }

    patient(patient: Patient): PatientSemantics {
        return this.patients.get(patient, () => computePatientSemantics(patient, p => this.protocol(p)));
    }
}
