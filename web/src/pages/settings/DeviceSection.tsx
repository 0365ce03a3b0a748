import type { ReactElement } from 'react';
import { DeviceApproval } from '../../components/DeviceApproval';
import { SettingsSection } from './SettingsSection';

export function DeviceSection(): ReactElement {
  return (
    <SettingsSection
      id="device"
      title="Connect the command-line tool"
      description={
        <>
          Run <code>waymark login</code> on your computer, then enter the code it shows.
        </>
      }
    >
      <DeviceApproval />
    </SettingsSection>
  );
}
