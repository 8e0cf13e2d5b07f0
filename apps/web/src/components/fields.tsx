import {
  useEffect,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useI18n } from '../i18n/i18n';

interface Common {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** Optional fields say so in their label; required ones are marked for assistive technology. */
  optional?: boolean;
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ id, label, optional }: Pick<Common, 'id' | 'label' | 'optional'>) {
  const { t } = useI18n();
  return (
    <label htmlFor={id}>
      {label}
      {optional && <span className="optional"> ({t('common.optional')})</span>}
    </label>
  );
}

function Hint({ id, hint }: { id: string; hint?: string | undefined }) {
  return hint ? (
    <p id={`${id}-hint`} className="hint">
      {hint}
    </p>
  ) : null;
}

export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  const { lang } = useI18n();
  return error ? (
    <p id={`${id}-error`} className="field-error">
      <span className="visually-hidden">{lang === 'vi' ? 'Lỗi: ' : 'Error: '}</span>
      {error}
    </p>
  ) : null;
}

type InputProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { onValue?: (v: string) => void };

export function TextField({ id, label, error, hint, optional, onValue, onChange, className, ...rest }: InputProps) {
  return (
    <div className={`field${error ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <input
        id={id}
        name={id}
        aria-invalid={error ? true : undefined}
        aria-required={optional ? undefined : true}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => {
          onChange?.(e);
          onValue?.(e.target.value);
        }}
        {...rest}
      />
    </div>
  );
}

type AreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { onValue?: (v: string) => void };

export function TextArea({ id, label, error, hint, optional, onValue, onChange, rows = 4, ...rest }: AreaProps) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <textarea
        id={id}
        name={id}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-required={optional ? undefined : true}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => {
          onChange?.(e);
          onValue?.(e.target.value);
        }}
        {...rest}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = Common &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
    options: Option[];
    placeholder?: string;
    onValue?: (v: string) => void;
  };

export function SelectField({
  id,
  label,
  error,
  hint,
  optional,
  options,
  placeholder,
  onValue,
  onChange,
  ...rest
}: SelectProps) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <select
        id={id}
        name={id}
        aria-invalid={error ? true : undefined}
        aria-required={optional ? undefined : true}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => {
          onChange?.(e);
          onValue?.(e.target.value);
        }}
        {...rest}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox({
  id,
  label,
  checked,
  onChecked,
  hint,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChecked: (v: boolean) => void;
  hint?: string;
}) {
  return (
    <div className="checkbox">
      <input
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChecked(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A group of radio buttons or checkboxes: a fieldset with its legend, the error before the choices. */
export function ChoiceGroup({
  id,
  legend,
  error,
  hint,
  children,
  inline,
}: {
  id: string;
  legend: string;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
  inline?: boolean;
}) {
  return (
    <fieldset
      id={id}
      className={`field choices${inline ? ' choices--inline' : ''}${error ? ' field--error' : ''}`}
      aria-describedby={describedBy(id, error, hint)}
      tabIndex={-1}
    >
      <legend>{legend}</legend>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      {children}
    </fieldset>
  );
}

export function Radio({
  name,
  id,
  value,
  checked,
  onSelect,
  label,
}: {
  name: string;
  id: string;
  value: string;
  checked: boolean;
  onSelect: (v: string) => void;
  label: string;
}) {
  return (
    <div className="radio">
      <input id={id} type="radio" name={name} value={value} checked={checked} onChange={() => onSelect(value)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/**
 * The list of a form's errors, above it, each a link to its field (the GOV.UK pattern). It takes the focus when
 * it appears, so that a screen reader user hears what to correct.
 */
export function ErrorSummary({ errors, title }: { errors: { id: string; message: string }[]; title?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.id}:${e.message}`).join('|');
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title ?? t('common.fixErrors')}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.id}>
            <a
              href={`#${e.id}`}
              onClick={(ev) => {
                ev.preventDefault();
                const el = document.getElementById(e.id);
                el?.focus();
                el?.scrollIntoView({ block: 'center' });
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
