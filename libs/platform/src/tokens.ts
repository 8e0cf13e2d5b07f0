export const SEN_CONFIG = Symbol('SEN_CONFIG');
export const SQL = Symbol('SQL');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const LOGGER = Symbol('LOGGER');
export const REDIS = Symbol('REDIS');
export const AREAS = Symbol('AREAS');
export const DECIDE_CONTEXT = Symbol('DECIDE_CONTEXT');
