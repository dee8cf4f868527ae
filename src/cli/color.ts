import { styleText } from 'node:util';

/**
 * Whether text output is coloured, as no-color.org and Node define it, in this order:
 * `--no-color` and `--color` first (the user's own choice for this run); then `FORCE_COLOR`
 * as Node reads it (`0` or `false` turns colour off, any other value, the empty one
 * included, turns it on even when the output is not a terminal); then `NO_COLOR`, which turns
 * colour off when it is set to anything but the empty string (an empty `NO_COLOR=` does not,
 * as no-color.org says); then `TERM=dumb` (off); else colour on a terminal only.
 */
export function useColor(flag: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean): boolean {
    if (flag !== undefined) return flag;
    const force = env.FORCE_COLOR;
    if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
    if (env.TERM === 'dumb') return false;
    return isTTY;
}

type Style = 'red' | 'yellow' | 'cyan' | 'dim' | 'bold';

/**
 * `text` in a style, through Node's `util.styleText` (no escape sequences of our own). The
 * decision is `useColor`'s, so styleText is told not to check the stream itself: Node 22.13+
 * would otherwise look at process.stdout and the environment again (and Node 20's styleText
 * colours arrays of styles without checking). Without styleText (Node before 20.12), plain.
 */
export function paint(style: Style, text: string, color: boolean): string {
    if (!color || typeof styleText !== 'function') return text;
    return styleText(style, text, { validateStream: false });
}
