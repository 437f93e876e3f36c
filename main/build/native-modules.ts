// Native addons every bundle leaves outside itself: they are loaded from node_modules at run time (the
// installed command's and the server's node_modules; asarUnpack in electron-builder.yml for the desktop).
export const NATIVE_MODULES = ['better-sqlite3', '@napi-rs/keyring'];
