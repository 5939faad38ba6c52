import fs from 'node:fs';
import path from 'node:path';
import { updateFolderFor } from '../updates/update-folder';
import { publishUpdate, PublishError } from '../updates/publish-update';
import { publishItems, type PublishItem } from '../admin';
import { describeSpec, openServerDatabase } from '../db';
import { loadServerKeyring, secretsDirFor } from '../secrets/server-keys';
import { PersonalDataCipher } from '../secrets/personal-data';
import { checkPersonalDataKey, migrateAndSeal, unsealStoredData } from '../secrets/seal-stored-data';
import { DeviceRepository } from '../repositories/device-repository';
import { enrollableCounty, parseTarget, serverTarget, setServerProvince, setServerTarget } from '../settings/server-province';
import { importBatches } from '../sync/import-batches';
import { keyFolderFor, ProvinceKeyring } from '../keys/province-keyring';
import { runKeysCommand, writeReceiptFile } from './carried-admin';
import { findUnit } from '../../src-shared/domain/units';
import { SYNC_DATASETS, type SyncDataset } from '../../src-shared/sync-protocol';
import { CliError, parseCommandArgs, printHelp, requireString, type Command } from '../../src-node/cli-kit';
import { serverDbSpec } from './server-command';
import { runAuditCommand, runSecurityCommand, SETTING_OPTIONS } from './security-command';
import { runUserCommand } from './staff-user-command';

const SUBCOMMANDS = ['init', 'enrol-code', 'revoke', 'devices', 'publish', 'publish-update', 'import-batches', 'keys', 'user', 'security', 'audit', 'personal-data'] as const;

export const serverAdminCommand: Command = {
  name: 'server-admin',
  summary: 'Provincial administration: enrolment codes, devices, publishing reference data',
  usage: `
Usage: skills-desk server-admin <init|enrol-code|revoke|devices|publish|import-batches|keys|user|security|audit|personal-data|publish-update> [--db SPEC] [options]

  init --province CODE [--target N]         set the province this server serves (GB/T 2260, e.g. 410000
                                            河南省; a store set up earlier serves 230000 黑龙江省); it cannot
                                            change once a county or city account of the old province is
                                            here; --target: registrations aimed for (default 100000)
  enrol-code --county CODE [--label TEXT]   print a one-time enrolment code for a PC (valid 72 hours); the
                                            county must be a county-level unit of the server's province
  revoke --device ID                        stop a PC's token (its data stays)
  devices [--county CODE]                   list enrolled PCs
  publish --dataset D --file F.json [--county CODE]
                                            publish items to PCs (D: ${SYNC_DATASETS.join(', ')});
                                            the file is a JSON array of {id, payload} or {id, deleted: true}
  import-batches FILE [--receipt OUT]       apply a county's carried file (export-unsent): checks its
                                            signature against the PC's registered key, decrypts it, applies
                                            the batches as a push would, and writes the signed receipt for
                                            the county to OUT (default: beside FILE, .sdreceipt). Refused
                                            with nothing written: a revoked PC, another county, a tampered
                                            or replayed file, an unknown key id. Format-1 files: a warning
  keys list                                 the province's carried-file keys (newest encrypts)
  keys rotate                               make a new province key; older keys still decrypt files
                                            (in the secrets folder's province-keys/: beside the
                                            SQLite file in secrets/, or SKILLS_DESK_SECRETS_DIR)
  user add --name N --role province|city [--city CODE] [--password-file F]
                                            add a staff account for the province/city view; the
                                            password is read from the file or else from stdin
  user disable --name N                     disable a staff account and end its sessions
  user reset-2fa --name N                   forget a staff account's authenticator and recovery codes
                                            (a lost phone); its next login enrols a new one
  security show                             the staff login rules in force
  security set [--password-min-length N] [--password-classes N] [--password-max-age-days N]
               [--idle-minutes N]           change them (audited; 0 days: passwords never expire)
  audit verify                              check every audit chain; exit 1 naming the first break
  personal-data seal                        seal the ID numbers and phones an older server stored in plain
                                            text (every command and the server's start do it anyway; this
                                            one says how many); needs the server key (secrets/server-master.key)
  personal-data unseal                      open them again, in place: only before migrating the store down
                                            past 20261204230000 (the next start seals them again)
  publish-update RELEASE_DIR                publish an electron-builder release (latest*.yml + installers)
                                            to the update folder served under /updates/ (beside the
                                            SQLite file, or SKILLS_DESK_UPDATES_DIR)

Options:
  --db SPEC     SQLite file or postgres:// URL (default: DATABASE_URL, else ./skills-desk-server.sqlite)
  -h, --help    this help`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(this, argv, {
      db: { type: 'string' },
      county: { type: 'string' },
      province: { type: 'string' },
      target: { type: 'string' },
      label: { type: 'string' },
      device: { type: 'string' },
      dataset: { type: 'string' },
      file: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      city: { type: 'string' },
      'password-file': { type: 'string' },
      receipt: { type: 'string' },
      ...Object.fromEntries(Object.keys(SETTING_OPTIONS).map((option) => [option, { type: 'string' as const }])),
    });
    if (values.help) return printHelp(this);
    const sub = positionals[0];
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw new CliError(`server-admin: say what to do: ${SUBCOMMANDS.join(', ')}. See: skills-desk server-admin --help`);
    }
    const county = typeof values.county === 'string' ? values.county : undefined;
    if (county !== undefined && findUnit(county)?.level !== 'county') throw new CliError(`server-admin: --county must be a county-level code (GB/T 2260), got "${county}"`);
    const spec = serverDbSpec(values.db);
    if (sub === 'publish-update') {
      const releaseDir = positionals[1];
      if (!releaseDir) throw new CliError('server-admin publish-update: the RELEASE_DIR is required (the folder electron-builder wrote)');
      try {
        const release = publishUpdate(path.resolve(releaseDir), updateFolderFor(spec));
        process.stdout.write(`Published version ${release.version}: ${release.channels.join(', ')}; ${release.artifacts.length} artifact(s) in ${updateFolderFor(spec)}\n`);
        return 0;
      } catch (error) {
        if (error instanceof PublishError) throw new CliError(`server-admin publish-update: ${error.message}`, 1);
        throw error;
      }
    }
    if (sub === 'keys') return runKeysCommand(spec, positionals[1]);
    // The server key before the store: the store is sealed with it right after migrating (seal-stored-data.ts).
    const keyring = loadServerKeyring(secretsDirFor(spec));
    const db = openServerDatabase(spec);
    try {
      if (sub === 'personal-data' && positionals[1] === 'unseal') {
        // Not migrateAndSeal: sealing first would only be undone; the key check still guards the way back.
        await checkPersonalDataKey(db, new PersonalDataCipher(keyring));
        const counts = await unsealStoredData(db, new PersonalDataCipher(keyring));
        process.stdout.write(`Opened ${counts.trainees} trainee(s), ${counts.reviews} duplicate review(s), ${counts.conflicts} kept merge value(s)\n`);
        return 0;
      }
      const sealed = await migrateAndSeal(db, keyring);
      const devices = new DeviceRepository(db);
      if (county !== undefined) {
        const allowed = await enrollableCounty(db, county);
        if (!allowed.ok) throw new CliError(`server-admin: --county: ${allowed.message}`);
      }
      if (sub === 'init') {
        const province = requireString(this, values.province, '--province');
        // Checked before anything is written: a bad --target leaves the province as it was.
        const target = typeof values.target === 'string' ? parseTarget(values.target) : null;
        if (target && !target.ok) throw new CliError(`server-admin init: --target: ${target.message}`, 1);
        const set = await setServerProvince(db, province);
        if (!set.ok) throw new CliError(`server-admin init: ${set.message}`, 1);
        if (target?.ok) await setServerTarget(db, target.value);
        const figure = await serverTarget(db);
        process.stdout.write(`This server serves ${set.value.name} (${set.value.code}); target ${figure.toLocaleString('en-US')} registrations.\n`);
      } else if (sub === 'security') {
        await runSecurityCommand(db, positionals[1], values as Record<string, unknown>);
      } else if (sub === 'personal-data') {
        if (positionals[1] !== 'seal') throw new CliError('server-admin personal-data: say seal or unseal');
        process.stdout.write(`Sealed ${sealed.trainees} trainee(s), ${sealed.reviews} duplicate review(s), ${sealed.conflicts} kept merge value(s)\n`);
      } else if (sub === 'audit') {
        await runAuditCommand(db, positionals[1]);
      } else if (sub === 'user') {
        const v = values as Record<string, string | boolean | undefined>;
        const text = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
        await runUserCommand(db, positionals[1], { name: text('name'), role: text('role'), city: text('city'), passwordFile: text('password-file') });
      } else if (sub === 'enrol-code') {
        const code = requireString(this, county, '--county');
        const issued = await devices.issueCode(code, typeof values.label === 'string' ? values.label : null);
        process.stdout.write(`${issued.code}\n`);
        process.stderr.write(`One-time code for ${findUnit(code)?.name ?? code} (${code}), valid until ${issued.expiresAt} (${describeSpec(spec)})\n`);
      } else if (sub === 'revoke') {
        const id = requireString(this, values.device, '--device');
        if (!(await devices.revoke(id))) throw new CliError(`server-admin revoke: no active device ${id}`, 1);
        process.stdout.write(`Revoked ${id}\n`);
      } else if (sub === 'import-batches') {
        const file = positionals[1];
        if (!file) throw new CliError('server-admin import-batches: the FILE is required (written by skills-desk export-unsent)');
        const keys = ProvinceKeyring.open(keyFolderFor(spec), { create: true });
        const result = await importBatches(db, fs.readFileSync(file), { keys, importedBy: 'cli', personalData: new PersonalDataCipher(keyring) });
        const o = result.outcome;
        process.stdout.write(`${o.batches} batch(es): ${o.applied} applied, ${o.rejected} rejected, ${o.duplicate} duplicate, ${o.replayed} already imported\n`);
        const a = result.audit;
        if (a) process.stdout.write(`Audit rows: ${a.stored} stored, ${a.duplicate} already held, ${a.flagged} flagged (the chain is held through row ${a.through})\n`);
        for (const warning of result.warnings) process.stderr.write(`Warning: ${warning}\n`);
        if (result.receipt) writeReceiptFile(file, typeof values.receipt === 'string' ? values.receipt : null, result.receipt);
        if (!result.ok) throw new CliError(`server-admin import-batches: ${result.message} [${result.code}]`, 1);
      } else if (sub === 'devices') {
        for (const d of await devices.list(county)) {
          process.stdout.write(`${d.id}  ${d.countyCode}  ${d.revoked ? 'revoked' : 'active '}  enrolled ${d.createdAt}  last seen ${d.lastSeenAt ?? '-'}  ${d.label ?? ''}\n`);
        }
      } else {
        const dataset = requireString(this, values.dataset, '--dataset');
        if (!(SYNC_DATASETS as readonly string[]).includes(dataset)) throw new CliError(`server-admin publish: --dataset must be one of ${SYNC_DATASETS.join(', ')}`);
        const file = requireString(this, values.file, '--file');
        let items: PublishItem[];
        try {
          items = JSON.parse(fs.readFileSync(file, 'utf8')) as PublishItem[];
        } catch (error) {
          throw new CliError(`server-admin publish: cannot read ${file} as JSON (${error instanceof Error ? error.name : 'error'})`, 1);
        }
        if (!Array.isArray(items)) throw new CliError('server-admin publish: the file must hold a JSON array', 1);
        try {
          const n = await publishItems(db, dataset as SyncDataset, county ?? null, items);
          process.stdout.write(`Published ${n} ${dataset} item(s)${county ? ` for ${county}` : ' for every county'}\n`);
        } catch (error) {
          throw new CliError(`server-admin publish: ${error instanceof Error ? error.message : String(error)}`, 1);
        }
      }
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
