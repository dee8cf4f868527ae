/**
 * What `Meso: New Protocol` opens: a protocol that checks clean, with every part a real one has
 * (indication, weight floor, skin test, mixture, technique, session, schedule), to edit.
 */
export const PROTOCOL_TEMPLATE = `// A new Meso protocol: rename it, then change the mixture, the technique and the schedule.
// Hover a substance for its strength and caps; the language reference is docs/language.md.

protocol new_protocol "Describe the indication and the aim" {
    indication pain
    patients from 50 kg
    skin test 2 days before first session

    mixture main {
        lidocaine 1 mL
        saline 2 mL
    }
    technique superficial {
        needle 30G 4 mm
        depth IDS
        0.1 mL per point
        20 points
    }
    session standard { inject main using superficial  duration 10 min }
    schedule {
        phase attack: 4 sessions of standard every 7 days
    }
}
`;
