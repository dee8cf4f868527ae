// ucum-lhc ships no type declarations; the tests use one function of it.
declare module '@lhncbc/ucum-lhc' {
    const ucum: { UcumLhcUtils: { getInstance(): { validateUnitString(unit: string): { status: string } } } };
    export default ucum;
}

// js-yaml ships no type declarations; the CI tests parse action.yml and the README's snippets.
declare module 'js-yaml' {
    const yaml: { load(text: string): unknown };
    export default yaml;
}
