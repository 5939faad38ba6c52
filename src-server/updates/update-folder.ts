/**
 * Where the provincial server keeps published app updates: beside its SQLite file, or the folder
 * named by SKILLS_DESK_UPDATES_DIR (needed with PostgreSQL, which has no file to stand beside).
 */
import path from 'node:path';
import { isPostgresSpec } from '../db';

export const UPDATE_ROUTE_PREFIX = '/updates/';

export function updateFolderFor(dbSpec: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SKILLS_DESK_UPDATES_DIR) return path.resolve(env.SKILLS_DESK_UPDATES_DIR);
  if (isPostgresSpec(dbSpec)) return path.resolve('skills-desk-updates');
  return path.join(path.dirname(path.resolve(dbSpec)), 'updates');
}
