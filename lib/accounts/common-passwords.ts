import { COMMON_PASSWORDS_TEXT } from './common-passwords.data';

let commonPasswords: Set<string> | undefined;
/** True for the 10,000 most common passwords (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(COMMON_PASSWORDS_TEXT.split('\n'));
  return commonPasswords.has(password.toLowerCase());
}
