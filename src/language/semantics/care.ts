import { isCareItem, isSession, type CareItem, type Protocol, type Session, type Substance } from '../generated/ast.js';
import type { Measure } from '../units/quantity.js';
import { mul, point, type Span } from '../units/span.js';
import { concentrationOf } from './library.js';
import { known, readMeasure, readSpan } from './reading.js';

/**
 * Care around the sessions (#13 item 8): pre-treatment, after-care and co-therapies, in a session
 * or (for every session) in the protocol. A substance given so is still a substance: its amount
 * counts toward its caps per session, and the patient's allergies and conditions meet it.
 */
export interface CareFacts {
    readonly item: CareItem;
    readonly timing: 'pretreatment' | 'aftercare' | 'cotherapy';
    /** The session it belongs to; undefined for a protocol-wide item (every session). */
    readonly session?: Session;
    readonly substances: Substance[];
    /** The amount given, as written (mass, volume or activity); undefined when not written or unreadable. */
    readonly amount?: Measure;
    /** The amount of its one substance, in mg or IU (a volume through the substance's concentration). */
    readonly dose?: Measure;
    readonly durationDays?: Span;
    readonly route?: string;
}

export function careFacts(item: CareItem): CareFacts {
    const substances = item.substances.map(r => r.ref).filter((s): s is Substance => !!s);
    const amount = known(readMeasure(item.amount, ['mass', 'volume', 'activity']));
    let dose: Measure | undefined;
    if (amount && substances.length === 1 && item.substances.length === 1) {
        if (amount.dimension !== 'volume') dose = amount;
        else {
            const strength = concentrationOf(substances[0]);
            if (strength) dose = { span: mul(amount.span, point(strength.perMl)), dimension: strength.dimension };
        }
    }
    return {
        item, timing: item.timing as CareFacts['timing'], session: isSession(item.$container) ? item.$container : undefined,
        substances, amount, dose, durationDays: known(readSpan(item.duration, 'time')), route: item.route
    };
}

/** Every care item of a protocol: its own, then each session's, in order. */
export function protocolCare(protocol: Protocol): CareFacts[] {
    const own = protocol.members.filter(isCareItem).map(careFacts);
    const inSessions = protocol.members.filter(isSession).flatMap(s => s.items.filter(isCareItem).map(careFacts));
    return [...own, ...inSessions];
}

/** The care items that go with one session: the protocol's and its own. */
export function careOfSession(care: CareFacts[], session: Session): CareFacts[] {
    return care.filter(c => !c.session || c.session === session);
}
