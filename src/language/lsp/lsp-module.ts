import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { MesoServices } from '../meso-module.js';
import { MesoFormatter } from './meso-formatter.js';

/** The editor features of Meso on top of Langium's defaults. */
export const MesoLspModule: Module<MesoServices, PartialLangiumServices> = {
    lsp: {
        Formatter: () => new MesoFormatter()
    }
};
