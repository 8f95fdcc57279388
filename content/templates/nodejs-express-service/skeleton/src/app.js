// ${{ values.name }}: the Express application, kept apart from server.js so tests can start it on any port.
'use strict';

const express = require('express');

const app = express();
app.disable('x-powered-by');

// Liveness and readiness: the process is up and serving requests.
app.get('/health', (_req, res) => {
  res.json({ status: 'UP', service: '${{ values.name }}' });
});

module.exports = app;
