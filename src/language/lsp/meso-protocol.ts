/**
 * The names Meso's server and its VS Code extension agree on: custom LSP requests and
 * client commands. Both sides import this file; nothing else defines these strings.
 */
export const MesoRequests = {
    /** Compile the protocols and plans of a document: `{ uri }` → `CompileResult`. */
    Compile: 'meso/compile',
    /** The preview model of a protocol: `{ uri, protocol }` → `PreviewModel`. */
    Preview: 'meso/preview'
} as const;

export const MesoCommands = {
    Compile: 'meso.compileToJson',
    Preview: 'meso.previewProtocol'
} as const;

export interface CompileParams {
    readonly uri: string;
}

export interface CompileResult {
    /** One entry per protocol or plan; empty when `errors` is not. */
    readonly documents: Array<{ readonly fileName: string; readonly text: string }>;
    /** `line:col message` of every error that forbids compiling. */
    readonly errors: string[];
}

export interface PreviewParams {
    readonly uri: string;
    readonly protocol?: string;
}

/**
 * What the preview webview draws: plain data, already computed by the server. A figure given
 * as a range has its high end in the plain field (the worst case, drawn) and its low end in
 * the `…Low` field, present only when the two differ.
 */
export interface PreviewModel {
    readonly protocol: string;
    readonly title?: string;
    /** Day of the last session (latest); undefined when the schedule could not be read. */
    readonly durationDays?: number;
    readonly durationDaysLow?: number;
    readonly sessions: Array<{
        index: number;
        /** Earliest day; undefined when unknown. */
        day?: number;
        dayLatest?: number;
        /** Beyond the lowest count of its phase. */
        optional?: boolean;
        phase: string;
        maintenance: boolean;
        doses: Array<{ substance: string; amount?: number; amountLow?: number; unit?: string }>;
    }>;
    /** Per substance with a known amount: per-session amounts, cumulative amounts and its caps. */
    readonly substances: Array<{
        substance: string; unit: string; perSession: number[]; perSessionLow?: number[]; cumulative: number[]; cumulativeLow?: number[];
        sessionCap?: number; cycleCap?: number;
    }>;
    readonly warnings: Array<{ line: number; severity: string; code: string; message: string }>;
}
