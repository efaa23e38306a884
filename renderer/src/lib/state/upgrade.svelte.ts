import type { UpgradeProgress } from '$shared/store/upgrade-progress';

/**
 * The database upgrade the app waits for while it opens (the API answers `upgrading` with how far it is): shown by
 * UpgradeStatus, cleared by the first answer after it.
 */
class UpgradeState {
  progress = $state<UpgradeProgress | null>(null);
}

export const upgrade = new UpgradeState();
