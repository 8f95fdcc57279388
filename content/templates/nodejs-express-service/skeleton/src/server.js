'use strict';

const app = require('./app');

const port = Number(process.env.PORT ?? ${{ values.port }});
const server = app.listen(port, () => console.log(`${{ values.name }} listening on port ${port}`));

// Kubernetes sends SIGTERM before stopping the pod: finish the requests in flight, then exit.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
