/** Asking for another verification email, for the places that offer it with one button. */
import { useState } from 'react';
import { apiSend } from './auth';

export type ResendState = 'idle' | 'sending' | 'sent' | 'failed';

export function useResendVerification(email: string): { state: ResendState; send: () => void } {
  const [state, setState] = useState<ResendState>('idle');
  const send = (): void => {
    setState('sending');
    apiSend('POST', '/api/v1/auth/verify-email/resend', { email }).then(
      () => setState('sent'),
      () => setState('failed'),
    );
  };
  return { state, send };
}
