import { Inject } from '@nestjs/common';

/** Injection token for the validated configuration; nothing else reads process.env. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const InjectConfig = () => Inject(APP_CONFIG);
