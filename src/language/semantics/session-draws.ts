import type { Product } from '../generated/ast.js';
import { add, sumKnown, type Span } from '../units/span.js';
import { delivered } from './dose-share.js';
import type { MixtureFacts } from './mixture-facts.js';
import type { InjectFacts } from './protocol-semantics.js';

/**
 * What a session takes from its mixtures and products: the volume drawn from each mixture over
 * all its injects (a mixture is prepared once per session, unless `prepared per inject`), and
 * the volume of each product injected.
 */

/** What one session draws from one mixture, over all its injects (syringe accounting). */
export interface MixtureDraw {
    readonly mixture: MixtureFacts;
    readonly injects: InjectFacts[];
    /** The sum of what they draw, mL; undefined when one of them is unknown. */
    readonly volume?: Span;
}

/** The volume of one product a session injects (its share of every mixture that holds it). */
export interface ProductDelivery {
    readonly product: Product;
    /** mL; undefined when a share cannot be worked out. */
    readonly volume?: Span;
}

export function mixtureDraws(injects: InjectFacts[]): MixtureDraw[] {
    const byMixture = new Map<MixtureFacts, InjectFacts[]>();
    for (const i of injects) if (i.mixture) byMixture.set(i.mixture, [...byMixture.get(i.mixture) ?? [], i]);
    return [...byMixture].map(([mixture, list]) => ({ mixture, injects: list, volume: sumKnown(list.map(i => i.injectedVolume)) }));
}

export function productDeliveries(injects: InjectFacts[]): ProductDelivery[] {
    const volumes = new Map<Product, Span | undefined>();
    for (const i of injects) {
        for (const c of i.mixture?.components ?? []) {
            if (!c.product) continue;
            // The component's share of what is drawn, at both ends (its own volume is the part).
            const share = !i.mixture!.unreadable && i.draw && c.volume
                ? delivered([{ component: c.component, amount: c.volume, volumeAtLow: c.volume.low, volumeAtHigh: c.volume.high }], i.mixture!, i.draw)
                : undefined;
            if (!volumes.has(c.product)) { volumes.set(c.product, share); continue; }
            const before = volumes.get(c.product);
            volumes.set(c.product, before && share ? add(before, share) : undefined);
        }
    }
    return [...volumes].map(([product, volume]) => ({ product, volume }));
}
