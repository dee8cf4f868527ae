import { CstUtils, DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/** Multi-word datatype rules whose value keeps its spaces: `volume per point`, not `volumeperpoint`. */
const SPACED_RULES = new Set(['Metric', 'SessionsPerCycle', 'VolumePerPoint', 'VolumePerSession', 'NeedleLength',
    'ActiveSubstancesPerMixture', 'PointsPerSession', 'AreaPerSession']);

export class MesoValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (SPACED_RULES.has(rule.name)) {
            return CstUtils.flattenCst(cstNode).filter(n => !n.hidden).map(n => n.text).join(' ');
        }
        return super.runConverter(rule, input, cstNode);
    }
}
