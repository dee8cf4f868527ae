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

/** Quick Open (Ctrl+P), type the file name, Enter; waits for its tab to be active. */
export async function openFile(page, fileName, timeout = 30_000) {
    const deadline = Date.now() + timeout;
    let lastError;
    for (let attempt = 1; attempt <= 3 && Date.now() < deadline; attempt++) {
        try {
            await focusWorkbench(page);
            await page.keyboard.press('Control+P');
            const input = page.locator('.quick-input-widget .quick-input-box input');
            await input.waitFor({ state: 'visible', timeout: 10_000 });
            await input.fill(fileName);
            await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: fileName }).first()
                .waitFor({ state: 'visible', timeout: 10_000 });
            await page.keyboard.press('Enter');
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
    throw new Error(`could not open ${fileName} with Quick Open: ${lastError?.message?.split('\n')[0]}`);
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
