import pkg from '../../package.json' with { type: 'json' };

const fields = pkg as { homepage?: string; repository?: string | { url?: string } };

/** The repository's web address, from package.json's `repository.url` (without `git+` and `.git`). */
export function repositoryUrl(): string {
    const url = typeof fields.repository === 'string' ? fields.repository : fields.repository?.url;
    return (url ?? 'https://example.invalid/meso').replace(/^git\+/, '').replace(/\.git$/, '');
}

/** The project's home page (`homepage`, else the repository): SARIF's `informationUri`. */
export function projectUrl(): string {
    return fields.homepage ?? repositoryUrl();
}

/** Where a diagnostic code is documented: its section of docs/diagnostics.md (GitHub's heading anchor): SARIF's `helpUri`. */
export function diagnosticDocsUrl(code: string): string {
    return `${repositoryUrl()}/blob/main/docs/diagnostics.md#${code}`;
}
