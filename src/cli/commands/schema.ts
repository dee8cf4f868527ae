import schema from '../../compiler/meso-schema.json' with { type: 'json' };
import { ExitCode } from '../exit-codes.js';

/** `meso schema`: prints the JSON Schema (draft 2020-12) of meso-protocol and meso-plan. */
export function schemaCommand(write: (text: string) => void): ExitCode {
    write(JSON.stringify(schema, null, 4) + '\n');
    return ExitCode.Ok;
}
