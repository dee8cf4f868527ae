import { AstUtils, type AstNode, type Reference } from 'langium';
import type { LangiumDocument } from 'langium';
import { isModel, isPatient, isProfile, isProfileClause, isProtocol, type Profile, type Protocol } from '../generated/ast.js';
import type { MesoProjectSettings } from '../workspace/project-settings.js';

/**
 * Rule profiles (docs/language.md, "Profiles"). A rule tagged `under P` applies only under
 * profile P and there replaces the untagged rule of the same kind; untagged rules apply under
 * every profile. The default profile is `label` (the regulatory labels).
 */
export const DEFAULT_PROFILE = 'label';

/** A rule that may be tagged `under <profile>, …`. */
export interface ProfileTagged {
    readonly profiles?: ReadonlyArray<Reference<Profile>>;
}

function tagsOf(rule: ProfileTagged): ReadonlyArray<Reference<Profile>> {
    return rule.profiles ?? [];
}

/** The profile names a rule is tagged with (none: it applies under every profile). */
export function profileNamesOf(rule: ProfileTagged): string[] {
    return tagsOf(rule).map(r => r.ref?.name ?? r.$refText);
}

/** Whether a tagged rule is for `profile`. */
export function isForProfile(rule: ProfileTagged, profile: string): boolean {
    return tagsOf(rule).length > 0 && profileNamesOf(rule).includes(profile);
}

/**
 * The rules in force under `profile` among rules of one declaration level: those tagged for it,
 * first, then the untagged ones whose every key no rule tagged for it replaces. Rules tagged for
 * other profiles are left out.
 */
export function selectForProfile<T extends ProfileTagged>(rules: readonly T[], profile: string, keysOf: (rule: T) => readonly string[]): T[] {
    const tagged = rules.filter(r => isForProfile(r, profile));
    const replaced = new Set(tagged.flatMap(keysOf));
    const untagged = rules.filter(r => tagsOf(r).length === 0 && !keysOf(r).every(k => replaced.has(k)));
    return [...tagged, ...untagged];
}

/** The profile a protocol names (`profile sfm-fr`), if it names one. */
export function protocolProfileOf(protocol: Protocol): string | undefined {
    const clause = protocol.members.find(isProfileClause);
    return clause ? clause.profile.ref?.name ?? clause.profile.$refText : undefined;
}

/** Where the profile in force comes from, for `meso rules`. */
export type ProfileOrigin = 'protocol' | 'config' | 'default';

/** The profile a protocol is judged under: its own, else its project's, else `label`. */
export function profileInForce(protocol: Protocol, settings: MesoProjectSettings | undefined): { name: string; origin: ProfileOrigin } {
    const own = protocolProfileOf(protocol);
    if (own) return { name: own, origin: 'protocol' };
    const configured = settings && documentProfile(protocol, settings);
    if (configured) return { name: configured, origin: 'config' };
    return { name: DEFAULT_PROFILE, origin: 'default' };
}

/** The project profile of the document holding `node`, if its project sets one. */
export function documentProfile(node: AstNode, settings: MesoProjectSettings): string | undefined {
    const document = AstUtils.findRootNode(node).$document;
    return document ? settings.forDocument(document.uri)?.profile : undefined;
}

/** The profile for a node inside a protocol or a patient (a patient's is its protocol's). */
export function profileAt(node: AstNode, settings: MesoProjectSettings | undefined): string {
    const protocol = AstUtils.getContainerOfType(node, isProtocol);
    if (protocol) return profileInForce(protocol, settings).name;
    const patient = AstUtils.getContainerOfType(node, isPatient);
    const followed = patient?.facts.find(f => f.$type === 'FollowsFact');
    const followedProtocol = followed && 'protocol' in followed ? (followed.protocol as Reference<Protocol>).ref : undefined;
    if (followedProtocol) return profileInForce(followedProtocol, settings).name;
    return (settings && documentProfile(node, settings)) ?? DEFAULT_PROFILE;
}

/** The names of the profiles the documents declare, sorted. */
export function declaredProfiles(documents: readonly LangiumDocument[]): string[] {
    const names = documents.flatMap(d => {
        const root = d.parseResult.value;
        return isModel(root) ? root.elements.filter(isProfile).map(p => p.name) : [];
    });
    return [...new Set(names)].sort();
}
