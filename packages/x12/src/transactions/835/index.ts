export * from './model.ts';
export { read835, stream835, Remit835Stream, type Remit835Event, type Read835Context } from './read-835.ts';
export { Remit835Builder, type BuilderOptions } from './remit-builder.ts';
export { REMIT_CODES } from './segments.ts';
