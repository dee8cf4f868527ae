import type { AstNode } from 'langium';
import { AbstractFormatter } from 'langium/lsp';

/** Canonical layout of `.meso` files. */
export class MesoFormatter extends AbstractFormatter {
    protected format(_node: AstNode): void {
        // Filled in by the formatter work (issue #5).
    }
}
