import type { ReactElement, ReactNode } from 'react';
import { useTheme, type ThemePref } from '../lib/theme';
import { AccountMenu } from './AccountMenu';
import { DashboardLink } from './DashboardLink';
import { Logo, MonitorIcon, MoonIcon, SunIcon } from './Icons';
import { Link } from './Link';

const OPTIONS: { value: ThemePref; label: string; icon: ReactElement }[] = [
  { value: 'light', label: 'Light theme', icon: <SunIcon size={16} /> },
  { value: 'dark', label: 'Dark theme', icon: <MoonIcon size={16} /> },
  { value: 'system', label: 'System theme', icon: <MonitorIcon size={16} /> },
];

export function ThemeToggle(): ReactElement {
  const [pref, setPref] = useTheme();
  return (
    <div className="theme-toggle" role="group" aria-label="Colour theme">
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          type="button"
          className="theme-option"
          aria-pressed={pref === o.value}
          aria-label={o.label}
          title={o.label}
          data-theme-option={o.value}
          onClick={() => setPref(o.value)}
        >
          {o.icon}
        </button>
      ))}
    </div>
  );
}

export function Header({
  title,
  children,
}: {
  title?: ReactNode;
  children?: ReactNode;
}): ReactElement {
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link href="/" className="brand" aria-label="Waymark home">
        <Logo />
        <span className="brand-name">Waymark</span>
      </Link>
      {title && (
        <>
          <span className="crumb-sep" aria-hidden="true">
            /
          </span>
          <span className="crumb">{title}</span>
        </>
      )}
      <div className="topbar-actions">
        {children}
        <DashboardLink />
        <ThemeToggle />
        <AccountMenu />
      </div>
    </header>
  );
}
