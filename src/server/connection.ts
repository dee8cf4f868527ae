import { format } from 'node:util';
import {
    createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageReader, StreamMessageWriter,
    type Connection, type MessageReader, type MessageWriter
} from 'vscode-languageserver/node';
import { FramingCheck } from './framing.js';
import { MessageGate } from './message-gate.js';

/**
 * The server's connection: stdio (`--stdio`, what Neovim, Helix and Emacs use) with the framing
 * checked, or Node IPC (`--node-ipc`, what the VS Code extension uses); every incoming message
 * passes the `MessageGate`. A framing error ends the process with a message on stderr and exit
 * code 1, so that the client notices and restarts the server (vscode-jsonrpc went silent instead).
 */
export function createMesoConnection(argv = process.argv.slice(2)): Connection {
    let reader: MessageReader;
    let writer: MessageWriter;
    const stdio = !argv.includes('--node-ipc');
    if (stdio) {
        const checked = process.stdin.pipe(new FramingCheck(problem => {
            process.stderr.write(`meso language server: framing error on stdin: ${problem}. Exiting so that the client restarts the server.\n`);
            process.exit(1);
        }));
        reader = new StreamMessageReader(checked);
        writer = new StreamMessageWriter(process.stdout);
    } else {
        reader = new IPCMessageReader(process);
        writer = new IPCMessageWriter(process);
    }
    const gate = new MessageGate(writer);
    const connection = createConnection(ProposedFeatures.all, reader, writer, { messageStrategy: gate });
    if (stdio) {
        redirectConsole(connection);
        // The client closed its end: nobody is left to serve (exit code as for `exit`).
        const ended = () => process.exit(gate.shutDown ? 0 : 1);
        process.stdin.on('end', ended);
        process.stdin.on('close', ended);
    }
    return connection;
}

/** On stdio, stdout is the protocol: console output goes to the client's log instead (as vscode-languageserver does for `--stdio`). */
function redirectConsole(connection: Connection): void {
    console.log = (...args: unknown[]) => connection.console.log(format(...args));
    console.info = (...args: unknown[]) => connection.console.info(format(...args));
    console.debug = (...args: unknown[]) => connection.console.log(format(...args));
    console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
    console.error = (...args: unknown[]) => connection.console.error(format(...args));
}
