// ucum-lhc ships no type declarations; the tests use one function of it.
declare module '@lhncbc/ucum-lhc' {
    const ucum: { UcumLhcUtils: { getInstance(): { validateUnitString(unit: string): { status: string } } } };
    export default ucum;
}
