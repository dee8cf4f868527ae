import { Transform, type TransformCallback } from 'node:stream';

/** The largest message accepted: V8 cannot hold a longer string, so a larger one could never be parsed. */
export const MAX_MESSAGE_BYTES = 512 * 1024 * 1024 - 64;
/** Real headers are under 100 bytes (`Content-Length` and maybe `Content-Type`). */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_LINE = /^[!#-'*+.0-9A-Z^-z|~-]+:[ \t]*[\x20-\x7e]*$/;

/**
 * Checks the LSP base protocol framing of what the client sends (`Content-Length: N\r\n\r\n`
 * then N bytes) and passes the bytes on untouched. vscode-jsonrpc, given binary, a length of
 * 10^12, a negative or non-numeric length or a header without one, stops answering and never
 * says so: the client cannot tell that it should restart the server. `onError` is called once,
 * with what was wrong, and nothing after the bad bytes is passed on.
 */
export class FramingCheck extends Transform {
    private header: number[] = [];
    private bodyLeft = 0;
    private failed = false;

    constructor(private readonly onError: (message: string) => void) {
        super();
    }

    override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
        if (this.failed) return done();
        let i = 0;
        while (i < chunk.length) {
            if (this.bodyLeft > 0) {
                const take = Math.min(this.bodyLeft, chunk.length - i);
                this.bodyLeft -= take;
                i += take;
                continue;
            }
            const byte = chunk[i++];
            if (byte !== 0x0d && byte !== 0x0a && byte !== 0x09 && (byte < 0x20 || byte > 0x7e)) {
                return this.fail(`byte 0x${byte.toString(16).padStart(2, '0')} in a message header (binary data, or a body longer than its Content-Length)`, done);
            }
            this.header.push(byte);
            if (this.header.length > MAX_HEADER_BYTES) return this.fail(`a message header longer than ${MAX_HEADER_BYTES} bytes`, done);
            const n = this.header.length;
            if (n >= 4 && this.header[n - 4] === 0x0d && this.header[n - 3] === 0x0a && this.header[n - 2] === 0x0d && this.header[n - 1] === 0x0a) {
                const problem = this.readHeader(Buffer.from(this.header).toString('ascii', 0, n - 4));
                if (problem) return this.fail(problem, done);
                this.header = [];
            }
        }
        done(null, chunk);
    }

    /** Sets the body length from a complete header block; returns what is wrong with it, if anything. */
    private readHeader(block: string): string | undefined {
        let length: string | undefined;
        for (const line of block.split('\r\n')) {
            if (!HEADER_LINE.test(line)) return `a malformed header line ${JSON.stringify(line.slice(0, 80))}`;
            const colon = line.indexOf(':');
            if (line.slice(0, colon).toLowerCase() === 'content-length') length = line.slice(colon + 1).trim();
        }
        if (length === undefined) return `a message header without Content-Length (${JSON.stringify(block.slice(0, 80))})`;
        if (!/^\d{1,12}$/.test(length)) return `Content-Length ${JSON.stringify(length.slice(0, 40))} is not a number of bytes`;
        const bytes = Number(length);
        if (bytes > MAX_MESSAGE_BYTES) return `Content-Length ${bytes} is over the limit of ${MAX_MESSAGE_BYTES} bytes`;
        this.bodyLeft = bytes;
        return undefined;
    }

    private fail(message: string, done: TransformCallback): void {
        this.failed = true;
        done();
        this.onError(message);
    }
}
