const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path parameter can be an id at all; anything else is answered as unknown (404). */
export const isUuid = (value: string) => UUID.test(value);
