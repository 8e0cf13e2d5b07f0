import { arrayOf, nullable, obj, str, uuid } from '../common/response-schemas';

/** publicUser: what a user may know about themselves (never a hash, a counter or a token version). */
export const PUBLIC_USER = obj({
  userId: uuid,
  username: str,
  displayName: str,
  role: str,
  agency: nullable(str),
  unitCode: nullable(str),
  areaCodes: arrayOf(str),
});

export const SIGNED_IN = obj({ accessToken: str, user: PUBLIC_USER });
