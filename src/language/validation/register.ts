import type { ValidationChecks } from 'langium';
import type { MesoAstType } from '../generated/ast.js';
import type { MesoServices } from '../meso-module.js';
import { ScopingChecks } from './scoping-checks.js';
import { checkLimitValueUnit, checkQuantityUnit } from './unit-checks.js';
import { valueChecks } from './value-checks.js';

/** Maps AST types to the checks that run on them. */
export function registerValidationChecks(services: MesoServices): void {
    const registry = services.validation.ValidationRegistry;
    const scoping = new ScopingChecks(services);
    const checks: ValidationChecks<MesoAstType> = {
        Import: (n, a) => scoping.checkImportMustResolve(n, a),
        Model: (n, a) => scoping.checkNamesMustBeUnique(n, a),
        Protocol: (n, a) => scoping.checkMemberNamesMustBeUnique(n, a),
        Quantity: checkQuantityUnit,
        LimitValue: checkLimitValueUnit,
        Phase: valueChecks.checkPhaseCountMustBeWhole,
        PointsSetting: valueChecks.checkPointsMustBeWhole,
        MaxSessionsClause: valueChecks.checkMaxSessionsMustBeWhole,
        DeviceSetting: valueChecks.checkDeviceNeedlesMustBeWhole,
        NeedleSetting: valueChecks.checkGaugeMustBeInRange,
        FollowsFact: valueChecks.checkFollowDateMustExist,
        SkinTestResult: valueChecks.checkSkinTestDateMustExist
    };
    registry.register(checks);
}
