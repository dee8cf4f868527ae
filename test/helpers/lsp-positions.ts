import type { LangiumDocument } from 'langium';
import type { Position } from 'vscode-languageserver';

/** The position of the n-th occurrence of `marker` (its first character, or after it with `after`). */
export function positionOf(doc: LangiumDocument, marker: string, options: { nth?: number; after?: boolean } = {}): Position {
    const text = doc.textDocument.getText();
    let index = -1;
    for (let i = 0; i <= (options.nth ?? 0); i++) {
        index = text.indexOf(marker, index + 1);
        if (index < 0) throw new Error(`marker '${marker}' not found`);
    }
    return doc.textDocument.positionAt(index + (options.after ? marker.length : 0));
}

export const PROTOCOL = `protocol low_back_pain "Chronic low back pain" {
    indication pain
    patients from 50 kg
    skin test 2 days before first session
    mixture antalgic {
        lidocaine 1 mL
        piroxicam 1 mL
        saline 2 mL
    }
    technique paravertebral {
        needle 30G 4 mm
        depth IDS
        0.2 mL per point
        20 points
    }
    session standard {
        inject antalgic using paravertebral
    }
    schedule {
        phase attack: 2 sessions of standard every 4 days
        phase treatment: 6 sessions of standard every 7 days
        maintenance: 3 sessions of standard every 30 days
    }
}
`;
