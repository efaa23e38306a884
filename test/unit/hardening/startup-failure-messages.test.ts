import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissingKeyError, SecretBoxError } from '../../../electron/security/secret-box';
import { startupFailureMessage } from '../../../electron/shell/startup-failure';
import { acquireDatabaseLock } from '../../../electron/store/database-lock';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

function failureOf(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** Findings 3, 4 and 10: the desktop app's start-up dialog names the file and the way out, in the system's language. */
describe('the message when Flow Admin cannot start', () => {
  it('names the database, the program holding it and the lock file, in English and Norwegian', () => {
    const database = path.join(tempDir(), 'flow-admin.db');
    const held = acquireDatabaseLock(database, 'browser mode (npm run web)');
    const error = failureOf(() => acquireDatabaseLock(database, 'the desktop app'));
    held.release();

    const en = startupFailureMessage(error, 'en');
    expect(en.title).toBe('Flow Admin could not start');
    expect(en.body).toContain(
      `${database} is already open in Flow Admin: browser mode (npm run web), process ${process.pid} on this computer`,
    );
    const nb = startupFailureMessage(error, 'nb');
    expect(nb.title).toBe('Flow Admin kunne ikke starte');
    expect(nb.body).toContain(
      `${database} er allerede åpen i Flow Admin: nettlesermodus (npm run web), prosess ${process.pid} på denne datamaskinen`,
    );
    expect(nb.body).toContain(`Hvis ingen Flow Admin kjører, slett ${database}.lock.`);
  });

  it('says which key file is missing, how many secrets need it, and where to restore it from', () => {
    const error = new MissingKeyError('/home/ada/.config/Flow Admin/flow-admin.key', 3);
    expect(startupFailureMessage(error, 'en').body).toContain(
      'The key file /home/ada/.config/Flow Admin/flow-admin.key is missing, and this database holds 3 secrets',
    );
    expect(startupFailureMessage(error, 'nb').body).toBe(
      'Nøkkelfilen /home/ada/.config/Flow Admin/flow-admin.key mangler, og databasen har 3 hemmeligheter låst med den (tilkoblingsnøkler, signeringsnøkler for apper). ' +
        'Hent flow-admin.key fra sikkerhetskopien din av /home/ada/.config/Flow Admin og start igjen. Flow Admin lager ikke en ny nøkkel så lenge låste hemmeligheter finnes: de kunne aldri åpnes igjen.',
    );
  });

  it("passes on the keychain's reason, and calls anything else unexpected with its own text", () => {
    const keychain = new SecretBoxError('the keychain is locked');
    expect(startupFailureMessage(keychain, 'nb').body).toBe(
      'Nøkkelen som låser de lagrede hemmelighetene kan ikke brukes nå: the keychain is locked',
    );
    expect(startupFailureMessage(new Error('EMFILE: too many open files'), 'en')).toEqual({
      title: 'Flow Admin could not start',
      body: 'An unexpected error: EMFILE: too many open files',
    });
  });
});
