/**
 * Export and import of the learner's data (`/api/v1/me/export`, `/me/import`): the download
 * addresses (plain links: the server names the file) and the upload of a JSON export.
 */
import { ApiError, type FieldError } from './api';
import { apiSend } from './auth';
import type { ImportSummary } from '../../../src/modules/portability/portability.schemas';

const enc = encodeURIComponent;

/** The server refuses more (413); saying so before the upload saves the wait. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export type ExportFormat = 'json' | 'csv' | 'md';

export const exportHref = (format: ExportFormat): string => `/api/v1/me/export?format=${format}`;
export const roadmapHtmlHref = (slug: string): string =>
  `/api/v1/me/roadmaps/${enc(slug)}/export.html`;

/** What an import did: the API's own type. */
export type { ImportSummary };

/** A refused file: what the server said, and each problem with its place in the file. */
export interface ImportRefusal {
  detail: string;
  errors: readonly FieldError[];
}

/**
 * Reads the chosen file and imports it. Resolves with the summary, or with the refusal when
 * the file is not one the server takes (its problems listed); other failures reject.
 */
export async function importFile(file: File): Promise<ImportSummary | ImportRefusal> {
  if (file.size > IMPORT_MAX_BYTES) {
    return {
      detail: `This file is ${(file.size / 1024 / 1024).toFixed(1)} MB; an import takes at most 5 MB.`,
      errors: [],
    };
  }
  let document: unknown;
  try {
    document = JSON.parse(await file.text());
  } catch {
    return {
      detail: 'This file is not JSON. Choose the JSON file of a Waymark export.',
      errors: [],
    };
  }
  try {
    return await apiSend<ImportSummary>('POST', '/api/v1/me/import', document);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 422 || e.status === 413)) {
      return { detail: e.detail, errors: e.errors };
    }
    throw e;
  }
}

export const isRefusal = (r: ImportSummary | ImportRefusal): r is ImportRefusal => 'errors' in r;
