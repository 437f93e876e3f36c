// pg's optional native binding (`require('pg').native`) is not shipped with the desktop app: db.query
// uses pg's JavaScript client. The bundle maps 'pg-native' here so nothing outside the bundle is loaded.
throw new Error('pg-native is not part of Pipewright: PostgreSQL is reached through the JavaScript client');
