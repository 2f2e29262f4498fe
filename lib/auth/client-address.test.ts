import { describe, expect, it } from "vitest";
import { addressBucket, canonicalAddress, clientAddress, UNKNOWN_ADDRESS } from "@/lib/auth/client-address";

const forwardedFor = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientAddress", () => {
  it("behind one proxy that appends, takes its entry, whatever the client wrote to the left", () => {
    expect(clientAddress(forwardedFor("203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(forwardedFor("198.51.100.66, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(forwardedFor("10.9.9.9, evil, 1.2.3.4, 203.0.113.7"), 1)).toBe("203.0.113.7");
  });

  it("behind n proxies, takes the n-th entry from the right, or the farthest if there are fewer", () => {
    expect(clientAddress(forwardedFor("198.51.100.66, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    expect(clientAddress(forwardedFor("203.0.113.7"), 3)).toBe("203.0.113.7");
  });

  it("without a trusted proxy takes the only entry, the socket's address Next wrote", () => {
    expect(clientAddress(forwardedFor("10.0.0.2"), 0)).toBe("10.0.0.2");
    expect(clientAddress(new Headers(), 0)).toBe(UNKNOWN_ADDRESS);
  });

  it("writes one address one way: IPv4-mapped IPv6 as IPv4, IPv6 compressed, ports and zones dropped", () => {
    expect(clientAddress(forwardedFor("::ffff:203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(canonicalAddress("::FFFF:CB00:7107")).toBe("203.0.113.7");
    expect(canonicalAddress("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(canonicalAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(canonicalAddress("203.0.113.7:8080")).toBe("203.0.113.7");
    expect(canonicalAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(canonicalAddress("not-an-address")).toBe(UNKNOWN_ADDRESS);
  });
});

describe("addressBucket", () => {
  it("puts IPv6 addresses of one /64 in one bucket, and keeps IPv4 addresses apart", () => {
    expect(addressBucket("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe(addressBucket("2001:db8:1:2::1"));
    expect(addressBucket("2001:db8:1:3::1")).not.toBe(addressBucket("2001:db8:1:2::1"));
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("203.0.113.7")).not.toBe(addressBucket("203.0.113.8"));
  });
});
