import { writeFileSync } from 'node:fs';
import { readmeDiagrams } from './readme-diagrams';

// `npm run docs:diagrams`: redraws each workflow README's state diagram from its machine.
for (const { path, current, expected } of readmeDiagrams()) {
  if (current === expected) continue;
  writeFileSync(path, expected);
  process.stdout.write(`redrawn: ${path}\n`);
}
