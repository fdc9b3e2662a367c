import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createAccount, PasswordHasher, passwordWeaknesses, SYSTEM_CHANGES } from '@credence/identity';
import type { Env } from '@credence/shared';
import { printRefusal, withCliDatabase } from './cli-database';

export const ACCOUNTS_USAGE = `usage: credence accounts create-admin --username <name> [--display-name <name>]
  The password is read from INITIAL_ADMIN_PASSWORD or, when unset, from the first line of standard input — never
  from the command line, where every user of the machine could read it (ps, shell history).`;

export interface CommandIo {
  stdin: Readable;
  out: (text: string) => void;
  err: (text: string) => void;
}

const DEFAULT_IO: CommandIo = {
  stdin: process.stdin,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * `credence accounts create-admin`: the first administrator of a production database (which seeds no demo
 * accounts), or another one later. Refuses weak passwords and a username already taken; exit 0 on success, 1 when
 * refused, 2 on a usage error.
 */
export async function accountsCommand(
  url: string,
  env: Env,
  args: string[],
  io: CommandIo = DEFAULT_IO,
): Promise<number> {
  const [sub, ...rest] = args;
  const username = option(rest, '--username');
  if (sub !== 'create-admin' || !username || rest.includes('--password')) {
    if (rest.includes('--password'))
      io.err('the password is never taken from the command line (密码不得通过命令行参数传入)\n');
    io.err(`${ACCOUNTS_USAGE}\n`);
    return 2;
  }
  const password = env.INITIAL_ADMIN_PASSWORD !== '' ? env.INITIAL_ADMIN_PASSWORD : await firstLine(io.stdin);
  const weaknesses = passwordWeaknesses(password, username);
  if (weaknesses.length > 0) {
    io.err(`password refused (密码强度不足): ${weaknesses.map((w) => `${w.zh} / ${w.en}`).join('; ')}\n`);
    return 1;
  }
  return withCliDatabase(url, async (db) => {
    try {
      const id = await createAccount(
        db,
        new PasswordHasher(),
        {
          username,
          password,
          displayName: option(rest, '--display-name') ?? username,
          role: 'admin',
        },
        new Date(),
        SYSTEM_CHANGES.cli,
      );
      io.out(`created admin ${username} (${id}) (已创建管理员账号)\n`);
      return 0;
    } catch (error) {
      return printRefusal(error, io.err);
    }
  });
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function firstLine(stdin: Readable): Promise<string> {
  const lines = createInterface({ input: stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}
