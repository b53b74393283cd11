/** `npm run schema:print`: the subgraph SDL exactly as `_service { sdl }` returns it. */
import { graphql } from 'graphql';
import { buildSchema } from '../src/schema.ts';

const result = await graphql({ schema: buildSchema(), source: '{ _service { sdl } }' });
if (result.errors?.length) {
  console.error(result.errors.map((e) => e.message).join('\n'));
  process.exit(1);
}
process.stdout.write(`${(result.data as { _service: { sdl: string } })._service.sdl.trim()}\n`);
