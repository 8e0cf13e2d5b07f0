import { useEffect, useRef, type ReactNode } from 'react';

/** A message: `error` is an alert (announced at once), `success` and `info` are polite status messages. */
export function Notice({
  kind,
  children,
  focus,
}: {
  kind: 'error' | 'success' | 'info' | 'warning';
  children: ReactNode;
  focus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div
      ref={ref}
      className={`notice notice--${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      tabIndex={focus ? -1 : undefined}
    >
      {children}
    </div>
  );
}
