import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * The addresses an IVR may call from (seed 003 recommends allowing only the
 * provider's address). Empty means any. IPv4-mapped IPv6 addresses
 * ("::ffff:10.0.0.1", what a dual-stack socket reports) count as their IPv4.
 */
export class IpAllowList {
  private readonly list = new BlockList();
  readonly empty: boolean;

  constructor(entries: readonly string[]) {
    this.empty = entries.length === 0;
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const type = isIPv4(address) ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
  }

  allows(address: string | undefined): boolean {
    if (this.empty) return true;
    if (!address) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    const ip = mapped ? mapped[1] : address;
    if (isIPv4(ip)) return this.list.check(ip, 'ipv4');
    return isIPv6(ip) && this.list.check(ip, 'ipv6');
  }
}
