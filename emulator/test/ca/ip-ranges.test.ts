/** CIDR parsing and matching for IP named locations: IPv4, IPv6 (compressed, embedded IPv4), mapped addresses. */
import { describe, it, expect } from "vitest";
import { ipInCidr, parseCidr, parseIp } from "../../src/domain/conditional-access/ip-ranges";

describe("ip ranges", () => {
  const cases: [string, string, boolean][] = [
    ["203.0.113.255", "203.0.113.0/24", true],
    ["203.0.114.0", "203.0.113.0/24", false],
    ["12.34.220.1", "12.34.221.11/22", true], // host bits set, as in Microsoft's example
    ["12.34.224.1", "12.34.221.11/22", false],
    ["2001:db8:1:ffff::1", "2001:db8:1::/48", true],
    ["2001:db8:2::1", "2001:db8:1::/48", false],
    ["2001:0:9d38:90d7::5", "2001:0:9d38:90d6:0:0:0:0/63", true],
    ["::ffff:203.0.113.1", "203.0.113.0/24", true],
    ["203.0.113.1", "2001:db8:1::/48", false],
    ["[2001:db8:1::7]", "2001:db8:1::/48", true],
    ["not an ip", "203.0.113.0/24", false],
  ];
  for (const [ip, cidr, expected] of cases) it(`${ip} in ${cidr} is ${expected}`, () => expect(ipInCidr(ip, cidr)).toBe(expected));

  it("parses embedded IPv4 in IPv6 and rejects malformed input", () => {
    expect(parseIp("64:ff9b::192.0.2.33")).toEqual({ family: 6, value: (0x64ff9bn << 96n) | 0xc0000221n });
    expect(parseIp("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(parseIp("256.1.1.1")).toBeNull();
    expect(parseCidr("203.0.113.0/33")).toBeNull();
    expect(parseCidr("2001:db8::/129")).toBeNull();
    expect(parseCidr("2001:db8::/64")).toMatchObject({ family: 6, prefix: 64 });
  });
});
