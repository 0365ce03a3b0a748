import type { AnchorHTMLAttributes, ReactElement } from 'react';
import { isModifiedClick, navigate } from '../lib/router';

/** An <a> that navigates with the History API; modified clicks keep their browser meaning. */
export function Link({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }): ReactElement {
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented || isModifiedClick(e) || rest.target) return;
        e.preventDefault();
        navigate(href);
      }}
    />
  );
}
