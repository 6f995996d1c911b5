export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** `LIKE` pattern matching a lower-cased prefix, with the wildcards in it escaped. */
export const likePrefix = (prefix: string) => prefix.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
