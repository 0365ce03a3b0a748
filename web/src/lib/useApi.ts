import { useResource, type Resource } from './api';
import { apiSend } from './auth';

/**
 * GETs `url` as the signed-in user. `retry()` loads it again; so does a new `version`, for when
 * something elsewhere on the page changed what it lists.
 */
export function useApi<T>(url: string, version = 0): Resource<T> & { retry: () => void } {
  return useResource<T>(`${url}#${version}`, () => apiSend<T>('GET', url));
}
