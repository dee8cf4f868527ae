// Node 20 lacks Object.groupBy / Map.groupBy, which chevrotain 13 (via langium 4.4) calls.
// Define them only when missing; VS Code's runtime and Node 22+ already have them.
if (typeof Object.groupBy !== 'function') {
    Object.groupBy = function groupBy(items, keyFn) {
        const result = Object.create(null);
        let index = 0;
        for (const item of items) {
            const key = keyFn(item, index++);
            (result[key] ??= []).push(item);
        }
        return result;
    };
}
if (typeof Map.groupBy !== 'function') {
    Map.groupBy = function groupBy(items, keyFn) {
        const result = new Map();
        let index = 0;
        for (const item of items) {
            const key = keyFn(item, index++);
            if (!result.has(key)) result.set(key, []);
            result.get(key).push(item);
        }
        return result;
    };
}
