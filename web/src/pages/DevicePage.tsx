import type { ReactElement } from 'react';
import { AccountLayout } from '../components/AccountLayout';
import { DeviceApproval } from '../components/DeviceApproval';
import { RequireSession } from '../components/RequireSession';

/** `/device?code=`, the verification URI that `waymark login` opens or prints. */
export function DevicePage({ code }: { code: string }): ReactElement {
  return (
    <AccountLayout title="Connect a device">
      <RequireSession>{() => <DeviceApproval initialCode={code} />}</RequireSession>
    </AccountLayout>
  );
}
