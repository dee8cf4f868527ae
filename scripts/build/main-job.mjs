// The README's main job: build everything, check the bundled examples, package the .vsix,
// and say where the results are. Exits non-zero as soon as a step fails.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

function step(title, command, args) {
    console.log(`\n== ${title}`);
    const r = spawnSync(command, args, { stdio: 'inherit' });
    if (r.status !== 0) {
        console.error(`\n${title} failed (exit ${r.status}).`);
        process.exit(r.status || 1);
    }
}

step('Build (grammar, std library, bundles)', 'npm', ['run', '--silent', 'build']);
step('Check examples/', process.execPath, ['bin/meso.cjs', 'check', 'examples']);
// examples/it/ holds Italian twins of the English examples (same protocol names, byte-identical JSON),
// so they compile to a folder of their own.
step('Compile examples/ to out/json/', process.execPath, ['bin/meso.cjs', 'compile', 'examples', '--ignore-pattern', 'examples/it/**', '--out-dir', 'out/json']);
step('Compile examples/it/ to out/json/it/', process.execPath, ['bin/meso.cjs', 'compile', 'examples/it', '--out-dir', 'out/json/it']);
step('Package the VS Code extension', 'npm', ['run', '--silent', 'package']);

const kb = f => `${Math.round(statSync(f).size / 1024)} KB`;
console.log(`
Done.
  CLI:        bin/meso.cjs (node bin/meso.cjs check <files or folders>; --help for more)
  JSON:       out/json/ (one <id>.json per protocol, <id>.plan.json per patient)
  Server:     out/server.cjs (${kb('out/server.cjs')})
  Extension:  out/meso.vsix (${kb('out/meso.vsix')}); install with: code --install-extension out/meso.vsix`);
