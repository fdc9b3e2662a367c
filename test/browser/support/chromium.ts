import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium: Playwright's own browser download is not reachable here (ADR 0024). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Debian's chromium brings no CJK font: without one every Chinese character is a box in the screenshots. */
const PACKAGES = 'chromium fonts-wqy-microhei';

/**
 * Installs chromium (and a CJK font) when missing, as root through apt, or fails saying how: a browser test never
 * skips silently.
 */
export function ensureChromium(): void {
  const hasCjkFont = () => {
    try {
      return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim() !== '';
    } catch {
      return false;
    }
  };
  if (existsSync(CHROMIUM) && hasCjkFont()) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `the browser tests need ${CHROMIUM} and a CJK font: run \`sudo apt-get install -y ${PACKAGES}\` (or set CHROMIUM_PATH)`,
    );
  execSync(
    `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PACKAGES}`,
    {
      stdio: 'inherit',
      timeout: 600_000,
    },
  );
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed ${PACKAGES}, yet ${CHROMIUM} is missing`);
}

export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    // Root in a container: no user namespaces for the sandbox; /dev/shm is small there.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--lang=zh-CN'],
  });
}
