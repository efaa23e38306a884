import { isAppUrl } from './navigation-policy';

/**
 * The API handler serves only frames showing the app itself. If a frame ever ended up
 * on another origin (a bug, or a navigation we failed to block), it must not be able
 * to read or change the organization's data. The frame URL is checked on every call,
 * because a frame can navigate after the window is created.
 */
export function isTrustedSender(senderFrameUrl: string | null | undefined, appOrigin: string): boolean {
  return isAppUrl(senderFrameUrl, appOrigin);
}
