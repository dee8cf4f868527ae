import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isModel, isProtocol } from '../generated/ast.js';
import type { MesoLspServices } from './lsp-module.js';
import { formatSpan } from '../units/quantity.js';
import { MesoServerCommands } from './meso-protocol.js';

/**
 * On each protocol: `8 sessions + 3 maintenance · 136 days` (shows the schedule), `Compile to
 * JSON`, `Preview`. Each names a command the server executes (`MesoServerCommands`), so the
 * lenses work in any client; the VS Code extension shows the preview in a panel instead.
 */
export class MesoCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: MesoLspServices) {}

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const root = document.parseResult.value;
        if (!isModel(root)) return [];
        return root.elements.filter(isProtocol).flatMap(protocol => {
            const range = protocol.$cstNode?.range;
            if (!range) return [];
            const at = { start: range.start, end: range.start };
            const t = this.services.semantics.Semantics.protocol(protocol).totals;
            const n = (s: typeof t.durationDays) => s ? formatSpan(s) : '?';
            const args = [document.uri.toString(), protocol.name];
            const locale = this.services.i18n.Locale;
            const schedule = locale.t('lens.schedule', { cycle: n(t.cycleSessions), maintenance: n(t.maintenanceSessions), days: n(t.durationDays) });
            return [
                { range: at, command: { title: schedule, command: MesoServerCommands.Schedule, arguments: args } },
                { range: at, command: { title: locale.t('lens.compile'), command: MesoServerCommands.Compile, arguments: [document.uri.toString()] } },
                { range: at, command: { title: locale.t('lens.preview'), command: MesoServerCommands.Preview, arguments: args } }
            ];
        });
    }
}
