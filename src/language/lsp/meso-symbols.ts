import type { AstNode, AstNodeDescription, CstNode, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider, DefaultNodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import {
    AreaClause, Condition, Layer, Region, Mixture, Patient, Phase, Product, Protocol, Session, Substance, SubstanceClass, Technique, isAliasesClause, isCondition, isSubstance
} from '../generated/ast.js';

/** Symbol and completion kinds of each kind of declaration (the semantic tokens use the same picture). */
const KINDS: Record<string, [SymbolKind, CompletionItemKind]> = {
    [Protocol.$type]: [SymbolKind.Namespace, CompletionItemKind.Module],
    [Mixture.$type]: [SymbolKind.Struct, CompletionItemKind.Struct],
    [Technique.$type]: [SymbolKind.Method, CompletionItemKind.Method],
    [Session.$type]: [SymbolKind.Event, CompletionItemKind.Event],
    [Phase.$type]: [SymbolKind.Key, CompletionItemKind.Value],
    [Substance.$type]: [SymbolKind.Function, CompletionItemKind.Function],
    [Product.$type]: [SymbolKind.Package, CompletionItemKind.Module],
    [SubstanceClass.$type]: [SymbolKind.Class, CompletionItemKind.Class],
    [Condition.$type]: [SymbolKind.EnumMember, CompletionItemKind.EnumMember],
    [Layer.$type]: [SymbolKind.Enum, CompletionItemKind.Enum],
    [Patient.$type]: [SymbolKind.Object, CompletionItemKind.Variable],
    [AreaClause.$type]: [SymbolKind.Field, CompletionItemKind.Field],
    [Region.$type]: [SymbolKind.EnumMember, CompletionItemKind.EnumMember]
};

function typeOf(node: AstNode | AstNodeDescription): string {
    return '$type' in node ? node.$type : node.type;
}

/** Langium gives every symbol the kind Field: Meso's declarations get kinds of their own. */
export class MesoNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return KINDS[typeOf(node)]?.[0] ?? super.getSymbolKind(node);
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return KINDS[typeOf(node)]?.[1] ?? super.getCompletionItemKind(node);
    }
}

/** Langium's outline, with a declaration's aliases (or else its title) as the symbol's detail. */
export class MesoDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override createSymbol(document: LangiumDocument, astNode: AstNode, cstNode: CstNode, nameNode: CstNode, computedName?: string): DocumentSymbol {
        const symbol = super.createSymbol(document, astNode, cstNode, nameNode, computedName);
        const detail = detailOf(astNode);
        return detail ? { ...symbol, detail } : symbol;
    }
}

function detailOf(node: AstNode): string | undefined {
    const aliases = isSubstance(node) ? node.clauses.filter(isAliasesClause).flatMap(c => c.names)
        : isCondition(node) ? node.aliases : [];
    if (aliases.length > 0) return `aliases: ${aliases.join(', ')}`;
    const title = (node as { title?: unknown }).title ?? (node.$type === AreaClause.$type ? (node as AreaClause).area : undefined);
    return typeof title === 'string' && title ? title : undefined;
}
