// `npm run sim -- scenario <network> <name> [on|off]` and `npm run sim -- scenarios`: switches simulation
// scenarios on a running Switchyard through its admin API (SWITCHYARD_URL, SWITCHYARD_API_KEY with `admin`).
import axios from 'axios';
import { SCENARIO_NAMES } from './scenarios';

const USAGE = `usage:
  npm run sim -- scenarios                                  list scenarios and what is on
  npm run sim -- scenario <network> <scenario> [on|off]     switch one (default: on)
scenarios: ${SCENARIO_NAMES.join(', ')}
env: SWITCHYARD_URL (default http://127.0.0.1:8080), SWITCHYARD_API_KEY (an admin key)`;

async function main(argv: string[]): Promise<number> {
  const base = (process.env.SWITCHYARD_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
  const key = process.env.SWITCHYARD_API_KEY;
  if (!key) {
    console.error(`SWITCHYARD_API_KEY is not set (an API key with the admin scope)\n${USAGE}`);
    return 2;
  }
  const http = axios.create({ baseURL: base, headers: { authorization: `Bearer ${key}` }, validateStatus: () => true, timeout: 15_000 });
  const [command, network, scenario, state = 'on'] = argv;
  let res;
  if (command === 'scenarios' || command === 'list') res = await http.get('/v1/sim/scenarios');
  else if (command === 'scenario' && network && scenario && (state === 'on' || state === 'off'))
    res = await http.post('/v1/sim/scenarios', { network, scenario, state });
  else {
    console.error(USAGE);
    return 2;
  }
  console.log(JSON.stringify(res.data, null, 2));
  if (res.status >= 400) {
    console.error(`${res.status}${res.status === 404 ? ' (is any network simulated on this Switchyard?)' : ''}`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`sim: ${(err as Error).message}`);
    process.exit(1);
  },
);
