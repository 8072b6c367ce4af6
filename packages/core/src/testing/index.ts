export * from './keygen.js';
export * from './tokens.js';
export * from './connection-strings.js';
