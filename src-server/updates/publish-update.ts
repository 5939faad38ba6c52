/**
 * Publishes an electron-builder release folder to the server's update folder, where
 * electron-updater's generic provider finds it. Every artifact a channel file (latest.yml,
 * latest-linux.yml, latest-linux-arm64.yml) names must be present with the sha512 the file states;
 * artifacts are copied first and the channel files last, each by an atomic rename, so a county PC
 * never reads a channel file that points at a missing or half-copied installer.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

const CHANNEL_FILE = /^latest(-[a-z0-9-]+)?\.yml$/;

export interface ChannelFile {
  version: string;
  files: Array<{ url: string; sha512: string; size?: number }>;
  path?: string;
  sha512?: string;
  releaseDate?: string;
}

export interface PublishedRelease {
  version: string;
  channels: string[];
  artifacts: string[];
}

export class PublishError extends Error {}

function parseChannel(file: string): ChannelFile {
  let parsed: unknown;
  try {
    parsed = yaml.load(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new PublishError(`${path.basename(file)} is not valid YAML`);
  }
  const channel = parsed as Partial<ChannelFile> | null;
  if (!channel || typeof channel.version !== 'string' || !Array.isArray(channel.files) || channel.files.length === 0) {
    throw new PublishError(`${path.basename(file)} lacks a version or a files list (is it electron-builder's output?)`);
  }
  for (const entry of channel.files) {
    if (typeof entry?.url !== 'string' || typeof entry.sha512 !== 'string') throw new PublishError(`${path.basename(file)} has a files entry without url or sha512`);
    if (entry.url.includes('/') || entry.url.includes('\\') || entry.url.startsWith('.')) throw new PublishError(`${path.basename(file)} names a file outside the release folder: ${entry.url}`);
  }
  return channel as ChannelFile;
}

function sha512Base64(file: string): string {
  return createHash('sha512').update(fs.readFileSync(file)).digest('base64');
}

function copyAtomically(source: string, target: string): void {
  const temporary = `${target}.partial-${process.pid}`;
  fs.copyFileSync(source, temporary);
  fs.renameSync(temporary, target);
}

export function publishUpdate(releaseDir: string, updateFolder: string): PublishedRelease {
  if (!fs.existsSync(releaseDir) || !fs.statSync(releaseDir).isDirectory()) throw new PublishError(`${releaseDir} is not a folder`);
  const channelNames = fs.readdirSync(releaseDir).filter((name) => CHANNEL_FILE.test(name)).sort();
  if (channelNames.length === 0) throw new PublishError(`${releaseDir} has no latest*.yml: build the installers with electron-builder first`);
  const channels = channelNames.map((name) => ({ name, channel: parseChannel(path.join(releaseDir, name)) }));
  const versions = new Set(channels.map((c) => c.channel.version));
  if (versions.size !== 1) throw new PublishError(`the channel files disagree on the version: ${[...versions].join(', ')}`);

  const artifacts = new Set<string>();
  for (const { name, channel } of channels) {
    for (const entry of channel.files) {
      const file = path.join(releaseDir, entry.url);
      if (!fs.existsSync(file)) throw new PublishError(`${name} names ${entry.url}, which is not in the release folder`);
      if (sha512Base64(file) !== entry.sha512) throw new PublishError(`${entry.url} does not match the sha512 in ${name} (damaged or from another build)`);
      artifacts.add(entry.url);
      // Differential downloads use the blockmap beside each installer when it exists.
      if (fs.existsSync(`${file}.blockmap`)) artifacts.add(`${entry.url}.blockmap`);
    }
  }

  fs.mkdirSync(updateFolder, { recursive: true });
  for (const artifact of artifacts) copyAtomically(path.join(releaseDir, artifact), path.join(updateFolder, artifact));
  for (const { name } of channels) copyAtomically(path.join(releaseDir, name), path.join(updateFolder, name));
  return { version: [...versions][0]!, channels: channelNames, artifacts: [...artifacts].sort() };
}
