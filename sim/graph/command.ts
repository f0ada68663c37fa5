import { resolve } from 'node:path';
import { DEFAULT_APP, startGraphSimulator } from './server';

export interface GraphSimulatorCommandOptions {
  port: number;
  tenantsDir: string;
  caFile?: string;
}

interface CommandIo {
  stdout: NodeJS.WritableStream;
  cwd: string;
  stopSignal: Promise<string>;
}

/** `driftwatch sim graph`: serves the tenant folders until SIGINT/SIGTERM and prints how to point Driftwatch at it. */
export async function runGraphSimulatorCommand(
  opts: GraphSimulatorCommandOptions,
  io: CommandIo,
): Promise<void> {
  const sim = await startGraphSimulator({
    port: opts.port,
    tenantsDir: resolve(io.cwd, opts.tenantsDir),
    caFile: opts.caFile ? resolve(io.cwd, opts.caFile) : undefined,
  });
  const tenants = sim.control.tenantIds();
  io.stdout.write(
    [
      `Graph simulator listening on ${sim.baseUrl} (${tenants.length} tenant${tenants.length === 1 ? '' : 's'}: ${tenants.join(', ')})`,
      `CA certificate: ${sim.caFile}`,
      '',
      'Point Driftwatch at it (NODE_EXTRA_CA_CERTS is read when node starts):',
      `  export NODE_EXTRA_CA_CERTS=${sim.caFile}`,
      `  export GRAPH_BASE_URL=${sim.baseUrl}`,
      `  export GRAPH_AUTHORITY_HOST=${sim.authorityHost}`,
      `  export GRAPH_CLIENT_ID=${DEFAULT_APP.clientId}`,
      `  export GRAPH_CLIENT_SECRET=${DEFAULT_APP.clientSecret}`,
      '',
      `Control API: ${sim.baseUrl}/_control/tenants (objects, faults, stats). Ctrl-C stops.`,
      '',
    ].join('\n'),
  );
  await io.stopSignal;
  await sim.close();
}
