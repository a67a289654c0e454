/**
 * Graph URLs are case-insensitive in their static segments (`temporaryaccesspassmethods` works) and
 * accept OData key syntax (`/users('id')`, `authenticationMethodConfigurations('Fido2')`). Hono routes
 * are exact, so the path is normalized before routing: key syntax becomes a path segment, and every
 * segment that matches a registered static segment case-insensitively takes its canonical spelling.
 */
export class GraphPathNormalizer {
  private readonly canonical = new Map<string, string>();

  /** Learns the static segments of the registered route patterns. */
  learn(patterns: Iterable<string>) {
    for (const p of patterns)
      for (const seg of p.split("/")) if (seg && !seg.startsWith(":") && seg !== "*") this.canonical.set(seg.toLowerCase(), seg);
  }

  normalize(path: string): string {
    if (!/^\/(v1\.0|beta)(\/|$)/i.test(path)) return path;
    const segments = path.split("/").flatMap((seg) => {
      // seg('key') or seg(name='key') -> seg/key (name= kept for alternate keys such as roleTemplateId)
      const m = /^([^(]+)\((?:([A-Za-z]+)=)?'?(.*?)'?\)$/.exec(safeDecode(seg));
      if (m && m[1]) return m[2] ? [m[1], `${m[2]}=${encodeURIComponent(m[3])}`] : [m[1], encodeURIComponent(m[3])];
      return [seg];
    });
    return segments
      .map((seg, i) => (i === 1 ? seg.toLowerCase() : this.canonical.get(seg.toLowerCase()) ?? seg))
      .join("/");
  }
}

/** Decodes a URL component; a malformed one (a stray `%`) is returned as-is, never thrown (no 500s). */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
