import { stream, ValidationRegistry, type Stream, type ValidationCategory, type ValidationCheck, type ValidationChecks } from 'langium';

/**
 * Langium's registry with two costs taken out of the per-node loop of validation:
 * - a check is wrapped in an `async` function, so every check on every node made two
 *   promises and a microtask hop even though Meso's checks are synchronous; here a check
 *   that returns normally costs a plain call (errors and promises still go through
 *   Langium's `handleException`, so a failing check reports the same diagnostic);
 * - the checks of a node type were a new filtered stream per node; here they are an array
 *   computed once per type and set of categories.
 */
export class MesoValidationRegistry extends ValidationRegistry {
    private readonly checkArrays = new Map<string, readonly ValidationCheck[]>();

    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        const context = 'An error occurred during validation';
        return (node, accept, cancelToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (err) {
                return this.handleException(() => { throw err; }, context, accept, node);
            }
            if (result instanceof Promise) return this.handleException(() => result as Promise<void>, context, accept, node);
            return undefined;
        };
    }

    override register<T>(checksRecord: ValidationChecks<T>, thisObj?: ThisParameterType<unknown>, category?: ValidationCategory): void {
        this.checkArrays.clear();
        super.register(checksRecord, thisObj, category);
    }

    /** The checks of a node type in the given categories (all without), as a cached array. */
    checksOf(type: string, categories?: ValidationCategory[]): readonly ValidationCheck[] {
        const key = categories ? `${type}|${categories.join()}` : type;
        let checks = this.checkArrays.get(key);
        if (!checks) this.checkArrays.set(key, checks = super.getChecks(type, categories).toArray());
        return checks;
    }

    override getChecks(type: string, categories?: ValidationCategory[]): Stream<ValidationCheck> {
        return stream(this.checksOf(type, categories));
    }
}
