// Hashing and the one sealed-envelope format; framework-free, so src/vc and workers can use it.
export * from './sealed-envelope.js';
export * from './sha256.js';
