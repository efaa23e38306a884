import os from 'node:os';
import path from 'node:path';
import { MissingKeyError, SecretBoxError } from '../security/secret-box';
import { DatabaseLockedError } from '../store/database-lock';
import { StartupError, startupMessage } from '../store/startup-check';

export type StartupLanguage = 'en' | 'nb';

/**
 * What the desktop app's error dialog says when Flow Admin cannot start, in the system's language: which file
 * or key, what is wrong, what to do. Each known failure has its own words; anything else says that it is
 * unexpected and carries the error's own text. Pure, so every case is tested under Node.
 */
export function startupFailureMessage(error: unknown, lang: StartupLanguage): { title: string; body: string } {
  const title = lang === 'nb' ? 'Flow Admin kunne ikke starte' : 'Flow Admin could not start';
  if (error instanceof StartupError) return startupMessage(error, lang);
  if (error instanceof DatabaseLockedError) return { title, body: lockedBody(error, lang) };
  if (error instanceof MissingKeyError) {
    const file = path.basename(error.where);
    const folder = path.dirname(error.where);
    const count = error.sealedSecrets;
    return {
      title,
      body:
        lang === 'nb'
          ? `Nøkkelfilen ${error.where} mangler, og databasen har ${count} ${count === 1 ? 'hemmelighet' : 'hemmeligheter'} låst med den (tilkoblingsnøkler, signeringsnøkler for apper). ` +
            `Hent ${file} fra sikkerhetskopien din av ${folder} og start igjen. Flow Admin lager ikke en ny nøkkel så lenge låste hemmeligheter finnes: de kunne aldri åpnes igjen.`
          : error.message,
    };
  }
  if (error instanceof SecretBoxError) {
    return {
      title,
      body:
        lang === 'nb'
          ? `Nøkkelen som låser de lagrede hemmelighetene kan ikke brukes nå: ${error.message}`
          : `The key that seals the stored secrets cannot be used now: ${error.message}`,
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { title, body: lang === 'nb' ? `En uventet feil: ${detail}` : `An unexpected error: ${detail}` };
}

/** The programs that take the lock (main.ts, web.ts), in Norwegian. */
const programNames: Record<string, string> = {
  'the desktop app': 'skrivebordsappen',
  'browser mode (npm run web)': 'nettlesermodus (npm run web)',
};

function lockedBody(error: DatabaseLockedError, lang: StartupLanguage): string {
  const { holder, databasePath, lockFile } = error;
  if (lang === 'en') return error.message;
  const who = holder
    ? `${programNames[holder.program] ?? holder.program}, prosess ${holder.pid}${holder.host === os.hostname() ? ' på denne datamaskinen' : ` på ${holder.host}`}, siden ${holder.since}`
    : `et annet program (låsefilen ${lockFile} kan ikke leses)`;
  return (
    `${databasePath} er allerede åpen i Flow Admin: ${who}. Lukk det først, eller åpne en annen database. ` +
    `To programmer som skriver i samme database ville sendt leveranser to ganger. Hvis ingen Flow Admin kjører, slett ${lockFile}.`
  );
}
