import type { ReactNode } from 'react';
import { usePageTitle } from '../hooks';

/**
 * A page's one h1. It can take the focus (tabIndex -1): the layout moves focus here on every route change,
 * so that keyboard and screen reader users start at the new page's title.
 */
export function PageHeading({
  title,
  documentTitle,
  children,
}: {
  title: string;
  documentTitle?: string;
  children?: ReactNode;
}) {
  // A child's name never goes into the document title: it would stay in the browser's history and tab list.
  usePageTitle(documentTitle ?? title);
  return (
    <div className="page-heading">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
