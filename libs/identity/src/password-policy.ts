import type { BilingualText } from '@credence/shared';

export const MIN_PASSWORD_LENGTH = 12;
const MIN_DISTINCT_CHARACTERS = 6;
/** Passwords printed in this product's documentation or first on every guessing list. */
const KNOWN_PASSWORDS = [
  'credence-demo',
  'password',
  'passw0rd',
  'qwerty',
  'admin',
  '123456',
  'changeme',
  'letmein',
];

/**
 * Why a password chosen for a staff account is too weak (empty when it will do): long enough, not made of a few
 * characters, not the username, not one printed in the documentation or at the top of every guessing list.
 */
export function passwordWeaknesses(password: string, username: string): BilingualText[] {
  const lower = password.toLowerCase();
  const problems: BilingualText[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH)
    problems.push({
      zh: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`,
      en: `at least ${MIN_PASSWORD_LENGTH} characters`,
    });
  if (new Set(password).size < MIN_DISTINCT_CHARACTERS)
    problems.push({
      zh: `密码至少包含 ${MIN_DISTINCT_CHARACTERS} 个不同字符`,
      en: `at least ${MIN_DISTINCT_CHARACTERS} different characters`,
    });
  if (username.length > 0 && lower.includes(username.toLowerCase()))
    problems.push({ zh: '密码不得包含用户名', en: 'must not contain the username' });
  if (KNOWN_PASSWORDS.some((known) => lower.includes(known)))
    problems.push({ zh: '密码不得使用公开或常见的密码', en: 'must not be a published or common password' });
  return problems;
}
