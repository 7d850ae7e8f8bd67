/**
 * SOCKS5h proxy support (Tor). With `socks5h://HOST:PORT` the proxy resolves host names itself, which is
 * what `.onion` addresses need and what keeps DNS lookups from leaking around Tor. Plain `socks5://`
 * (local resolution) is refused for that reason.
 */
import { SocksProxyAgent } from 'socks-proxy-agent';

/** A checked proxy address. */
export interface ProxyAddress {
  readonly host: string;
  readonly port: number;
  /** The normalised URL, `socks5h://[user:password@]host:port`. */
  readonly url: string;
}

/** Parses `socks5h://HOST:PORT`; throws a RangeError with a sentence saying what is wrong. */
export function parseProxyUrl(text: string): ProxyAddress {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new RangeError(`proxy "${text}" is not a URL; expected socks5h://HOST:PORT`);
  }
  if (u.protocol !== 'socks5h:')
    throw new RangeError(
      `proxy must use socks5h:// (the proxy resolves names, as .onion needs), not ${u.protocol}//`,
    );
  if (u.hostname === '' || u.port === '')
    throw new RangeError(
      'proxy needs a host and a port: socks5h://HOST:PORT (Tor listens on 127.0.0.1:9050)',
    );
  if ((u.pathname !== '' && u.pathname !== '/') || u.search !== '' || u.hash !== '')
    throw new RangeError('proxy URL must not have a path, query or fragment');
  // user:password is kept: Tor uses distinct SOCKS credentials to isolate circuits (IsolateSOCKSAuth)
  const auth = u.username === '' ? '' : `${u.username}:${u.password}@`;
  return { host: u.hostname, port: Number(u.port), url: `socks5h://${auth}${u.host}` };
}

/** An HTTP(S) agent that opens every connection through the SOCKS5h proxy at `text`. */
export function socksAgent(text: string, keepAlive: boolean): SocksProxyAgent {
  const p = parseProxyUrl(text);
  return new SocksProxyAgent(p.url, { keepAlive, timeout: 30_000 });
}
