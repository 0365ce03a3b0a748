/**
 * OAuth errors (RFC 6749 section 5.2, RFC 8628 section 3.5) as problem details: status 400
 * with the OAuth `error` and `error_description` members as extensions, so a plain OAuth
 * client and a problem-aware one both understand the answer.
 */
import { AppError } from '../../http/errors.js';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unsupported_grant_type'
  | 'authorization_pending'
  | 'slow_down'
  | 'access_denied'
  | 'expired_token';

/**
 * `invalid_client` is a 400 too: the only client is public and never authenticates with an
 * Authorization header, which is the case RFC 6749 section 5.2 reserves 401 for.
 */
export function oauthError(error: OAuthErrorCode, description: string): AppError {
  return new AppError('bad_request', description, { error, error_description: description });
}
