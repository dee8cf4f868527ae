import { AstUtils, createParser, GrammarAST, isAstNode, LangiumParser, type AstNode, type LangiumCoreServices, type LexerResult, type ParseResult, type ParserOptions } from 'langium';

/** The parts of Langium's parser that `parse` uses and its typings keep private. */
interface ParserInternals {
    readonly nodeBuilder: { buildRootNode(input: string): unknown; addHiddenNodes(tokens: LexerResult['hidden']): void };
    lexerResult?: LexerResult;
    readonly wrapper: { input: LexerResult['tokens']; errors: ParseResult['parserErrors'] };
    doParse(rule: unknown): AstNode;
}

/**
 * Langium's parser with a cheaper last step. Langium's `parse` ends by setting `$container`,
 * `$containerProperty` and `$containerIndex` on every node with `Object.entries` and a closure
 * per node: about 12 % of all the memory a `meso check` of 1,000 protocols allocated, and
 * 0.13 s of its time (docs/performance.md). This `parse` is Langium 4.4's, step for
 * step, with that walk done by `linkContainers` below, which sets the same three fields.
 * It reaches members Langium keeps private: if they are not there (`hasParserInternals`), it
 * runs Langium's own `parse`. test/language/parsing/meso-parser.test.ts fails if Langium's
 * `parse` changes, so that this copy is looked at again (docs/langium-overrides.md).
 */
export class MesoParser extends LangiumParser {
    private internalsChecked: boolean | undefined;

    constructor(services: LangiumCoreServices) {
        super(services);
        boundChildInsertion((this as unknown as { nodeBuilder?: unknown }).nodeBuilder);
    }

    /**
     * A keyword assigned to a property (`scope=('session' | 'day' ...)`, `kind='syringe'`) gets the
     * keyword's value, not the word written: `per giorno` is the scope `day`, as `per day` is
     * (Italian words: i18n/italian-keywords.ts). Langium assigns the token's image.
     */
    override consume(idx: number, tokenType: Parameters<LangiumParser['consume']>[1], feature: GrammarAST.AbstractElement): void {
        super.consume(idx, tokenType, feature);
        if (this.isRecording() || !GrammarAST.isKeyword(feature)) return;
        const assignment = AstUtils.getContainerOfType(feature, GrammarAST.isAssignment);
        if (!assignment || assignment.operator === '?=') return;
        const current = (this as unknown as { current: Record<string, unknown> }).current;
        const value = current[assignment.feature];
        if (typeof value === 'string' && value !== feature.value) current[assignment.feature] = feature.value;
        else if (Array.isArray(value) && typeof value.at(-1) === 'string' && value.at(-1) !== feature.value) value[value.length - 1] = feature.value;
    }

    override parse<T extends AstNode = AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        // A Langium release that renames these members costs this parse its saving, not its result.
        if (!(this.internalsChecked ??= hasParserInternals(this))) return super.parse(input, options);
        const self = this as unknown as ParserInternals;
        self.nodeBuilder.buildRootNode(input);
        const lexerResult = self.lexerResult = this.lexer.tokenize(input);
        self.wrapper.input = lexerResult.tokens;
        const ruleMethod = options.rule ? this.allRules.get(options.rule) : this.mainRule;
        if (!ruleMethod) {
            throw new Error(options.rule ? `No rule found with name '${options.rule}'` : 'No main rule available.');
        }
        const result = self.doParse(ruleMethod);
        self.nodeBuilder.addHiddenNodes(lexerResult.hidden);
        this.unorderedGroups.clear();
        self.lexerResult = undefined;
        linkContainers(result);
        return { value: result as T, lexerErrors: lexerResult.errors, lexerReport: lexerResult.report, parserErrors: self.wrapper.errors };
    }
}

/** Whether the private members `MesoParser.parse` uses are there, as Langium 4.4 has them. */
export function hasParserInternals(parser: LangiumParser): boolean {
    const p = parser as unknown as Partial<ParserInternals>;
    return typeof p.doParse === 'function' && typeof p.nodeBuilder?.buildRootNode === 'function'
        && typeof p.nodeBuilder.addHiddenNodes === 'function' && typeof p.wrapper === 'object' && p.wrapper !== null
        && 'input' in p.wrapper && 'errors' in p.wrapper;
}

/** Langium's `createLangiumParser`, building a `MesoParser`. */
export function createMesoParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new MesoParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/** `AstUtils.linkContentToContainer(node, { deep: true })` without a pair array or closure per node. */
export function linkContainers(node: AstNode): void {
    const fields = node as unknown as Record<string, unknown>;
    for (const name in fields) {
        if (name.charCodeAt(0) === 36 /* $ */) continue;
        const value = fields[name];
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const item: unknown = value[index];
                if (!isAstNode(item)) continue;
                const mutable = item as { $container: AstNode; $containerProperty: string; $containerIndex: number };
                mutable.$container = node;
                mutable.$containerProperty = name;
                mutable.$containerIndex = index;
                linkContainers(item);
            }
        } else if (isAstNode(value)) {
            const mutable = value as { $container: AstNode; $containerProperty: string };
            mutable.$container = node;
            mutable.$containerProperty = name;
            linkContainers(value);
        }
    }
}

/** How many nodes one call of `push` or `splice` takes: far below V8's limit on arguments. */
const CHUNK = 4096;

/**
 * Langium's CstNodeBuilder hands a run of hidden tokens to one call, `push(...nodes)` or
 * `splice(index, 0, ...nodes)`: each node is an argument on the stack, so a file of 130,000
 * comment lines overflowed it (`RangeError: Maximum call stack size exceeded at insertChildren`).
 * These two methods do the same in bounded chunks. Without them (another Langium), the parse is
 * Langium's own (docs/langium-overrides.md).
 */
export function boundChildInsertion(builder: unknown): void {
    type Node = { container?: unknown };
    type Parent = { content: Node[] };
    const b = builder as Partial<Record<'appendChildren' | 'insertChildren', (parent: Parent, ...rest: never[]) => void>> | undefined;
    if (typeof b?.appendChildren !== 'function' || typeof b.insertChildren !== 'function') return;
    b.appendChildren = (parent: Parent, children: Node[]) => {
        for (const child of children) child.container = parent;
        if (parent.content.length === 0) parent.content = children.slice();
        else for (let i = 0; i < children.length; i += CHUNK) parent.content.push(...children.slice(i, i + CHUNK));
    };
    b.insertChildren = (parent: Parent, index: number, children: Node[]) => {
        for (const child of children) child.container = parent;
        for (let i = 0; i < children.length; i += CHUNK) parent.content.splice(index + i, 0, ...children.slice(i, i + CHUNK));
    };
}
