import { afterEach, describe, expect, test } from 'vitest';
import { PROTOCOL_TEMPLATE } from '../../src/extension/protocol-template.js';
import { buildFile, createTestServices, describeDiagnostics, reset } from '../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

describe('Meso: New Protocol', () => {
    test('the template checks clean: no error, no warning', async () => {
        const doc = await buildFile(services, PROTOCOL_TEMPLATE, 'template.meso');
        expect((doc.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2), describeDiagnostics(doc)).toEqual([]);
        expect(doc.parseResult.value.$type).toBe('Model');
    });
});
