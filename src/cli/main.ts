import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { errorCode, fsReason } from '../files/fs-errors.js';
import { checkWorker, type CheckWorkerData } from './check-files.js';
import { runMeso } from './program.js';

// The only place that touches the process: everything else returns an exit code.

// stdout closed by its reader (`meso check . | head -1`): stop writing and exit quietly with
// the run's own code. Any other failure to write it (a full disk, /dev/full): one line, exit 2.
// Never Node's "Unhandled 'error' event" with a stack trace.
let stdoutClosed = false;
let stdoutFailed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (errorCode(e) === 'EPIPE') {
        stdoutClosed = true;
        return;
    }
    if (!stdoutFailed) process.stderr.write(`meso: cannot write the output: ${fsReason(e)}.\n`);
    stdoutFailed = true;
    process.exitCode = 2;
});
process.stderr.on('error', () => undefined);

const out = (s: string) => {
    if (!stdoutClosed && !stdoutFailed) process.stdout.write(s);
};

/** Standard input to its end, or to just past `maxBytes` (then the caller refuses it as too large). */
async function readStdin(maxBytes: number): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        length += chunk.length;
        if (length > maxBytes) break;
    }
    return Buffer.concat(chunks);
}

const worker = isMainThread ? undefined : (workerData as { mesoCheckWorker?: CheckWorkerData } | undefined)?.mesoCheckWorker;
if (worker) {
    // A thread of `meso check --concurrency`: check its part and answer.
    void checkWorker(worker, message => parentPort!.postMessage(message));
} else {
    // This entry (bin/meso.cjs, or out/cli.cjs run directly) is what the worker threads run.
    runMeso(process.argv.slice(2), { out, err: s => process.stderr.write(s), isTTY: process.stdout.isTTY, readStdin, workerScript: process.argv[1] })
        .then(code => { process.exitCode = stdoutFailed ? 2 : code; });
}
