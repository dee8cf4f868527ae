import * as vscode from 'vscode';
import { firstLocale, localeOf, type Locale } from '../language/i18n/locale.js';

/** The language of the extension's own messages: the `meso.locale` setting, else VS Code's display language. */
export function extensionLocale(): Locale {
    return localeOf(vscode.workspace.getConfiguration('meso').get<string>('locale', 'auto')) ?? firstLocale(vscode.env.language);
}
