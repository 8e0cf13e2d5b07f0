import { type ValidationOptions, registerDecorator } from 'class-validator';

/** An administrative area code (GSO codes, with the suffixes of seeds/README.md). */
export const AREA_CODE = /^[A-Za-z0-9-]{1,20}$/;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO-8601 instant with a time zone (`2026-03-01T08:30:00+07:00` or `…Z`), within years 2000–2100. */
export function IsInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an ISO-8601 date-time with a time zone, e.g. 2026-03-01T08:30:00+07:00`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !INSTANT.test(value)) return false;
          const t = Date.parse(value);
          if (Number.isNaN(t)) return false;
          // Reject calendar impossibilities that Date.parse would roll over (2026-02-30).
          const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
          const probe = new Date(Date.UTC(y, m - 1, d));
          if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return false;
          return y >= 2000 && y <= 2100;
        },
      },
    });
}

/** A calendar date `YYYY-MM-DD` that exists, from 1900 on. */
export function IsLocalDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isLocalDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date written YYYY-MM-DD`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !LOCAL_DATE.test(value)) return false;
          const [y, m, d] = value.split('-').map(Number) as [number, number, number];
          const probe = new Date(Date.UTC(y, m - 1, d));
          return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d && y >= 1900;
        },
      },
    });
}

/** Canonical form of an instant for events: UTC, milliseconds. */
export function toInstant(value: string): string {
  return new Date(value).toISOString();
}
