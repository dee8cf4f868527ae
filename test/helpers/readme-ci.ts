import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './compile.js';

/** The fenced blocks of the README's "In CI" section, each with its language. */
export function readmeCiSnippets(): { readonly lang: string; readonly text: string }[] {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const start = readme.indexOf('\n### In CI\n');
    if (start < 0) throw new Error('README.md has no "### In CI" section');
    const end = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, end < 0 ? undefined : end);
    return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(m => ({ lang: m[1], text: m[2] }));
}

/** Who runs each snippet: the tests that exercise the README's CI section claim them here. */
export function classifyCiSnippet(text: string): 'workflow' | 'workflow-step' | 'pre-commit-config' | undefined {
    if (/^jobs:/m.test(text)) return 'workflow';
    if (/^repos:/m.test(text)) return 'pre-commit-config';
    if (/^\s*- uses: /.test(text)) return 'workflow-step';
    return undefined;
}
