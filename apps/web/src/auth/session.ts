// The access token lives in memory and in sessionStorage (this tab only, gone when it closes); never in
// localStorage, where it would outlive the session and be shared by every tab of a shared office computer.
const KEY = 'sen.session';

let token: string | null = null;
let loaded = false;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the token stays in memory only
  }
}

export function getToken(): string | null {
  if (!loaded) {
    loaded = true;
    token = storage()?.getItem(KEY) ?? null;
  }
  return token;
}

export function setToken(value: string): void {
  token = value;
  loaded = true;
  storage()?.setItem(KEY, value);
}

export function clearToken(): void {
  token = null;
  loaded = true;
  storage()?.removeItem(KEY);
}
