import type { ValidationChecks } from 'langium';
import type { MesoAstType } from '../generated/ast.js';
import type { MesoServices } from '../meso-module.js';
import { AreaChecks } from './rules/area-checks.js';
import { CareChecks } from './rules/care-checks.js';
import { CombinationChecks } from './rules/combination-checks.js';
import { DoseChecks } from './rules/dose-checks.js';
import { ProductChecks } from './rules/product-checks.js';
import { PatientChecks } from './rules/patient-checks.js';
import { PatientFactsChecks } from './rules/patient-facts-checks.js';
import { ScheduleChecks } from './rules/schedule-checks.js';
import { ScopingChecks } from './rules/scoping-checks.js';
import { TechniqueChecks } from './rules/technique-checks.js';
import { checkLimitValueUnit, checkQuantityUnit } from './rules/unit-checks.js';
import { checkMembersShouldBeUsed } from './rules/usage-checks.js';
import { valueChecks } from './rules/value-checks.js';

/** Maps AST types to the checks that run on them. */
export function registerValidationChecks(services: MesoServices): void {
    const registry = services.validation.ValidationRegistry;
    const scoping = new ScopingChecks(services);
    const doses = new DoseChecks(services);
    const combinations = new CombinationChecks(services);
    const techniques = new TechniqueChecks(services);
    const schedules = new ScheduleChecks(services);
    const patients = new PatientChecks(services);
    const patientFacts = new PatientFactsChecks(services);
    const areas = new AreaChecks(services);
    const products = new ProductChecks(services);
    const care = new CareChecks(services);
    const checks: ValidationChecks<MesoAstType> = {
        Import: (n, a) => scoping.checkImportMustResolve(n, a),
        Model: (n, a) => scoping.checkNamesMustBeUnique(n, a),
        Protocol: [
            (n, a) => scoping.checkMemberNamesMustBeUnique(n, a),
            (n, a) => doses.checkDosesMustStayUnderCaps(n, a),
            (n, a) => combinations.checkSessionsMustAvoidInteractions(n, a),
            (n, a) => techniques.checkTechniques(n, a),
            (n, a) => schedules.checkSchedule(n, a),
            (n, a) => areas.checkAreas(n, a),
            (n, a) => care.checkCare(n, a),
            valueChecks.checkScheduleMustBeBounded,
            valueChecks.checkPhasesMustHaveIntervals,
            checkMembersShouldBeUsed
        ],
        Patient: [
            (n, a) => doses.checkPatientDosesMustStayUnderCaps(n, a),
            (n, a) => patients.checkPatient(n, a),
            (n, a) => patientFacts.checkPatientFacts(n, a)
        ],
        Mixture: (n, a) => combinations.checkMixtureShouldNotHaveTooManySubstances(n, a),
        Component: [
            (n, a) => combinations.checkComponentMustNotBeWithdrawn(n, a),
            (n, a) => products.checkComponentOfProduct(n, a)
        ],
        Ingredient: (n, a) => products.checkIngredientStrengthMustSayPerWhat(n, a),
        AreaClause: (n, a) => areas.checkAreaSizeMustBePositive(n, a),
        Quantity: checkQuantityUnit,
        LimitValue: checkLimitValueUnit,
        Phase: valueChecks.checkPhaseCountMustBeWhole,
        PointsSetting: valueChecks.checkPointsMustBeWhole,
        MaxSessionsClause: valueChecks.checkMaxSessionsMustBeWhole,
        MaxPointsClause: valueChecks.checkMaxPointsMustBeWhole,
        MaxConsecutiveClause: valueChecks.checkMaxConsecutiveMustCountDaysOrWeeks,
        SubstanceClass: valueChecks.checkClassClausesMustApplyToMembers,
        DeviceSetting: valueChecks.checkDeviceNeedlesMustBeWhole,
        NeedleSetting: valueChecks.checkGaugeMustBeInRange,
        FollowsFact: valueChecks.checkFollowDateMustExist,
        SkinTestResult: valueChecks.checkSkinTestDateMustExist
    };
    registry.register(checks);
}
