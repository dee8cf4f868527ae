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

/** Commands of the VS Code extension (its palette, menus and keybindings). */
export const MesoCommands = {
    Compile: 'meso.compileToJson',
    Preview: 'meso.previewProtocol',
    Restart: 'meso.restartServer',
    NewProtocol: 'meso.newProtocol'
} as const;

/**
 * Commands the server executes (`workspace/executeCommand`, advertised in
 * `executeCommandProvider`), which its code lenses name, so that they work in every client.
 * Distinct from the extension's: vscode-languageclient registers these in VS Code itself.
 */
export const MesoServerCommands = {
    /** `[uri, options?: CompileCommandOptions]` → `CompileCommandResult`: compiles and writes the JSON. */
    Compile: 'meso.server.compile',
    /** `[uri, protocol?]` → `PreviewCommandResult`: the preview model and page. */
    Preview: 'meso.server.preview',
    /** `[uri, protocol]` → the text of the protocol's schedule, also shown as a message. */
    Schedule: 'meso.server.schedule'
} as const;

export interface CompileCommandOptions {
    /** Where to write: absolute, or relative to the workspace folder of the file; empty: beside it. */
    readonly outputFolder?: string;
    /** When true the server shows no message (the caller shows the result). */
    readonly quiet?: boolean;
}

export interface CompileCommandResult {
    /** Absolute paths written. */
    readonly written: string[];
    /** Previous outputs removed because the file has errors. */
    readonly removed: string[];
    /** The errors that forbid compiling (or why nothing could be written). */
    readonly errors: string[];
}

export interface PreviewCommandResult {
    readonly model: PreviewModel;
    /** A self-contained page (no script) showing the model. */
    readonly html: string;
}

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
    /** Per product the mixtures use: its ingredients as the label gives them, and the mL injected in each session (highest end). */
    readonly products?: Array<{ product: string; title?: string; ingredients: string[]; perSession: number[] }>;
    readonly warnings: Array<{ line: number; severity: string; code: string; message: string }>;
    /** Named treatment areas and what each session declaration gives each (absent when none is named). */
    readonly areas?: Array<{ area: string; title?: string; region?: string; gridPoints?: number; sessions: Array<{ session: string; doses: Array<{ substance: string; amount: number; unit: string }> }> }>;
    /** Pre-treatment, after-care and co-therapies (absent when there is none). */
    readonly care?: Array<{ timing: string; session?: string; what: string; detail?: string }>;
}
