/**
 * GraphiQL served by the subgraph itself (no CDN): the React 18 UMD builds and GraphiQL's own
 * bundle are read from node_modules and served under /graphiql/.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from 'express';

const require = createRequire(import.meta.url);
/** A file inside an installed package (these UMD files are not in the packages' `exports`). */
const packageFile = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
};

export const EXAMPLE_QUERY = `# The newest tickets with their requester, assignee, queue, tags and first comments.
query RecentTickets {
  tickets(first: 5) {
    nodes {
      id
      subject
      status { name category }
      contact { name email }
      assignees { name }
      collection { name }
      tags { name }
      comments(first: 3) {
        nodes { isPrivate body author { ... on User { name } ... on Contact { name } } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

function page(endpoint: string): string {
  const config = JSON.stringify({ endpoint, query: EXAMPLE_QUERY }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>dixa-subgraph · GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/graphiql/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script>
    const config = ${config};
    const fetcher = GraphiQL.createFetcher({ url: config.endpoint });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: config.query, defaultEditorToolsVisibility: true }),
    );
  </script>
</body>
</html>`;
}

/** GET /graphql from a browser (Accept: text/html) → GraphiQL; everything else falls through. */
export function graphiqlRouter(endpoint = '/graphql'): Router {
  const router = Router();
  router.get(endpoint, (req, res, next) => {
    const accept = req.headers.accept ?? '';
    if (!accept.includes('text/html') || req.query.query) return next();
    res.type('html').send(page(endpoint));
  });
  router.get('/graphiql/:asset', (req, res, next) => {
    const asset = ASSETS[req.params.asset];
    if (!asset) return next();
    res.type(asset.type).set('Cache-Control', 'public, max-age=86400').sendFile(asset.file);
  });
  return router;
}
