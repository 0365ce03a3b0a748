import type { ReactElement, ReactNode } from 'react';

/** One titled section of the settings page, a target for the page's table of contents. */
export function SettingsSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}): ReactElement {
  return (
    <section className="settings-section" id={id} aria-labelledby={`${id}-title`}>
      <h2 className="settings-title" id={`${id}-title`}>
        {title}
      </h2>
      {description && <p className="settings-description">{description}</p>}
      {children}
    </section>
  );
}
