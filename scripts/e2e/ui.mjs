// Playwright helpers for driving VS Code's workbench (code-server) with the keyboard and mouse.
import { setTimeout as sleep } from 'node:timers/promises';

export const EDITOR = '.part.editor .editor-instance .monaco-editor';

/** Waits for the workbench and for the explorer to list `fileName` (the folder is open). */
export async function waitForWorkbench(page, fileName, timeout = 90_000) {
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    await page.locator('.explorer-folders-view').getByText(fileName, { exact: true }).first().waitFor({ state: 'visible', timeout });
}

async function focusWorkbench(page) {
    // Closes whatever quick input or widget is open; the workbench keeps the keyboard focus.
    await page.keyboard.press('Escape');
}

/** Focuses the editor (View: Focus First Editor Group, Ctrl+1) without clicking into it. */
export async function focusEditor(page) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+1');
    await page.locator(`${EDITOR}.focused`).first().waitFor({ state: 'visible', timeout: 10_000 });
}

/** Quick Open (Ctrl+P), type the file name, click its row; waits for its tab to be active. */
export async function openFile(page, fileName, timeout = 30_000) {
    const deadline = Date.now() + timeout;
    let lastError;
    let step = '';
    for (let attempt = 1; attempt <= 3 && Date.now() < deadline; attempt++) {
        try {
            await focusWorkbench(page);
            step = 'Quick Open input';
            await page.keyboard.press('Control+P');
            const input = page.locator('.quick-input-widget .quick-input-box input');
            await input.waitFor({ state: 'visible', timeout: 10_000 });
            await input.fill(fileName);
            step = 'the file in the Quick Open list';
            // Click the file's own row: Enter would take the first row, which may still be a
            // recently opened file while the list filters.
            const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: fileName }).first();
            await row.waitFor({ state: 'visible', timeout: 10_000 });
            await row.click();
            step = 'its tab active';
            await page.locator('.part.editor .tabs-container .tab.active', { hasText: fileName })
                .waitFor({ state: 'visible', timeout: Math.max(1000, deadline - Date.now()) });
            await page.locator(EDITOR).first().waitFor({ state: 'visible', timeout: 10_000 });
            return;
        } catch (e) {
            lastError = e;
            await page.keyboard.press('Escape').catch(() => {});
            await sleep(500);
        }
    }
    throw new Error(`could not open ${fileName} with Quick Open (waiting for ${step}): ${lastError?.message?.split('\n')[0]}`);
}

/** Puts the cursor at line:column (1-based) with Go to Line (Ctrl+G); checks the status bar. */
export async function goToLine(page, line, column = 1) {
    await focusEditor(page);
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${line}:${column}`);
    await sleep(200);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
    const status = page.locator('.statusbar-item[id="status.editor.selection"]');
    await status.filter({ hasText: `Ln ${line}, Col ${column}` }).waitFor({ state: 'visible', timeout: 10_000 });
}

/** The text of every visible element matching `selector`, trimmed. */
export async function texts(locator) {
    return (await locator.allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** Runs a command by its title from the Command Palette (Ctrl+Shift+P), from the editor unless `focus` is false. */
export async function runCommand(page, title, { focus = true } = {}) {
    if (focus) await focusEditor(page);
    else await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
        throw new Error(`the Command Palette does not list '${title}'`);
    });
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Waits for a notification toast containing `text`; returns its text. */
export async function notification(page, text, timeout = 30_000) {
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout }).catch(async () => {
        const shown = await texts(page.locator('.notifications-toasts .notification-toast')).catch(() => []);
        throw new Error(`no notification with '${text}' (shown: ${shown.join(' | ') || 'none'})`);
    });
    return (await texts(toast))[0];
}
