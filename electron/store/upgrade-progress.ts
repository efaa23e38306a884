/**
 * Where an upgrade is, for "Upgrading the database: <what>, <n> of <m>": the copy made first (version null), then
 * each pending step (`step` of `steps`), with `done` of `total` <unit> while a long step reports them. Sent to
 * the renderer as the details of an `upgrading` answer (api/starting-api.ts).
 */
export interface UpgradeProgress {
  version: number | null;
  name: string;
  step: number;
  steps: number;
  done: number | null;
  total: number | null;
  unit: string | null;
}
