/**
 * `npm run <command> -- --help` for the project's own entry points: npm
 * passes the flag through to the script, which prints what it does and exits
 * before it touches a database.
 */
export function answerHelp(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (!argv.includes("--help") && !argv.includes("-h")) return;
  process.stdout.write(`${usage.trim()}\n`);
  process.exit(0);
}
