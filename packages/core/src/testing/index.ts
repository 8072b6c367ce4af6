export * from './keygen.js';
export * from './tokens.js';
