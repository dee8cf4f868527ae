import { CstUtils, DefaultValueConverter, GrammarAST, type CstNode, type ValueType } from 'langium';

/** Multi-word datatype rules whose value keeps its spaces: `volume per point`, not `volumeperpoint`. */
const SPACED_RULES = new Set(['Metric', 'SessionsPerCycle', 'VolumePerPoint', 'VolumePerSession', 'NeedleLength',
    'ActiveSubstancesPerMixture', 'PointsPerSession', 'AreaPerSession']);

export class MesoValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        // A keyword's own value, not the word written: `volume per punto` is the metric `volume per
        // point`, `avviso` the severity `warning` (Italian words: i18n/italian-keywords.ts).
        const words = () => CstUtils.flattenCst(cstNode).filter(n => !n.hidden).map(n => GrammarAST.isKeyword(n.grammarSource) ? n.grammarSource.value : n.text);
        if (SPACED_RULES.has(rule.name)) return words().join(' ');
        if (GrammarAST.isParserRule(rule)) return super.runConverter(rule, words().join(''), cstNode);
        return super.runConverter(rule, input, cstNode);
    }
}
